package org.transcriptsearch.text;

import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.SimpleQueryStringFlag;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.transcriptsearch.text.LanguageDetector.Script;

/**
 * Turns what a user typed into the full-text query over a message's language sub-fields, chosen by the
 * scripts in the query (measured against the standard analyzer by the relevance test, see
 * analysis-plugin/README.md). User text is never query syntax beyond what the README documents:
 * phrases in quotes, {@code -} to exclude, {@code *} as a prefix; {@code simple_query_string} with only
 * those flags never fails on odd input. Every word must match (AND): the totals and facet counts then
 * mean "messages that say this", and the measured precision stays near 1.
 */
public final class MultilingualQuery {
    /** Every field a query may search, so a hit is marked whichever analyzer found it. */
    public static final List<String> FIELDS = List.of(
            "text.ko", "text.ja", "text.zh", "text.en", "text.cjk", "text");

    private static final List<SimpleQueryStringFlag> FLAGS = List.of(SimpleQueryStringFlag.Phrase,
            SimpleQueryStringFlag.Prefix, SimpleQueryStringFlag.Not, SimpleQueryStringFlag.Whitespace);

    private MultilingualQuery() {
    }

    public static Query forText(String userText) {
        List<String> fields = fieldsFor(userText);
        return Query.of(q -> q.simpleQueryString(s -> s
                .query(userText)
                .fields(fields)
                .defaultOperator(Operator.And)
                .flags(FLAGS)
                .lenient(true)));
    }

    /**
     * The sub-fields whose analyzers can read the query. Han without kana goes to Chinese and the CJK
     * bigrams, not to Kuromoji: Kuromoji cuts Chinese words it does not know into single characters
     * (优惠券 → 优 惠 券) and drops some as suffixes, which matched unrelated messages; a Japanese query
     * in kanji alone (住所変更) is still found through the bigrams. Latin words also go to the CJK
     * language fields, because only those split them off in "OTP번호를" or "iPhoneの設定".
     */
    static List<String> fieldsFor(String userText) {
        Set<Script> scripts = LanguageDetector.scripts(userText);
        List<String> fields = new ArrayList<>();
        if (scripts.contains(Script.HANGUL) || scripts.contains(Script.LATIN)) {
            fields.add("text.ko");
        }
        if (scripts.contains(Script.KANA) || scripts.contains(Script.LATIN)) {
            fields.add("text.ja");
        }
        if ((scripts.contains(Script.HAN) && !scripts.contains(Script.KANA)) || scripts.contains(Script.LATIN)) {
            fields.add("text.zh");
        }
        if (scripts.contains(Script.LATIN)) {
            fields.add("text.en");
        }
        if (scripts.contains(Script.HANGUL) || scripts.contains(Script.KANA) || scripts.contains(Script.HAN)) {
            fields.add("text.cjk");
        }
        if (fields.isEmpty()) {
            // Digits, ids, symbols: the standard analyzer keeps them whole.
            fields.add("text");
            fields.add("text.en");
        }
        return fields;
    }

    /** The fields to ask highlights for: every field a query may search. */
    public static List<String> highlightFields() {
        return FIELDS;
    }
}
