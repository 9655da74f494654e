package org.transcriptsearch.search;

import io.vertx.core.MultiMap;
import java.util.HashSet;
import java.util.Set;
import org.transcriptsearch.text.MultilingualQuery.Match;

/**
 * A validated {@code /api/search} request.
 *
 * @param match  messages holding all the terms only, or most of them too (all first)
 * @param expand whether terms also search their synonyms and, for Latin words, misspellings
 */
record SearchRequest(String q, MessageFilters filters, int size, Sort sort, String cursor, Match match,
                     boolean expand) {
    static final int MAX_QUERY_LENGTH = 1000;
    static final int DEFAULT_SIZE = 20;
    static final int MAX_SIZE = 100;

    enum Sort { RELEVANCE, TIME }

    static final Set<String> SINGLE;
    /** How the text is read; shared with {@code /api/intents}. */
    static final Set<String> TEXT_OPTIONS = Set.of("match", "expand");

    static {
        Set<String> single = new HashSet<>(MessageFilters.SINGLE);
        single.addAll(Set.of("q", "size", "sort", "cursor"));
        single.addAll(TEXT_OPTIONS);
        SINGLE = Set.copyOf(single);
    }

    static SearchRequest parse(MultiMap params) {
        QueryParameters p = QueryParameters.check(params, SINGLE, MessageFilters.MULTI);
        String q = text(p);
        MessageFilters filters = MessageFilters.from(p);
        int size = p.integer("size", 1, MAX_SIZE).orElse(DEFAULT_SIZE);
        Sort sort = p.text("sort").map(s -> switch (s) {
            case "relevance" -> Sort.RELEVANCE;
            case "time" -> Sort.TIME;
            default -> throw ApiError.badParameter("sort", "sort must be 'relevance' (default) or 'time', not '" + s + "'");
        }).orElse(Sort.RELEVANCE);
        return new SearchRequest(q, filters, size, sort, p.text("cursor").orElse(null), match(p), expand(p));
    }

    static Match match(QueryParameters p) {
        return p.text("match").map(m -> switch (m) {
            case "most" -> Match.MOST;
            case "all" -> Match.ALL;
            default -> throw ApiError.badParameter("match", "match must be 'most' (default: messages holding every "
                    + "term first, then those holding most of them) or 'all' (only those holding every term), not '" + m + "'");
        }).orElse(Match.MOST);
    }

    static boolean expand(QueryParameters p) {
        return p.text("expand").map(e -> switch (e) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiError.badParameter("expand", "expand must be 'true' (default: synonyms and misspellings "
                    + "are searched too) or 'false' (only the words as typed), not '" + e + "'");
        }).orElse(true);
    }

    /** The full-text query, blank = none; shared with {@code /api/intents}. */
    static String text(QueryParameters p) {
        String q = p.text("q").map(String::strip).orElse("");
        if (q.length() > MAX_QUERY_LENGTH) {
            throw ApiError.badParameter("q", "q is " + q.length() + " characters long; the limit is "
                    + MAX_QUERY_LENGTH);
        }
        return q;
    }

    boolean hasText() {
        return !q.isEmpty();
    }

    /** What a cursor is bound to: everything but the cursor itself. */
    String fingerprint() {
        return "q=" + q + "&sort=" + sort + "&size=" + size + "&match=" + match + "&expand=" + expand + "&"
                + filters.canonical();
    }
}
