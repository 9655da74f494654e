package org.transcriptsearch.search;

import io.vertx.core.MultiMap;
import java.util.HashSet;
import java.util.Set;

/** A validated {@code /api/search} request. */
record SearchRequest(String q, MessageFilters filters, int size, Sort sort, String cursor) {
    static final int MAX_QUERY_LENGTH = 1000;
    static final int DEFAULT_SIZE = 20;
    static final int MAX_SIZE = 100;

    enum Sort { RELEVANCE, TIME }

    static final Set<String> SINGLE;

    static {
        Set<String> single = new HashSet<>(MessageFilters.SINGLE);
        single.addAll(Set.of("q", "size", "sort", "cursor"));
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
        return new SearchRequest(q, filters, size, sort, p.text("cursor").orElse(null));
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
        return "q=" + q + "&sort=" + sort + "&size=" + size + "&" + filters.canonical();
    }
}
