package org.transcriptsearch.search;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;
import org.transcriptsearch.elastic.IndexNames;

/**
 * {@code /api/conversations/{source}/{conversationId}}: the conversation document and every message,
 * in conversation order ({@code message.seq}, then time), paged through with {@code search_after} so
 * a long conversation is read in bounded pieces. {@code highlight=<messageId>} marks the message a
 * search hit led here from.
 */
final class ConversationView {
    static final int PAGE = 1000;
    static final int MAX_MESSAGES = 10_000;

    private final IndexNames indices;

    ConversationView(IndexNames indices) {
        this.indices = indices;
    }

    ElasticsearchCall conversationCall(String source, String conversationId) {
        return ElasticsearchCall.search(indices.conversations(), new JsonObject()
                .put("size", 1)
                .put("query", identity(source, conversationId))
                .put("_source", new JsonObject().put("excludes", new JsonArray().add("raw").add("text"))));
    }

    ElasticsearchCall messagesCall(String source, String conversationId, JsonArray searchAfter) {
        JsonObject body = new JsonObject()
                .put("size", PAGE)
                .put("track_total_hits", true)
                .put("query", identity(source, conversationId))
                .put("_source", new JsonArray(MessageSearch.HIT_FIELDS))
                .put("sort", new JsonArray()
                        .add(new JsonObject().put("message.seq", new JsonObject().put("order", "asc").put("missing", "_last")))
                        .add(new JsonObject().put("@timestamp", new JsonObject().put("order", "asc").put("missing", "_last")))
                        .add(new JsonObject().put("message.id", "asc")));
        if (searchAfter != null) {
            body.put("search_after", searchAfter);
        }
        return ElasticsearchCall.search(indices.messages(), body);
    }

    /** How many messages the conversation has, and whether every page was searched in full. */
    private record Pages(long total, Completeness completeness) {
    }

    /** Fetches every page of messages (up to {@value #MAX_MESSAGES}) through {@code send}. */
    Future<JsonObject> messages(String source, String conversationId,
                                Function<ElasticsearchCall, Future<JsonObject>> send) {
        JsonArray collected = new JsonArray();
        return page(source, conversationId, null, collected, Completeness.WHOLE, send)
                .map(pages -> pages.completeness().addTo(new JsonObject()
                        .put("messages", collected).put("total", pages.total())));
    }

    private Future<Pages> page(String source, String conversationId, JsonArray after, JsonArray collected,
                               Completeness sofar, Function<ElasticsearchCall, Future<JsonObject>> send) {
        return send.apply(messagesCall(source, conversationId, after)).compose(es -> {
            Completeness completeness = sofar.and(Completeness.of(es));
            JsonObject hits = es.getJsonObject("hits", new JsonObject());
            long total = hits.getJsonObject("total", new JsonObject()).getLong("value", 0L);
            JsonArray page = hits.getJsonArray("hits", new JsonArray());
            for (int i = 0; i < page.size(); i++) {
                JsonObject h = page.getJsonObject(i);
                collected.add(MessageView.of(h.getString("_id"), h.getJsonObject("_source", new JsonObject())));
            }
            if (page.size() == PAGE && collected.size() < Math.min(total, MAX_MESSAGES)) {
                return page(source, conversationId, page.getJsonObject(page.size() - 1).getJsonArray("sort"),
                        collected, completeness, send);
            }
            return Future.succeededFuture(new Pages(total, completeness));
        });
    }

    JsonObject toResponse(String source, String conversationId, String highlight, JsonObject conversationEs,
                          JsonObject messages) {
        JsonArray convHits = conversationEs.getJsonObject("hits", new JsonObject()).getJsonArray("hits", new JsonArray());
        JsonArray list = messages.getJsonArray("messages");
        if (convHits.isEmpty() && list.isEmpty()) {
            throw ApiError.notFound("no conversation '" + conversationId + "' in source '" + source
                    + "' (ids are case-sensitive; URL-encode them, e.g. ';' as %3B)", "conversationId");
        }
        boolean found = highlight == null;
        for (int i = 0; i < list.size(); i++) {
            JsonObject m = list.getJsonObject(i);
            boolean marked = highlight != null && highlight.equals(m.getString("messageId"));
            found |= marked;
            m.put("highlighted", marked);
        }
        if (!found) {
            throw ApiError.notFound("message '" + highlight + "' is not part of conversation '" + conversationId
                    + "'", "highlight");
        }
        JsonObject doc = null;
        if (!convHits.isEmpty()) {
            JsonObject hit = convHits.getJsonObject(0);
            doc = hit.getJsonObject("_source", new JsonObject()).copy().put("id", hit.getString("_id"));
        }
        long total = messages.getLong("total");
        Completeness completeness = Completeness.of(conversationEs)
                .and(new Completeness(messages.getBoolean("timedOut"), messages.getBoolean("partial")));
        return completeness.addTo(new JsonObject()
                .put("source", source)
                .put("conversationId", conversationId)
                .put("conversation", doc)
                .put("messages", list)
                .put("total", total)
                .put("truncated", total > list.size())
                .put("highlight", highlight));
    }

    private static JsonObject identity(String source, String conversationId) {
        return MessageSearch.boolFilter(new JsonArray()
                .add(MessageFilters.term("source", source))
                .add(MessageFilters.term("conversation.id", conversationId)));
    }
}
