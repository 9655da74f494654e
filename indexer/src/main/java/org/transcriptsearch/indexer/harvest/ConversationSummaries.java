package org.transcriptsearch.indexer.harvest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.transcriptsearch.document.ConversationDocument;
import org.transcriptsearch.document.HarvestStamp;
import org.transcriptsearch.document.MessageDocument;
import org.transcriptsearch.document.Named;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.indexer.sink.AsyncElasticsearch;
import org.transcriptsearch.indexer.source.ConversationFacts;

/**
 * Recomputes conversation documents from the messages stored in Elasticsearch (one terms aggregation
 * per batch, after a refresh so the run's own writes are visible; the bare node has no scripts, so this is
 * how a grown conversation's counts stay right), merged with the vendor's conversation-level facts:
 * new facts over stored ones. A recomputed document equal to the stored one is not written again.
 */
final class ConversationSummaries {
    /** A conversation the run touched: the facts seen for it this run (may be null) and its stored document. */
    record Touched(String conversationId, ConversationFacts facts, ConversationDocument stored) {
    }

    private final AsyncElasticsearch es;
    private final IndexNames names;
    private final ObjectMapper json;

    ConversationSummaries(AsyncElasticsearch es, IndexNames names) {
        this.es = es;
        this.names = names;
        this.json = es.connection().json();
    }

    /**
     * The documents to write for {@code batch} (unchanged ones left out).
     *
     * @param sampleContext whether messages may carry a bot, channel or customer their conversation's
     *                      record lacks (then one message per conversation is read for them)
     */
    Future<List<ConversationDocument>> recompute(String source, String vendor, Collection<Touched> batch, HarvestStamp stamp,
                                                 boolean sampleContext) {
        if (batch.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return es.request("POST", "/" + names.messages() + "/_refresh", null)
                .compose(r -> es.request("POST", "/" + names.messages() + "/_search?request_cache=false", query(source, batch, sampleContext)))
                .map(answer -> {
                    Map<String, JsonNode> buckets = new HashMap<>();
                    for (JsonNode b : answer.path("aggregations").path("c").path("buckets")) {
                        buckets.put(b.path("key").asText(), b);
                    }
                    List<ConversationDocument> out = new ArrayList<>();
                    for (Touched t : batch) {
                        ConversationDocument doc = build(source, vendor, t, buckets.get(t.conversationId()), stamp);
                        if (doc != null && !sameContent(doc, t.stored())) {
                            out.add(doc);
                        }
                    }
                    return out;
                });
    }

    private String query(String source, Collection<Touched> batch, boolean sampleContext) {
        ObjectNode q = json.createObjectNode();
        q.put("size", 0);
        ArrayNode filter = q.putObject("query").putObject("bool").putArray("filter");
        filter.addObject().putObject("term").put("source", source);
        ArrayNode ids = filter.addObject().putObject("terms").putArray("conversation.id");
        batch.forEach(t -> ids.add(t.conversationId()));
        ObjectNode c = q.putObject("aggs").putObject("c");
        // "map": the filter leaves a few thousand messages, so per-segment terms beat building global
        // ordinals over every conversation id in the index, which each refresh would make this search redo.
        c.putObject("terms").put("field", "conversation.id").put("size", batch.size()).put("execution_hint", "map");
        ObjectNode a = c.putObject("aggs");
        a.putObject("first").putObject("min").put("field", "@timestamp");
        a.putObject("last").putObject("max").put("field", "@timestamp");
        a.putObject("roles").putObject("terms").put("field", "role").put("size", 10);
        a.putObject("intents").putObject("terms").put("field", "intent.name").put("size", 200);
        a.putObject("fallback").putObject("filter").putObject("term").put("intent.fallback", true);
        a.putObject("conf_min").putObject("min").put("field", "intent.confidence");
        a.putObject("conf_avg").putObject("avg").put("field", "intent.confidence");
        a.putObject("langs").putObject("terms").put("field", "language").put("size", 10);
        a.putObject("tags").putObject("terms").put("field", "tags").put("size", 200);
        // A sample message for the bot, channel and customer, only if messages can have them where some
        // conversation's record lacks one: a sorted top-hits per conversation, then a fetch, is the dearest part.
        if (sampleContext && batch.stream().anyMatch(t -> needsSample(facts(t)))) {
            ObjectNode top = a.putObject("sample").putObject("top_hits");
            top.put("size", 1);
            top.putArray("sort").addObject().put("message.seq", "desc");
            top.putObject("_source").putArray("includes").add("bot").add("channel").add("customer");
        }
        return q.toString();
    }

    /** What the stored document and this run's records say about {@code t} as a whole. */
    private static ConversationFacts facts(Touched t) {
        ConversationFacts facts = storedFacts(t.conversationId(), t.stored());
        return t.facts() == null ? facts : facts.merge(t.facts());
    }

    private static boolean needsSample(ConversationFacts f) {
        return f.bot() == null || f.channel() == null || f.customer() == null;
    }

    private ConversationDocument build(String source, String vendor, Touched t, JsonNode bucket, HarvestStamp stamp) {
        ConversationFacts facts = facts(t);
        if (bucket == null && t.facts() == null && t.stored() == null) {
            return null; // nothing stored, nothing said: a conversation whose every message was set aside
        }
        Instant first = bucket == null ? null : instant(bucket.path("first"));
        Instant last = bucket == null ? null : instant(bucket.path("last"));
        Instant start = facts.start() != null ? facts.start() : first;
        Instant end = last != null ? last : facts.lastActivity();
        Map<String, Integer> roles = new HashMap<>();
        List<String> intents = new ArrayList<>();
        List<String> languages = new ArrayList<>();
        List<String> messageTags = new ArrayList<>();
        int total = 0;
        Integer fallback = 0;
        Float confMin = null;
        Float confAvg = null;
        JsonNode sample = null;
        if (bucket != null) {
            total = bucket.path("doc_count").asInt();
            bucket.path("roles").path("buckets").forEach(r -> roles.put(r.path("key").asText(), r.path("doc_count").asInt()));
            bucket.path("intents").path("buckets").forEach(i -> intents.add(i.path("key").asText()));
            bucket.path("langs").path("buckets").forEach(l -> languages.add(l.path("key").asText()));
            bucket.path("tags").path("buckets").forEach(l -> messageTags.add(l.path("key").asText()));
            fallback = bucket.path("fallback").path("doc_count").asInt();
            confMin = number(bucket.path("conf_min"));
            confAvg = number(bucket.path("conf_avg"));
            JsonNode hit = bucket.path("sample").path("hits").path("hits").path(0).path("_source");
            sample = hit.isObject() ? hit : null;
        }
        List<String> known = languages.stream().filter(l -> !l.equals("und")).toList();
        Named bot = facts.bot() != null ? facts.bot() : named(sample, "bot");
        Named channel = facts.channel() != null ? facts.channel() : named(sample, "channel");
        MessageDocument.CustomerRef customer = facts.customer() != null ? facts.customer()
                : sample == null ? null : MessageDocument.CustomerRef.of(sample.path("customer").path("id").asText(null));
        Instant lastActivity = facts.lastActivity() != null ? facts.lastActivity() : end;
        return new ConversationDocument(start != null ? start : lastActivity, vendor, source, bot,
                new ConversationDocument.Conversation(t.conversationId(), facts.number(), start, end,
                        start != null && end != null ? Duration.between(start, end).toMillis() : null, lastActivity),
                new ConversationDocument.Counts(total, roles.getOrDefault("user", 0), roles.getOrDefault("bot", 0),
                        roles.getOrDefault("agent", 0), roles.getOrDefault("system", 0)),
                intents, bucket == null ? null : new ConversationDocument.Fallback(fallback),
                confMin == null ? null : new ConversationDocument.Confidence(confMin, confAvg),
                known.isEmpty() ? (languages.isEmpty() ? null : languages.get(0)) : known.get(0), languages,
                facts.locale(), channel, customer,
                facts.tags() != null ? facts.tags() : new ArrayList<>(new LinkedHashSet<>(messageTags)),
                facts.journey(), facts.handover(), facts.reviewed(), facts.metadata(), stamp, facts.raw());
    }

    /** What a stored conversation document says about the conversation as a whole. */
    private static ConversationFacts storedFacts(String id, ConversationDocument d) {
        if (d == null) {
            return ConversationFacts.of(id);
        }
        ConversationDocument.Conversation c = d.conversation();
        return new ConversationFacts(id, d.bot(), c == null ? null : c.number(), c == null ? null : c.start(),
                c == null ? null : c.lastActivity(), d.locale(), d.channel(), d.customer(), d.tags(), d.journey(),
                d.handover(), d.reviewed(), d.metadata(), d.raw());
    }

    /** Equal apart from the harvest stamp (numbers compared by value, as Elasticsearch would store them). */
    boolean sameContent(ConversationDocument a, ConversationDocument b) {
        if (b == null) {
            return false;
        }
        try {
            ObjectNode x = (ObjectNode) json.readTree(json.writeValueAsString(a));
            ObjectNode y = (ObjectNode) json.readTree(json.writeValueAsString(b));
            x.remove("harvest");
            y.remove("harvest");
            return x.equals(y);
        } catch (JsonProcessingException e) {
            return false; // cannot tell: write it
        }
    }

    private static Named named(JsonNode sample, String field) {
        if (sample == null) {
            return null;
        }
        JsonNode n = sample.path(field);
        return Named.of(n.path("id").asText(null), n.path("name").asText(null));
    }

    private static Instant instant(JsonNode agg) {
        JsonNode v = agg.path("value");
        return v.isNumber() ? Instant.ofEpochMilli(v.asLong()) : null;
    }

    private static Float number(JsonNode agg) {
        JsonNode v = agg.path("value");
        return v.isNumber() ? Float.valueOf(v.floatValue()) : null;
    }

    static boolean equalsNullable(Object a, Object b) {
        return Objects.equals(a, b);
    }
}
