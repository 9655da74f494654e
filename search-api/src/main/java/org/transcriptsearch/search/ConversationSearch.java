package org.transcriptsearch.search;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.text.MultilingualQuery;
import org.transcriptsearch.text.SearchTerms;

/**
 * {@code GET /api/conversations?q=}: whole conversations whose messages together hold the terms (a
 * conversation document carries its messages' texts, see {@code mappings/conversations.json}), with the
 * filters, facets and cursor paging of {@code /api/search} on the conversation's own fields; then one
 * search of the messages index for the page's conversations, whose best three messages holding any of
 * the terms come back highlighted as {@code matches}.
 *
 * <p>The filters as conversations read them: {@code language} any language seen in it, {@code intent}
 * any of its intents, {@code role} it has messages of that role, {@code from}/{@code to} when it started,
 * {@code minConfidence}/{@code maxConfidence} its lowest intent confidence, {@code fallback} whether
 * the bot failed to understand any of its messages; {@code pii} it has a message that held that kind of
 * personal data ({@code none}: none of its messages did), the conversation's {@code pii} listing its
 * messages' kinds.
 */
final class ConversationSearch {
    static final int MATCHES = 3;
    private static final List<String> HIT_FIELDS = List.of("@timestamp", "vendor", "source", "conversation.id",
            "conversation.start", "messages.total");
    private static final List<String> MATCH_FIELDS = List.of("@timestamp", "conversation.id", "source", "role", "text",
            "message.id", "message.seq", "pii");

    private final IndexNames indices;
    private final QueryExpansion expansion;
    private final SearchCursor cursors;

    ConversationSearch(IndexNames indices, QueryExpansion expansion, SearchCursor cursors) {
        this.indices = indices;
        this.expansion = expansion;
        this.cursors = cursors;
    }

    ElasticsearchCall toElasticsearch(SearchRequest request) {
        MessageFilters f = request.filters();
        JsonObject bool = new JsonObject().put("filter", rangeClauses(f));
        if (request.hasText()) {
            bool.put("must", new JsonArray().add(expansion.query(expansion.read(request.q(), request.expand()),
                    request.match())));
        }
        JsonObject body = new JsonObject()
                .put("size", request.size())
                .put("track_total_hits", true)
                .put("query", new JsonObject().put("bool", bool))
                .put("_source", new JsonArray(HIT_FIELDS))
                .put("sort", MessageSearch.sort(request.sort(), request.hasText(), "source", "conversation.id"));
        JsonArray facetFilters = facetClauses(f, null);
        if (!facetFilters.isEmpty()) {
            body.put("post_filter", MessageSearch.boolFilter(facetFilters));
        }
        JsonObject aggs = new JsonObject();
        for (MessageFilters.Facet facet : MessageFilters.Facet.values()) {
            aggs.put(facet.parameter, new JsonObject()
                    .put("filter", MessageSearch.boolFilter(facetClauses(f, facet)))
                    .put("aggs", new JsonObject().put("values", facetAggregation(facet))));
        }
        body.put("aggs", aggs);
        if (request.cursor() != null) {
            body.put("search_after", cursors.decode(request.cursor(), fingerprint(request)).searchAfter());
        }
        return ElasticsearchCall.search(indices.conversations(), body);
    }

    /**
     * The search for the best messages of the conversations in {@code conversationsAnswer} holding any
     * term of the query; null when there is nothing to look for (no text, no hits).
     */
    ElasticsearchCall matchesCall(SearchRequest request, JsonObject conversationsAnswer) {
        // Any term in any of its forms; an excluded term already kept its conversations out.
        SearchTerms terms = request.hasText() ? expansion.read(request.q(), request.expand()) : null;
        JsonArray anyTerm = terms == null || terms.terms().isEmpty() ? new JsonArray()
                : new JsonArray().add(expansion.anyTerm(terms));
        Map<String, List<String>> bySource = new LinkedHashMap<>();
        for (Object o : hits(conversationsAnswer)) {
            JsonObject s = ((JsonObject) o).getJsonObject("_source", new JsonObject());
            bySource.computeIfAbsent(s.getString("source"), k -> new ArrayList<>())
                    .add(s.getJsonObject("conversation", new JsonObject()).getString("id"));
        }
        if (anyTerm.isEmpty() || bySource.isEmpty()) {
            return null;
        }
        JsonArray conversations = new JsonArray();
        bySource.forEach((source, ids) -> conversations.add(MessageSearch.boolFilter(new JsonArray()
                .add(MessageFilters.term("source", source)).add(MessageFilters.terms("conversation.id", ids)))));
        JsonObject fields = new JsonObject();
        MultilingualQuery.highlightFields().forEach(field -> fields.put(field, new JsonObject()));
        JsonObject top = new JsonObject().put("top_hits", new JsonObject()
                .put("size", MATCHES)
                .put("_source", new JsonArray(MATCH_FIELDS))
                .put("sort", new JsonArray().add("_score").add(new JsonObject().put("message.seq",
                        new JsonObject().put("order", "asc").put("missing", "_last"))))
                .put("highlight", new JsonObject().put("encoder", "html").put("number_of_fragments", 0)
                        .put("pre_tags", new JsonArray().add("<em>")).put("post_tags", new JsonArray().add("</em>"))
                        .put("fields", fields)));
        int most = bySource.values().stream().mapToInt(List::size).max().orElse(1);
        JsonObject body = new JsonObject()
                .put("size", 0)
                .put("query", new JsonObject().put("bool", new JsonObject()
                        .put("should", anyTerm).put("minimum_should_match", 1)
                        .put("filter", new JsonArray().add(new JsonObject().put("bool", new JsonObject()
                                .put("should", conversations).put("minimum_should_match", 1))))))
                .put("aggs", new JsonObject().put("s", new JsonObject()
                        .put("terms", new JsonObject().put("field", "source").put("size", bySource.size()))
                        .put("aggs", new JsonObject().put("c", new JsonObject()
                                .put("terms", new JsonObject().put("field", "conversation.id").put("size", most))
                                .put("aggs", new JsonObject().put("top", top))))));
        return ElasticsearchCall.search(indices.messages(), body);
    }

    /** @param matchesAnswer the answer to {@link #matchesCall}, or null when there was none */
    JsonObject toResponse(SearchRequest request, JsonObject es, JsonObject matchesAnswer) {
        Map<String, JsonArray> matches = matches(matchesAnswer, request.hasText()
                ? RedactedText.searched(expansion.read(request.q(), request.expand())) : Set.of());
        long total = es.getJsonObject("hits", new JsonObject()).getJsonObject("total", new JsonObject()).getLong("value", 0L);
        JsonArray esHits = hits(es);
        JsonArray hits = new JsonArray();
        for (int i = 0; i < esHits.size(); i++) {
            JsonObject s = esHits.getJsonObject(i).getJsonObject("_source", new JsonObject());
            JsonObject conversation = s.getJsonObject("conversation", new JsonObject());
            JsonObject hit = new JsonObject()
                    .put("source", s.getString("source"))
                    .put("conversationId", conversation.getString("id"))
                    .put("vendor", s.getString("vendor"));
            Object started = conversation.getValue("start", s.getValue("@timestamp"));
            if (started != null) {
                hit.put("startedAt", started);
            }
            hit.put("messages", new JsonObject().put("total",
                    s.getJsonObject("messages", new JsonObject()).getLong("total", 0L)));
            hit.put("matches", matches.getOrDefault(key(s.getString("source"), conversation.getString("id")), new JsonArray()));
            hits.add(hit);
        }
        long served = (request.cursor() == null ? 0 : cursors.decode(request.cursor(), fingerprint(request)).served())
                + esHits.size();
        String next = null;
        if (!esHits.isEmpty() && served < total) {
            JsonArray sortValues = esHits.getJsonObject(esHits.size() - 1).getJsonArray("sort");
            next = cursors.encode(new SearchCursor.Position(sortValues, served), fingerprint(request));
        }
        Completeness completeness = Completeness.of(es);
        if (matchesAnswer != null) {
            completeness = completeness.and(Completeness.of(matchesAnswer));
        }
        return completeness.addTo(new JsonObject()
                .put("total", total)
                .put("hits", hits)
                .put("facets", facets(es.getJsonObject("aggregations", new JsonObject())))
                .put("cursor", next));
    }

    /** Conversation key → its best messages as the API shows them. */
    private static Map<String, JsonArray> matches(JsonObject answer, Set<String> searched) {
        Map<String, JsonArray> out = new LinkedHashMap<>();
        if (answer == null) {
            return out;
        }
        JsonObject sources = answer.getJsonObject("aggregations", new JsonObject()).getJsonObject("s", new JsonObject());
        for (Object sb : sources.getJsonArray("buckets", new JsonArray())) {
            String source = ((JsonObject) sb).getValue("key").toString();
            JsonObject c = ((JsonObject) sb).getJsonObject("c", new JsonObject());
            for (Object cb : c.getJsonArray("buckets", new JsonArray())) {
                JsonObject bucket = (JsonObject) cb;
                JsonArray list = new JsonArray();
                JsonArray top = bucket.getJsonObject("top", new JsonObject()).getJsonObject("hits", new JsonObject())
                        .getJsonArray("hits", new JsonArray());
                for (int i = 0; i < top.size(); i++) {
                    JsonObject h = top.getJsonObject(i);
                    JsonObject s = h.getJsonObject("_source", new JsonObject());
                    JsonObject m = new JsonObject().put("id", h.getString("_id"));
                    JsonObject message = s.getJsonObject("message", new JsonObject());
                    if (message.getValue("id") != null) {
                        m.put("messageId", message.getValue("id"));
                    }
                    m.put("role", s.getString("role"));
                    if (s.getValue("@timestamp") != null) {
                        m.put("timestamp", s.getValue("@timestamp"));
                    }
                    m.put("text", s.getString("text", ""));
                    if (s.getValue("pii") != null) {
                        m.put("pii", s.getValue("pii"));
                    }
                    m.put("highlight", HighlightSnippet.merge(s.getString("text"), h.getJsonObject("highlight"),
                            RedactedText.placeholders(s.getValue("pii")), searched));
                    list.add(m);
                }
                out.put(key(source, bucket.getValue("key").toString()), list);
            }
        }
        return out;
    }

    private static String key(String source, String conversationId) {
        return source + "\u0000" + conversationId;
    }

    private static JsonArray hits(JsonObject es) {
        return es.getJsonObject("hits", new JsonObject()).getJsonArray("hits", new JsonArray());
    }

    /** The message filters on a conversation's fields (see the class comment). */
    static JsonObject facetClause(MessageFilters f, MessageFilters.Facet facet) {
        List<String> values = f.facets().get(facet);
        if (values == null) {
            return null;
        }
        return switch (facet) {
            case PII -> MessageFilters.piiClause(values);
            case VENDOR -> MessageFilters.terms("vendor", values);
            case SOURCE -> MessageFilters.terms("source", values);
            case BOT -> any(new JsonArray().add(MessageFilters.terms("bot.name", values)).add(MessageFilters.terms("bot.id", values)));
            case INTENT -> MessageFilters.terms("intents", values);
            case CHANNEL -> MessageFilters.terms("channel.name", values);
            case LANGUAGE -> MessageFilters.terms("languages", values);
            case ROLE -> {
                JsonArray should = new JsonArray();
                values.forEach(role -> should.add(hasRole(role)));
                yield any(should);
            }
        };
    }

    private static JsonArray facetClauses(MessageFilters f, MessageFilters.Facet except) {
        JsonArray clauses = new JsonArray();
        for (MessageFilters.Facet facet : MessageFilters.Facet.values()) {
            JsonObject clause = facet == except ? null : facetClause(f, facet);
            if (clause != null) {
                clauses.add(clause);
            }
        }
        return clauses;
    }

    private static JsonArray rangeClauses(MessageFilters f) {
        JsonArray clauses = new JsonArray();
        if (f.from() != null || f.to() != null) {
            JsonObject range = new JsonObject();
            if (f.from() != null) {
                range.put("gte", f.from().toString());
            }
            if (f.to() != null) {
                range.put("lte", f.to().toString());
            }
            clauses.add(new JsonObject().put("range", new JsonObject().put("@timestamp", range)));
        }
        if (f.minConfidence() != null || f.maxConfidence() != null) {
            JsonObject range = new JsonObject();
            if (f.minConfidence() != null) {
                range.put("gte", f.minConfidence());
            }
            if (f.maxConfidence() != null) {
                range.put("lte", f.maxConfidence());
            }
            clauses.add(new JsonObject().put("range", new JsonObject().put("confidence.min", range)));
        }
        if (f.fallback() != null) {
            JsonObject some = new JsonObject().put("range", new JsonObject().put("fallback.count", new JsonObject().put("gt", 0)));
            clauses.add(f.fallback() ? some
                    : new JsonObject().put("bool", new JsonObject().put("must_not", new JsonArray().add(some))));
        }
        return clauses;
    }

    /** Terms on the counted field; for roles, one filter per role (a conversation counts for each role it has). */
    private static JsonObject facetAggregation(MessageFilters.Facet facet) {
        if (facet == MessageFilters.Facet.ROLE) {
            JsonObject filters = new JsonObject();
            MessageFilters.ROLES.stream().sorted().forEach(role -> filters.put(role, hasRole(role)));
            return new JsonObject().put("filters", new JsonObject().put("filters", filters));
        }
        String field = switch (facet) {
            case INTENT -> "intents";
            case LANGUAGE -> "languages";
            case CHANNEL -> "channel.name";
            case BOT -> "bot.name";
            default -> facet.fields.get(0);
        };
        return new JsonObject().put("terms", new JsonObject().put("field", field).put("size", MessageSearch.FACET_SIZE));
    }

    private static JsonObject facets(JsonObject aggs) {
        JsonObject facets = new JsonObject();
        for (MessageFilters.Facet facet : MessageFilters.Facet.values()) {
            JsonObject agg = aggs.getJsonObject(facet.parameter, new JsonObject()).getJsonObject("values", new JsonObject());
            List<JsonObject> values = new ArrayList<>();
            Object buckets = agg.getValue("buckets");
            if (buckets instanceof JsonArray list) {
                list.forEach(b -> values.add(new JsonObject().put("value", ((JsonObject) b).getValue("key").toString())
                        .put("count", ((JsonObject) b).getLong("doc_count"))));
            } else if (buckets instanceof JsonObject keyed) {
                keyed.fieldNames().forEach(k -> values.add(new JsonObject().put("value", k)
                        .put("count", keyed.getJsonObject(k).getLong("doc_count"))));
                values.removeIf(v -> v.getLong("count") == 0);
                values.sort((a, b) -> Long.compare(b.getLong("count"), a.getLong("count")));
            }
            facets.put(facet.parameter, new JsonArray(new ArrayList<>(values)));
        }
        return facets;
    }

    private static JsonObject hasRole(String role) {
        return new JsonObject().put("range", new JsonObject().put("messages." + role, new JsonObject().put("gt", 0)));
    }

    private static JsonObject any(JsonArray should) {
        return new JsonObject().put("bool", new JsonObject().put("should", should).put("minimum_should_match", 1));
    }

    /** A cursor of this endpoint is never taken for one of {@code /api/search}, nor the other way round. */
    private static String fingerprint(SearchRequest request) {
        return "conversations&" + request.fingerprint();
    }
}
