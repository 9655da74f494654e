package org.transcriptsearch.text;

import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.SimpleQueryStringFlag;
import java.util.List;

/**
 * Turns what a user typed into the full-text query over a message's {@code text} and its language
 * sub-fields. User text is never query syntax beyond what the README documents: phrases in quotes,
 * {@code -} to exclude, {@code *} as a prefix; {@code simple_query_string} with only those flags never
 * fails on odd input.
 */
public final class MultilingualQuery {
    /** The fields searched, with boosts; the language-specific analysers carry the CJK recall. */
    public static final List<String> FIELDS = List.of(
            "text", "text.ko", "text.ja", "text.zh", "text.en", "text.cjk");

    private MultilingualQuery() {
    }

    public static Query forText(String userText) {
        return Query.of(q -> q.simpleQueryString(s -> s
                .query(userText)
                .fields(FIELDS)
                .defaultOperator(Operator.And)
                .flags(List.of(SimpleQueryStringFlag.Phrase, SimpleQueryStringFlag.Prefix,
                        SimpleQueryStringFlag.Not, SimpleQueryStringFlag.Whitespace))
                .lenient(true)));
    }

    /** The fields to ask highlights for: every searched field, so a hit is marked in any language. */
    public static List<String> highlightFields() {
        return FIELDS;
    }
}
