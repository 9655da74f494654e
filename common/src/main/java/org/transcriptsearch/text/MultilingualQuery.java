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
 * those flags never fails on odd input. {@link #forTerms} builds the query of {@link SearchTerms}: each
 * term as typed or in one of its other forms (each form's own words all required), every term first,
 * then most of them; {@link #forText} is the literal query of the design before synonyms, kept as the
 * baseline the relevance test measures against.
 */
public final class MultilingualQuery {
    /** Every field a query may search, so a hit is marked whichever analyzer found it. */
    public static final List<String> FIELDS = List.of(
            "text.ko", "text.ja", "text.zh", "text.en", "text.cjk", "text");

    /**
     * The field listing the kinds of personal data redaction replaced, on messages and conversations alike (see
     * {@link RedactedKind}).
     */
    public static final String PII_FIELD = "pii";

    private static final List<SimpleQueryStringFlag> FLAGS = List.of(SimpleQueryStringFlag.Phrase,
            SimpleQueryStringFlag.Prefix, SimpleQueryStringFlag.Not, SimpleQueryStringFlag.Whitespace);

    private MultilingualQuery() {
    }

    /** Which messages a search returns: those holding every term, or also those holding most of them. */
    public enum Match { ALL, MOST }

    /** How much a synonym counts against the word typed, and a misspelling against both. */
    static final float SYNONYM_BOOST = 0.8f;
    static final float TYPO_BOOST = 0.4f;
    /** Added to the score of a message holding every term, so all of those rank before any holding fewer. */
    static final float ALL_TERMS_BONUS = 1000f;
    /** Edits a misspelling may hold: none below 5 letters, 1 up to 7, 2 from 8. */
    static final String TYPO_FUZZINESS = "AUTO:5,8";

    /**
     * The query for {@code terms}: each term matches as typed or as one of its other forms (the best form
     * counts); with {@link Match#MOST}, messages holding {@link #required} of the terms are found and those
     * holding all rank first.
     */
    public static Query forTerms(SearchTerms terms, Match match) {
        List<Query> clauses = required(terms);
        List<Query> optional = terms.terms().stream().filter(SearchTerms.Term::optional)
                .map(t -> clause(t, terms.languages())).toList();
        List<Query> excluded = excluded(terms);
        if (clauses.isEmpty()) {
            return Query.of(q -> q.bool(b -> b.must(m -> m.matchAll(a -> a)).mustNot(excluded)));
        }
        int required = match == Match.ALL ? clauses.size() : required(clauses.size());
        if (required == clauses.size()) {
            return Query.of(q -> q.bool(b -> b.must(clauses).should(optional).mustNot(excluded)));
        }
        Query most = Query.of(q -> q.bool(b -> b.should(clauses).minimumShouldMatch(Integer.toString(required))));
        List<Query> rank = new ArrayList<>(optional);
        rank.add(Query.of(s -> s.constantScore(c -> c.filter(f -> f.bool(a -> a.filter(clauses))).boost(ALL_TERMS_BONUS))));
        return Query.of(q -> q.bool(b -> b.must(most).mustNot(excluded).should(rank)));
    }

    /** Messages holding every term (and none excluded), unscored: how many of the found hold them all. */
    public static Query allTerms(SearchTerms terms) {
        List<Query> clauses = required(terms);
        List<Query> excluded = excluded(terms);
        return Query.of(q -> q.bool(b -> b.filter(clauses).mustNot(excluded)));
    }

    /** Messages holding any of the terms (request words too) in any of their forms, none excluded. */
    public static Query anyTerm(SearchTerms terms) {
        List<Query> clauses = terms.terms().stream().map(t -> clause(t, terms.languages())).toList();
        return Query.of(q -> q.bool(b -> b.should(clauses).minimumShouldMatch("1")));
    }

    /** The terms a message must hold (request words such as "how" or 신청 only rank). */
    public static int requiredTerms(SearchTerms terms) {
        return (int) terms.terms().stream().filter(t -> !t.optional()).count();
    }

    private static List<Query> excluded(SearchTerms terms) {
        return terms.excluded().stream().map(e -> RedactedKind.of(e)
                .map(MultilingualQuery::redacted).orElseGet(() -> form(e, 1f))).toList();
    }

    private static List<Query> required(SearchTerms terms) {
        return terms.terms().stream().filter(t -> !t.optional()).map(t -> clause(t, terms.languages())).toList();
    }

    /**
     * How many of {@code n} terms a message must hold to be found at all: both of two (one of two is mostly
     * another topic: "cancel" of "cancel subscription"), all but one of three or four, and from five on 70 %
     * (a long question typed whole still finds the messages that say most of it).
     */
    public static int required(int n) {
        if (n <= 2) {
            return n;
        }
        if (n <= 4) {
            return n - 1;
        }
        return (int) Math.ceil(n * 0.7);
    }

    /** The term as typed, or else one of its other forms, these only in messages of the query's languages. */
    private static Query clause(SearchTerms.Term term, List<String> languages) {
        if (term.redacted().isPresent()) {
            return redacted(term.redacted().get());
        }
        List<Query> forms = new ArrayList<>();
        forms.add(form(term.text(), 1f));
        term.synonyms().forEach(s -> forms.add(inLanguages(form(s, SYNONYM_BOOST), languages)));
        if (term.typos()) {
            forms.add(inLanguages(Query.of(q -> q.match(m -> m.field("text.en").query(term.text())
                    .fuzziness(TYPO_FUZZINESS).prefixLength(1).maxExpansions(20).boost(TYPO_BOOST))), languages));
        }
        return forms.size() == 1 ? forms.get(0) : Query.of(q -> q.disMax(d -> d.queries(forms).tieBreaker(0.1)));
    }

    /**
     * Messages (or conversations) whose {@code pii} names the kind (a pattern's name in any case); for a name
     * that is not a built-in kind, also those whose text holds it, as a customer may have typed "[OK]".
     */
    private static Query redacted(RedactedKind kind) {
        Query field = Query.of(q -> q.term(t -> t.field(PII_FIELD).value(kind.name()).caseInsensitive(true)));
        if (kind.builtIn()) {
            return field;
        }
        Query text = form(kind.placeholder(), 1f);
        return Query.of(q -> q.bool(b -> b.should(field, text).minimumShouldMatch("1")));
    }

    private static Query inLanguages(Query form, List<String> languages) {
        if (languages.isEmpty()) {
            return form;
        }
        List<co.elastic.clients.elasticsearch._types.FieldValue> values = languages.stream()
                .map(co.elastic.clients.elasticsearch._types.FieldValue::of).toList();
        return Query.of(q -> q.bool(b -> b.must(form).filter(f -> f.terms(t -> t.field("language")
                .terms(v -> v.value(values))))));
    }

    private static Query form(String text, float boost) {
        List<String> fields = fieldsFor(text);
        return Query.of(q -> q.simpleQueryString(s -> s
                .query(text)
                .fields(fields)
                .defaultOperator(Operator.And)
                .flags(FLAGS)
                .lenient(true)
                .boost(boost)));
    }

    /** The literal query: every word as typed, no synonyms, no misspellings (the design before meaning). */
    public static Query forText(String userText) {
        return form(userText, 1f);
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
