package org.transcriptsearch.search;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.text.MultilingualQuery.Match;

/**
 * {@code /api/intents}: per intent, over the messages matching the same filters as a search, the
 * message count, the average confidence, the share of scored messages below {@code threshold}
 * (default 0.5) and the fallback share; most frequent first.
 */
final class IntentStatistics {
    static final double DEFAULT_THRESHOLD = 0.5;
    static final int DEFAULT_SIZE = 100;
    static final int MAX_SIZE = 500;
    static final Set<String> SINGLE;

    static {
        Set<String> single = new HashSet<>(MessageFilters.SINGLE);
        single.addAll(Set.of("q", "threshold", "size"));
        single.addAll(SearchRequest.TEXT_OPTIONS);
        SINGLE = Set.copyOf(single);
    }

    record Request(String q, MessageFilters filters, double threshold, int size, Match match, boolean expand) {
    }

    private final IndexNames indices;
    private final QueryExpansion expansion;

    IntentStatistics(IndexNames indices, QueryExpansion expansion) {
        this.indices = indices;
        this.expansion = expansion;
    }

    static Request parse(MultiMap params) {
        QueryParameters p = QueryParameters.check(params, SINGLE, MessageFilters.MULTI);
        return new Request(SearchRequest.text(p), MessageFilters.from(p),
                p.decimal("threshold", 0, 1).orElse(DEFAULT_THRESHOLD),
                p.integer("size", 1, MAX_SIZE).orElse(DEFAULT_SIZE), SearchRequest.match(p), SearchRequest.expand(p));
    }

    ElasticsearchCall toElasticsearch(Request r) {
        JsonArray filter = r.filters().allClauses().add(new JsonObject().put("exists",
                new JsonObject().put("field", "intent.name")));
        JsonObject bool = new JsonObject().put("filter", filter);
        if (!r.q().isEmpty()) {
            bool.put("must", new JsonArray().add(expansion.query(expansion.read(r.q(), r.expand()), r.match())));
        }
        JsonObject perIntent = new JsonObject()
                .put("avg_confidence", new JsonObject().put("avg", new JsonObject().put("field", "intent.confidence")))
                .put("scored", new JsonObject().put("value_count", new JsonObject().put("field", "intent.confidence")))
                .put("below", new JsonObject().put("filter", new JsonObject().put("range", new JsonObject()
                        .put("intent.confidence", new JsonObject().put("lt", r.threshold())))))
                .put("fallback", new JsonObject().put("filter", MessageFilters.term("intent.fallback", true)));
        JsonObject body = new JsonObject()
                .put("size", 0)
                .put("track_total_hits", true)
                .put("query", new JsonObject().put("bool", bool))
                .put("aggs", new JsonObject().put("intents", new JsonObject()
                        .put("terms", new JsonObject().put("field", "intent.name").put("size", r.size())
                                .put("order", new JsonArray().add(new JsonObject().put("_count", "desc"))
                                        .add(new JsonObject().put("_key", "asc"))))
                        .put("aggs", perIntent)));
        return ElasticsearchCall.search(indices.messages(), body);
    }

    JsonObject toResponse(Request r, JsonObject es) {
        long total = es.getJsonObject("hits", new JsonObject()).getJsonObject("total", new JsonObject()).getLong("value", 0L);
        JsonObject agg = es.getJsonObject("aggregations", new JsonObject()).getJsonObject("intents", new JsonObject());
        JsonArray intents = new JsonArray();
        for (Object b : agg.getJsonArray("buckets", new JsonArray())) {
            JsonObject bucket = (JsonObject) b;
            long count = bucket.getLong("doc_count");
            long scored = bucket.getJsonObject("scored").getLong("value", 0L);
            long below = bucket.getJsonObject("below").getLong("doc_count");
            long fallback = bucket.getJsonObject("fallback").getLong("doc_count");
            Object avg = bucket.getJsonObject("avg_confidence").getValue("value");
            intents.add(new JsonObject()
                    .put("name", bucket.getString("key"))
                    .put("count", count)
                    .put("avgConfidence", avg == null ? null : ((Number) avg).doubleValue())
                    .put("belowThreshold", below)
                    .put("belowThresholdShare", scored == 0 ? null : (double) below / scored)
                    .put("fallback", fallback)
                    .put("fallbackShare", (double) fallback / count));
        }
        return Completeness.of(es).addTo(new JsonObject()
                .put("total", total)
                .put("threshold", r.threshold())
                .put("otherIntents", agg.getLong("sum_other_doc_count", 0L))
                .put("intents", intents));
    }
}
