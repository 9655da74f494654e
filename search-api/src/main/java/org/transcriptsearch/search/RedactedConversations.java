package org.transcriptsearch.search;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.transcriptsearch.elastic.IndexNames;

/**
 * The {@code pii} filter of {@code /api/conversations}. Only messages carry {@code pii} (a conversation
 * document has its messages' texts, where {@code [CARD]} reads as the word "card"), so the conversations are
 * first looked up in the messages index (a composite aggregation over source and conversation id, paged) and
 * then filtered by id. {@code pii=card}: conversations with a message that held a card number;
 * {@code pii=none}: conversations none of whose messages held any personal data.
 *
 * @param holding     conversations with a message of the kinds asked for (null: no kind asked for)
 * @param redacted    conversations with a message of any kind (null: {@code none} not asked for)
 * @param incomplete  more conversations matched than {@link #MAX_CONVERSATIONS}: the answer says partial
 */
record RedactedConversations(Map<String, List<String>> holding, Map<String, List<String>> redacted, boolean incomplete) {
    /** Conversation ids one filter may hold: Elasticsearch's {@code index.max_terms_count} is 65,536. */
    static final int MAX_CONVERSATIONS = 50_000;
    static final int PAGE = 10_000;

    /** Looks the conversations up, through {@code send} (so a key's scope applies); none when pii is not filtered. */
    static Future<RedactedConversations> lookUp(IndexNames indices, MessageFilters filters,
                                                Function<ElasticsearchCall, Future<JsonObject>> send) {
        List<String> values = filters.facets().get(MessageFilters.Facet.PII);
        if (values == null) {
            return Future.succeededFuture(null);
        }
        List<String> kinds = values.stream().filter(v -> !v.equals(MessageFilters.PII_NONE)).toList();
        Future<Found> holding = kinds.isEmpty() ? Future.succeededFuture(null)
                : collect(indices, MessageFilters.piiClause(kinds), null, new Found(), send);
        Future<Found> redacted = kinds.size() == values.size() ? Future.succeededFuture(null)
                : collect(indices, MessageFilters.piiClause(List.of(MessageFilters.PII_ANY)), null, new Found(), send);
        return Future.all(holding, redacted).map(done -> new RedactedConversations(
                holding.result() == null ? null : holding.result().bySource,
                redacted.result() == null ? null : redacted.result().bySource,
                holding.result() != null && holding.result().incomplete
                        || redacted.result() != null && redacted.result().incomplete));
    }

    private static final class Found {
        final Map<String, List<String>> bySource = new LinkedHashMap<>();
        int count;
        boolean incomplete;
    }

    private static Future<Found> collect(IndexNames indices, JsonObject messages, JsonObject after, Found found,
                                         Function<ElasticsearchCall, Future<JsonObject>> send) {
        JsonObject composite = new JsonObject().put("size", PAGE).put("sources", new JsonArray()
                .add(new JsonObject().put("source", new JsonObject().put("terms", new JsonObject().put("field", "source"))))
                .add(new JsonObject().put("id", new JsonObject().put("terms", new JsonObject().put("field", "conversation.id")))));
        if (after != null) {
            composite.put("after", after);
        }
        JsonObject body = new JsonObject().put("size", 0).put("query", MessageSearch.boolFilter(new JsonArray().add(messages)))
                .put("aggs", new JsonObject().put("conversations", new JsonObject().put("composite", composite)));
        return send.apply(ElasticsearchCall.search(indices.messages(), body)).compose(es -> {
            JsonObject agg = es.getJsonObject("aggregations", new JsonObject()).getJsonObject("conversations", new JsonObject());
            JsonArray buckets = agg.getJsonArray("buckets", new JsonArray());
            for (int i = 0; i < buckets.size() && found.count < MAX_CONVERSATIONS; i++) {
                JsonObject key = buckets.getJsonObject(i).getJsonObject("key");
                found.bySource.computeIfAbsent(key.getString("source"), s -> new ArrayList<>()).add(key.getString("id"));
                found.count++;
            }
            JsonObject next = agg.getJsonObject("after_key");
            if (next == null || buckets.size() < PAGE) {
                return Future.succeededFuture(found);
            }
            if (found.count >= MAX_CONVERSATIONS) {
                found.incomplete = true;
                return Future.succeededFuture(found);
            }
            return collect(indices, messages, next, found, send);
        });
    }

    /** The filter on conversation documents. */
    JsonObject clause() {
        JsonArray should = new JsonArray();
        if (holding != null) {
            should.add(among(holding));
        }
        if (redacted != null) {
            should.add(new JsonObject().put("bool", new JsonObject().put("must_not", new JsonArray().add(among(redacted)))));
        }
        return should.size() == 1 ? should.getJsonObject(0)
                : new JsonObject().put("bool", new JsonObject().put("should", should).put("minimum_should_match", 1));
    }

    private static JsonObject among(Map<String, List<String>> bySource) {
        JsonArray should = new JsonArray();
        new TreeSet<>(bySource.keySet()).forEach(source -> should.add(MessageSearch.boolFilter(new JsonArray()
                .add(MessageFilters.term("source", source))
                .add(MessageFilters.terms("conversation.id", bySource.get(source))))));
        // no conversation at all: a bool with no should clause would match everything
        return should.isEmpty() ? new JsonObject().put("bool", new JsonObject().put("must_not",
                new JsonArray().add(new JsonObject().put("match_all", new JsonObject()))))
                : new JsonObject().put("bool", new JsonObject().put("should", should).put("minimum_should_match", 1));
    }
}
