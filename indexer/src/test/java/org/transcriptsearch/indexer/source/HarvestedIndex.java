package org.transcriptsearch.indexer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.transcriptsearch.sandbox.ExpectedMessage;
import org.transcriptsearch.sandbox.GroundTruth;
import org.transcriptsearch.sandbox.Vendor;
import org.transcriptsearch.sandbox.VendorSandbox;

/**
 * What one source's harvests left in the indices (messages, conversations, checkpoints, lease), held
 * against the sandbox's ground truth: each message stored once, each conversation once with all its
 * messages counted, and checkpoints that keep their promise.
 */
public final class HarvestedIndex {
    /** The stream whose checkpoint promises that every message sent before it is stored. */
    private static final String MESSAGES = "messages";

    /**
     * The conversation documents a complete harvest holds: one per id in {@code ids}, and {@code made}
     * more whose ids start with {@code madePrefix}: those a connector makes for messages the vendor puts
     * in no conversation.
     */
    public record ExpectedConversations(Set<String> ids, String madePrefix, long made) {
        public static ExpectedConversations exactly(Set<String> ids) {
            return new ExpectedConversations(ids, "", 0);
        }
    }

    private final VendorHarvestHarness h;
    private final String source;
    private final List<String> streams;
    private final VendorSandbox sandbox;
    private final Vendor vendor;

    public HarvestedIndex(VendorHarvestHarness h, String source, List<String> streams, VendorSandbox sandbox, Vendor vendor) {
        this.h = h;
        this.source = source;
        this.streams = streams;
        this.sandbox = sandbox;
        this.vendor = vendor;
    }

    public long messages() {
        return h.count("messages", source, null);
    }

    public Optional<Instant> through(String stream) {
        return h.checkpoint(source, stream).map(c -> c.path("through").asText(null)).map(Instant::parse);
    }

    /** Where a run resumes from at the latest: the oldest checkpoint, if every stream has one. */
    public Optional<Instant> oldestCheckpoint() {
        List<Optional<Instant>> all = streams.stream().map(this::through).toList();
        return all.contains(Optional.empty()) ? Optional.empty()
                : all.stream().map(Optional::get).min(Comparator.naturalOrder());
    }

    /** Every message sent before the messages stream's checkpoint is stored (trivially, if there is none yet). */
    public void checkpointKeptItsPromise() {
        Optional<Instant> through = through(MESSAGES);
        if (through.isEmpty()) {
            return;
        }
        Set<String> stored = new HashSet<>(messageIds());
        List<String> missing = sandbox.groundTruth().messages(vendor)
                .filter(m -> m.at().isBefore(through.get()))
                .map(ExpectedMessage::messageId).flatMap(Optional::stream)
                .filter(id -> !stored.contains(id)).toList();
        assertEquals(List.of(), missing, "sent before the checkpoint " + through.get() + " but not stored");
    }

    /** After a complete run every stream is checkpointed at that run's window end, and the lease is given back. */
    public void checkpointedAtTheEndOf(JsonNode run) {
        Instant to = Instant.parse(run.path("window").path("to").asText());
        for (String stream : streams) {
            assertEquals(Optional.of(to), through(stream), "the checkpoint of " + stream + " after " + run);
        }
        leaseGivenBack();
    }

    /** The lease stays as a document (its epoch must only grow), expired when it was given back. */
    public void leaseGivenBack() {
        h.lease(source).ifPresent(l -> assertFalse(Instant.parse(l.path("expires_at").asText()).isAfter(Instant.now()),
                "the lease was not given back: " + l));
    }

    /**
     * Every conversation document of the source says what Elasticsearch's own aggregation of its stored
     * messages says: how many, by role, intents and languages in order, fallbacks, confidence, last time,
     * and their texts in conversation order. A conversation document never counts a message that is not stored.
     */
    public void conversationsEqualTheirMessages() {
        List<JsonNode> docs = h.documents("conversations", source);
        Map<String, List<JsonNode>> stored = new HashMap<>();
        h.documents("messages", source, "conversation.id", "message.seq", "message.id", "text").forEach(m ->
                stored.computeIfAbsent(m.path("conversation").path("id").asText(), k -> new java.util.ArrayList<>()).add(m));
        JsonNode buckets = h.search("messages", "{\"size\":0,\"query\":{\"term\":{\"source\":\"" + source + "\"}},"
                + "\"aggs\":{\"c\":{\"terms\":{\"field\":\"conversation.id\",\"size\":" + Math.max(10, docs.size() * 2)
                + "},\"aggs\":{\"last\":{\"max\":{\"field\":\"@timestamp\"}},\"roles\":{\"terms\":{\"field\":\"role\"}},"
                + "\"intents\":{\"terms\":{\"field\":\"intent.name\",\"size\":200}},\"langs\":{\"terms\":{\"field\":\"language\"}},"
                + "\"fallback\":{\"filter\":{\"term\":{\"intent.fallback\":true}}},"
                + "\"conf_min\":{\"min\":{\"field\":\"intent.confidence\"}},\"conf_avg\":{\"avg\":{\"field\":\"intent.confidence\"}}}}}}")
                .path("aggregations").path("c").path("buckets");
        Map<String, JsonNode> byId = new HashMap<>();
        buckets.forEach(b -> byId.put(b.path("key").asText(), b));
        Set<String> documented = new HashSet<>();
        for (JsonNode conv : docs) {
            String id = conv.path("conversation").path("id").asText();
            documented.add(id);
            JsonNode b = byId.get(id);
            String where = "conversation " + id + ": " + conv + " against " + b;
            if (b == null) {
                assertEquals(0, conv.path("messages").path("total").asInt(), where);
                continue;
            }
            assertEquals(b.path("doc_count").asInt(), conv.path("messages").path("total").asInt(), where);
            for (JsonNode r : b.path("roles").path("buckets")) {
                assertEquals(r.path("doc_count").asInt(), conv.path("messages").path(r.path("key").asText()).asInt(), where);
            }
            assertEquals(keys(b.path("intents")), texts(conv.path("intents")), where);
            assertEquals(keys(b.path("langs")), texts(conv.path("languages")), where);
            assertEquals(b.path("fallback").path("doc_count").asInt(), conv.path("fallback").path("count").asInt(), where);
            assertEquals(texts(stored.get(id)), texts(conv.path("text")), where);
            assertEquals(b.path("last").path("value").asLong(),
                    Instant.parse(conv.path("conversation").path("end").asText()).toEpochMilli(), where);
            if (b.path("conf_min").path("value").isNumber()) {
                assertEquals(b.path("conf_min").path("value").floatValue(), conv.path("confidence").path("min").floatValue(), where);
                assertEquals(b.path("conf_avg").path("value").floatValue(), conv.path("confidence").path("avg").floatValue(), where);
            }
        }
        assertEquals(Set.of(), difference(byId.keySet(), documented), "conversations with stored messages but no document");
    }

    /** The texts of a conversation's messages, in order: by message.seq (none last), then message.id. */
    private static List<String> texts(List<JsonNode> messages) {
        return messages.stream()
                .sorted(Comparator.<JsonNode>comparingLong(m -> m.path("message").path("seq").asLong(Long.MAX_VALUE))
                        .thenComparing(m -> m.path("message").path("id").asText()))
                .map(m -> m.path("text").asText(""))
                .filter(t -> !t.isBlank())
                .toList();
    }

    /** Every ground-truth message but {@code missing} stored once, and nothing else. */
    public void equalsGroundTruthBut(Set<String> missing, String output) {
        List<String> ids = messageIds();
        Set<String> distinct = new TreeSet<>(ids);
        assertEquals(distinct.size(), ids.size(), "a message id stored more than once: " + output);
        assertEquals(missing, difference(expectedKeys(), distinct), "missing messages: " + output);
        assertEquals(Set.of(), difference(distinct, expectedKeys()), "messages the vendor does not have");
    }

    private static List<String> keys(JsonNode terms) {
        List<String> out = new java.util.ArrayList<>();
        terms.path("buckets").forEach(b -> out.add(b.path("key").asText()));
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(t -> out.add(t.asText()));
        return out;
    }

    /**
     * How a message is told apart: its vendor id, except for CXone, whose bot events often have none (the
     * connector derives one); there, its conversation and position.
     */
    public String key(ExpectedMessage m) {
        return vendor == Vendor.CXONE ? m.conversationId().orElse("") + "#" + m.seq() : m.messageId().orElseThrow();
    }

    private String key(JsonNode stored) {
        return vendor == Vendor.CXONE ? stored.path("conversation").path("id").asText() + "#" + stored.path("message").path("seq").asInt()
                : stored.path("message").path("id").asText();
    }

    private Set<String> expectedKeys() {
        Set<String> out = new HashSet<>();
        sandbox.groundTruth().messages(vendor).filter(m -> vendor == Vendor.CXONE || m.messageId().isPresent())
                .forEach(m -> out.add(key(m)));
        return out;
    }

    private List<String> messageIds() {
        return h.documents("messages", source, "message.id", "message.seq", "conversation.id").stream().map(this::key).toList();
    }

    /** Each ground-truth message once, each conversation once, with as many messages as the vendor has. */
    public void equalsGroundTruth(ExpectedConversations expected, String output) {
        GroundTruth truth = sandbox.groundTruth();
        List<String> messageIds = messageIds();
        Set<String> distinct = new TreeSet<>(messageIds);
        assertEquals(distinct.size(), messageIds.size(), "a message id stored more than once: " + output);
        assertEquals(truth.messageCount(vendor), messageIds.size(), output);
        assertEquals(Set.of(), difference(expectedKeys(), distinct), "missing messages");
        assertEquals(Set.of(), difference(distinct, expectedKeys()), "messages the vendor does not have");

        Map<String, Long> totals = new HashMap<>();
        List<JsonNode> docs = h.documents("conversations", source, "conversation.id", "messages.total");
        docs.forEach(d -> totals.merge(d.path("conversation").path("id").asText(), d.path("messages").path("total").asLong(),
                Long::sum));
        assertEquals(totals.size(), docs.size(), "a conversation stored more than once");
        assertEquals(Set.of(), difference(expected.ids(), totals.keySet()), "missing conversations");
        Set<String> made = difference(totals.keySet(), expected.ids());
        assertEquals(expected.made(), made.stream().filter(id -> id.startsWith(expected.madePrefix())).count(), "made: " + made);
        assertEquals(expected.ids().size() + expected.made(), docs.size(), "conversations beyond the vendor's: " + made);
        assertEquals(truth.messageCount(vendor), totals.values().stream().mapToLong(Long::longValue).sum(),
                "the conversations' message totals");
        for (String id : truth.conversationIds(vendor)) {
            assertEquals(truth.messageCount(vendor, id), totals.get(id).longValue(), "messages.total of " + id);
        }
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }
}
