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
import org.transcriptsearch.document.ConversationDocument;
import org.transcriptsearch.document.HarvestStamp;
import org.transcriptsearch.document.MessageDocument;
import org.transcriptsearch.document.Named;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.indexer.sink.AsyncElasticsearch;
import org.transcriptsearch.indexer.source.ConversationFacts;

/**
 * Recomputes conversation documents from their messages, merged with the vendor's conversation-level
 * facts (new facts over stored ones). The messages' figures come from the record itself where a record
 * holds the whole conversation ({@link Touched#own}), else from the messages stored in Elasticsearch: one
 * terms aggregation per batch, after a refresh so the run's own writes are visible (the bare node has no
 * scripts, so this is how a grown conversation's counts stay right), then one search (paged) for the
 * batch's message texts. A recomputed document equal to the stored one is not written again.
 */
final class ConversationSummaries {
    /**
     * A conversation the run touched: the facts seen for it this run (may be null), its stored document,
     * and {@code own}: its messages' figures when this run's record of it holds the whole conversation
     * (null: aggregate the stored messages).
     */
    record Touched(String conversationId, ConversationFacts facts, ConversationDocument stored, Own own) {
    }

    /**
     * The figures of a record that holds its whole conversation ({@code stats} null when it has no
     * messages), and its messages' texts in order ({@link ConversationText#of}).
     */
    record Own(MessageStats stats, List<String> text) {
    }

    private final AsyncElasticsearch es;
    private final IndexNames names;
    private final ObjectMapper json;

    ConversationSummaries(AsyncElasticsearch es, IndexNames names) {
        this.es = es;
        this.names = names;
        this.json = es.connection().json();
    }

    /** The documents to write for {@code batch} (unchanged ones left out). */
    Future<List<ConversationDocument>> recompute(String source, String vendor, Collection<Touched> batch, HarvestStamp stamp) {
        List<Touched> stored = batch.stream().filter(t -> t.own() == null).toList();
        Future<Map<String, MessageStats>> aggregated = stored.isEmpty() ? Future.succeededFuture(Map.of())
                : es.request("POST", "/" + names.messages() + "/_refresh", null)
                .compose(r -> es.request("POST", "/" + names.messages() + "/_search?request_cache=false", query(source, stored)))
                .map(answer -> {
                    Map<String, MessageStats> stats = new HashMap<>();
                    for (JsonNode b : answer.path("aggregations").path("c").path("buckets")) {
                        stats.put(b.path("key").asText(), MessageStats.fromBucket(b));
                    }
                    return stats;
                });
        Map<ConversationText.Key, List<String>> texts = new HashMap<>();
        Future<Void> read = stored.isEmpty() ? Future.succeededFuture()
                : aggregated.compose(x -> texts(Map.of(source, stored.stream().map(Touched::conversationId).toList()), null, texts));
        return read.map(v -> {
            Map<String, MessageStats> stats = aggregated.result();
            List<ConversationDocument> out = new ArrayList<>();
            for (Touched t : batch) {
                List<String> text = t.own() != null ? t.own().text()
                        : texts.getOrDefault(new ConversationText.Key(source, t.conversationId()), List.of());
                ConversationDocument doc = build(source, vendor, t, t.own() != null ? t.own().stats() : stats.get(t.conversationId()),
                        text, stamp);
                if (doc != null && !sameContent(doc, t.stored())) {
                    out.add(doc);
                }
            }
            return out;
        });
    }

    /** Reads the stored texts of these conversations into {@code into}, page after page. */
    private Future<Void> texts(Map<String, List<String>> bySource, JsonNode after, Map<ConversationText.Key, List<String>> into) {
        return es.request("POST", "/" + names.messages() + "/_search?request_cache=false", ConversationText.query(json, bySource, after))
                .compose(answer -> {
                    JsonNode next = ConversationText.collect(answer, into);
                    return next == null ? Future.succeededFuture() : texts(bySource, next, into);
                });
    }

    private String query(String source, Collection<Touched> batch) {
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
        a.putObject("roles").putObject("terms").put("field", "role").put("size", MessageStats.ROLES);
        a.putObject("intents").putObject("terms").put("field", "intent.name").put("size", MessageStats.INTENTS);
        a.putObject("fallback").putObject("filter").putObject("term").put("intent.fallback", true);
        a.putObject("conf_min").putObject("min").put("field", "intent.confidence");
        a.putObject("conf_avg").putObject("avg").put("field", "intent.confidence");
        a.putObject("langs").putObject("terms").put("field", "language").put("size", MessageStats.LANGUAGES);
        a.putObject("tags").putObject("terms").put("field", "tags").put("size", MessageStats.TAGS);
        a.putObject("pii").putObject("terms").put("field", "pii").put("size", MessageStats.PII_KINDS);
        // A sample message for the bot, channel and customer, only if some conversation's record lacks
        // one: a sorted top-hits per conversation, then a fetch, is the dearest part.
        if (batch.stream().anyMatch(t -> needsSample(facts(t)))) {
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

    /** @param s the conversation's messages' figures, null if it has none */
    private ConversationDocument build(String source, String vendor, Touched t, MessageStats s, List<String> text,
                                       HarvestStamp stamp) {
        ConversationFacts facts = facts(t);
        if (s == null && t.facts() == null && t.stored() == null) {
            return null; // nothing stored, nothing said: a conversation whose every message was set aside
        }
        Instant start = facts.start() != null ? facts.start() : s == null ? null : s.first();
        Instant end = s != null && s.last() != null ? s.last() : facts.lastActivity();
        List<String> languages = s == null ? List.of() : s.languages();
        List<String> known = languages.stream().filter(l -> !l.equals("und")).toList();
        Map<String, Integer> roles = s == null ? Map.of() : s.roles();
        Named bot = facts.bot() != null ? facts.bot() : s == null ? null : s.bot();
        Named channel = facts.channel() != null ? facts.channel() : s == null ? null : s.channel();
        MessageDocument.CustomerRef customer = facts.customer() != null ? facts.customer() : s == null ? null : s.customer();
        Instant lastActivity = facts.lastActivity() != null ? facts.lastActivity() : end;
        return new ConversationDocument(start != null ? start : lastActivity, vendor, source, bot,
                new ConversationDocument.Conversation(t.conversationId(), facts.number(), start, end,
                        start != null && end != null ? Duration.between(start, end).toMillis() : null, lastActivity),
                new ConversationDocument.Counts(s == null ? 0 : s.total(), roles.getOrDefault("user", 0),
                        roles.getOrDefault("bot", 0), roles.getOrDefault("agent", 0), roles.getOrDefault("system", 0)),
                s == null ? null : text,
                s == null ? new ArrayList<>() : new ArrayList<>(s.intents()),
                s == null ? null : new ConversationDocument.Fallback(s.fallback()),
                s == null || s.confidenceMin() == null ? null : new ConversationDocument.Confidence(s.confidenceMin(), s.confidenceAvg()),
                known.isEmpty() ? (languages.isEmpty() ? null : languages.get(0)) : known.get(0), new ArrayList<>(languages), s == null ? null : s.pii(),
                facts.locale(), channel, customer,
                facts.tags() != null ? facts.tags() : s == null ? new ArrayList<>() : new ArrayList<>(new LinkedHashSet<>(s.tags())),
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
}
