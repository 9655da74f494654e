package org.transcriptsearch.search;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.text.MultilingualQuery;
import org.transcriptsearch.text.MultilingualQuery.Match;
import org.transcriptsearch.text.SearchTerms;

/**
 * {@code /api/search} as one Elasticsearch search: full text via {@link QueryExpansion} (synonyms,
 * misspellings, every term first then most of them, with an aggregation counting those holding all), range filters
 * in the query, facet filters as {@code post_filter} with one filter aggregation per facet holding every
 * facet filter but its own (so choosing {@code vendor=kore} still shows how many messages the other
 * vendors have), a date histogram, merged highlights, and {@code search_after} paging on a tie-broken sort.
 */
final class MessageSearch {
    static final int FACET_SIZE = 25;
    static final List<String> HIT_FIELDS = List.of("@timestamp", "vendor", "source", "bot", "conversation.id",
            "message.id", "message.seq", "role", "text", "language", "intent.name", "intent.confidence",
            "intent.fallback", "channel.name", "options", "pii");

    private final IndexNames indices;
    private final QueryExpansion expansion;
    private final SearchCursor cursors;

    MessageSearch(IndexNames indices, QueryExpansion expansion, SearchCursor cursors) {
        this.indices = indices;
        this.expansion = expansion;
        this.cursors = cursors;
    }

    /** The request's text read with the synonyms in use now (no terms without text). */
    SearchTerms terms(SearchRequest request) {
        return expansion.read(request.q(), request.expand());
    }

    /**
     * What the best hits of a first look say (learned from the user's own data): their language, which
     * decides the synonyms of a query in Chinese characters alone (Chinese, or Japanese in kanji), and the
     * intent most of them share, whose messages in that language are then found too, after every message
     * holding the terms (with {@code match=most}).
     *
     * @param language the language most of the best hits are in (null: none found)
     * @param intent   the intent most of them share (null: none does)
     */
    record BestHits(String language, String intent) {
        /** The first {@link #SAMPLE} hits; an intent counts when {@link #SHARE} of them, and {@link #AT_LEAST}, have it. */
        static final int SAMPLE = 10;
        static final double SHARE = 0.6;
        static final int AT_LEAST = 3;
    }

    /** Whether {@link #bestHitsCall} is asked before the search: a text searched with expansion. */
    static boolean looksFirst(SearchRequest request) {
        return request.hasText() && request.expand();
    }

    /** The language and intent of the request's best hits (size 0: one sampler aggregation). */
    ElasticsearchCall bestHitsCall(SearchRequest request, SearchTerms terms) {
        MessageFilters f = request.filters();
        JsonArray filter = f.rangeClauses().copy();
        f.facetClauses(null).forEach(filter::add);
        JsonObject body = new JsonObject().put("size", 0)
                .put("query", new JsonObject().put("bool", new JsonObject().put("filter", filter)
                        .put("must", new JsonArray().add(expansion.query(terms, request.match())))))
                .put("aggs", new JsonObject().put("top", new JsonObject()
                        .put("sampler", new JsonObject().put("shard_size", BestHits.SAMPLE))
                        .put("aggs", new JsonObject()
                                .put("intent", terms("intent.name"))
                                .put("language", terms("language")))));
        return ElasticsearchCall.search(indices.messages(), body);
    }

    private static JsonObject terms(String field) {
        return new JsonObject().put("terms", new JsonObject().put("field", field).put("size", 1));
    }

    /** The answer to {@link #bestHitsCall}. */
    static BestHits bestHits(JsonObject es) {
        JsonObject top = es.getJsonObject("aggregations", new JsonObject()).getJsonObject("top", new JsonObject());
        long sampled = top.getLong("doc_count", 0L);
        JsonArray intents = top.getJsonObject("intent", new JsonObject()).getJsonArray("buckets", new JsonArray());
        JsonArray languages = top.getJsonObject("language", new JsonObject()).getJsonArray("buckets", new JsonArray());
        String language = languages.isEmpty() ? null : languages.getJsonObject(0).getValue("key").toString();
        String intent = null;
        if (language != null && !intents.isEmpty()) {
            long count = intents.getJsonObject(0).getLong("doc_count");
            if (count >= BestHits.AT_LEAST && count >= BestHits.SHARE * sampled) {
                intent = intents.getJsonObject(0).getValue("key").toString();
            }
        }
        return new BestHits(language, intent);
    }

    /**
     * The request's text read again once its best hits' language is known: that changes only a query in
     * Chinese characters alone; any other keeps its {@code first} reading.
     */
    SearchTerms terms(SearchRequest request, SearchTerms first, BestHits best) {
        return best == null || !SearchTerms.hanOnly(request.q()) ? first
                : expansion.read(request.q(), request.expand(), best.language());
    }

    /** The best hits' intent as used: only when they share one and the request takes messages holding most terms. */
    private static BestHits learnedIntent(SearchRequest request, BestHits best) {
        return best != null && best.intent() != null && request.match() == Match.MOST ? best : null;
    }

    ElasticsearchCall toElasticsearch(SearchRequest request, SearchTerms terms, BestHits best, TimeSpan span) {
        BestHits learned = learnedIntent(request, best);
        MessageFilters f = request.filters();
        JsonObject bool = new JsonObject().put("filter", f.rangeClauses());
        if (request.hasText()) {
            JsonObject text = expansion.query(terms, request.match());
            if (learned != null) {
                text = new JsonObject().put("bool", new JsonObject().put("minimum_should_match", 1)
                        .put("should", new JsonArray().add(text).add(new JsonObject().put("constant_score", new JsonObject()
                                .put("boost", 0.5)
                                .put("filter", boolFilter(new JsonArray()
                                        .add(MessageFilters.term("intent.name", learned.intent()))
                                        .add(MessageFilters.term("language", learned.language())) ))))));
            }
            bool.put("must", new JsonArray().add(text));
        }
        JsonObject body = new JsonObject()
                .put("size", request.size())
                .put("track_total_hits", true)
                .put("query", new JsonObject().put("bool", bool))
                .put("_source", new JsonArray(HIT_FIELDS))
                .put("sort", sort(request.sort(), request.hasText(), "source", "conversation.id", "message.id"));
        JsonArray facetFilters = f.facetClauses(null);
        if (!facetFilters.isEmpty()) {
            body.put("post_filter", boolFilter(facetFilters));
        }
        JsonObject aggs = new JsonObject();
        for (MessageFilters.Facet facet : MessageFilters.Facet.values()) {
            aggs.put(facet.parameter, new JsonObject()
                    .put("filter", boolFilter(f.facetClauses(facet)))
                    .put("aggs", new JsonObject().put("values", new JsonObject().put("terms",
                            new JsonObject().put("field", facet.fields.get(0)).put("size", FACET_SIZE)))));
        }
        aggs.put("histogram", new JsonObject().put("filter", boolFilter(facetFilters))
                .put("aggs", new JsonObject().put("dates", HistogramInterval.aggregation(f.from(), f.to(), span))));
        if (request.hasText() && QueryExpansion.relaxed(terms, request.match())) {
            aggs.put("all_terms", new JsonObject().put("filter",
                    boolFilter(facetFilters.copy().add(expansion.allTerms(terms)))));
        }
        body.put("aggs", aggs);
        if (request.hasText()) {
            JsonObject fields = new JsonObject();
            MultilingualQuery.highlightFields().forEach(field -> fields.put(field, new JsonObject()));
            body.put("highlight", new JsonObject().put("encoder", "html").put("number_of_fragments", 0)
                    .put("pre_tags", new JsonArray().add("<em>")).put("post_tags", new JsonArray().add("</em>"))
                    .put("fields", fields));
        }
        if (request.cursor() != null) {
            body.put("search_after", position(request).searchAfter());
        }
        return ElasticsearchCall.search(indices.messages(), body);
    }

    SearchCursor.Position position(SearchRequest request) {
        return cursors.decode(request.cursor(), request.fingerprint());
    }

    JsonObject toResponse(SearchRequest request, SearchTerms terms, BestHits best, TimeSpan span, JsonObject es) {
        BestHits learned = learnedIntent(request, best);
        JsonObject hitsObject = es.getJsonObject("hits", new JsonObject());
        long total = hitsObject.getJsonObject("total", new JsonObject()).getLong("value", 0L);
        JsonArray hits = new JsonArray();
        JsonArray esHits = hitsObject.getJsonArray("hits", new JsonArray());
        Set<String> searched = request.hasText() ? RedactedText.searched(terms) : Set.of();
        for (int i = 0; i < esHits.size(); i++) {
            JsonObject h = esHits.getJsonObject(i);
            JsonObject hit = MessageView.of(h.getString("_id"), h.getJsonObject("_source", new JsonObject()));
            hit.put("highlight", HighlightSnippet.merge(hit.getString("text"), h.getJsonObject("highlight"),
                    RedactedText.placeholders(hit.getValue("pii")), searched));
            hits.add(hit);
        }
        JsonObject aggs = es.getJsonObject("aggregations", new JsonObject());
        JsonObject facets = new JsonObject();
        for (MessageFilters.Facet facet : MessageFilters.Facet.values()) {
            JsonArray values = new JsonArray();
            JsonObject agg = aggs.getJsonObject(facet.parameter, new JsonObject()).getJsonObject("values", new JsonObject());
            for (Object b : agg.getJsonArray("buckets", new JsonArray())) {
                JsonObject bucket = (JsonObject) b;
                values.add(new JsonObject().put("value", bucket.getValue("key").toString())
                        .put("count", bucket.getLong("doc_count")));
            }
            facets.put(facet.parameter, values);
        }
        JsonObject dates = aggs.getJsonObject("histogram", new JsonObject()).getJsonObject("dates", new JsonObject());
        JsonArray histogram = new JsonArray();
        for (Object b : dates.getJsonArray("buckets", new JsonArray())) {
            JsonObject bucket = (JsonObject) b;
            histogram.add(new JsonObject().put("date", bucket.getString("key_as_string"))
                    .put("count", bucket.getLong("doc_count")));
        }
        long servedBefore = request.cursor() == null ? 0 : position(request).served();
        long served = servedBefore + esHits.size();
        String next = null;
        if (!esHits.isEmpty() && served < total) {
            JsonArray sortValues = esHits.getJsonObject(esHits.size() - 1).getJsonArray("sort");
            next = cursors.encode(new SearchCursor.Position(sortValues, served), request.fingerprint());
        }
        JsonObject response = new JsonObject().put("total", total);
        if (request.hasText()) {
            long allTerms = QueryExpansion.relaxed(terms, request.match())
                    ? aggs.getJsonObject("all_terms", new JsonObject()).getLong("doc_count", 0L) : total;
            JsonObject query = QueryExpansion.describe(terms, request.match()).put("allTerms", allTerms);
            if (learned != null) {
                query.put("intent", new JsonObject().put("name", learned.intent()).put("language", learned.language()));
            }
            response.put("query", query);
        }
        return Completeness.of(es).addTo(response
                .put("hits", hits)
                .put("facets", facets)
                .put("histogram", histogram)
                .put("interval", HistogramInterval.interval(
                        request.filters().from() != null ? request.filters().from() : span == null ? null : span.min(),
                        request.filters().to() != null ? request.filters().to() : span == null ? null : span.max()))
                .put("cursor", next));
    }

    /**
     * Relevance (or newest first without text), then {@code keys} ascending: a unique tie-breaker, so
     * search_after never skips or repeats (messages: source, conversation.id, message.id).
     */
    static JsonArray sort(SearchRequest.Sort sort, boolean hasText, String... keys) {
        JsonArray s = new JsonArray();
        if (sort == SearchRequest.Sort.RELEVANCE && hasText) {
            s.add(new JsonObject().put("_score", "desc"));
        }
        s.add(new JsonObject().put("@timestamp", new JsonObject().put("order", "desc").put("missing", "_last")));
        for (String key : keys) {
            s.add(new JsonObject().put(key, "asc"));
        }
        return s;
    }

    static JsonObject boolFilter(JsonArray clauses) {
        return new JsonObject().put("bool", new JsonObject().put("filter", clauses));
    }
}
