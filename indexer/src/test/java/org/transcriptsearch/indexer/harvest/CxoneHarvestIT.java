package org.transcriptsearch.indexer.harvest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.transcriptsearch.sandbox.ExpectedMessage;
import org.transcriptsearch.sandbox.SandboxOptions;
import org.transcriptsearch.sandbox.Vendor;
import org.transcriptsearch.sandbox.VendorSandbox;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.TestElasticsearch;

/**
 * The CXone harvest end to end, through the CLI, against the sandbox over HTTP and a real cluster:
 * from empty to ground truth, a rerun that writes nothing, growth and additions, an idempotent reindex,
 * rebuild, status, and no secret anywhere.
 */
@ExtendWith(ElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CxoneHarvestIT {
    private VendorSandbox sandbox;
    private CxoneHarness h;
    private long firstRunCalls;

    @BeforeAll
    void start(TestElasticsearch es, @TempDir Path dir) throws Exception {
        sandbox = VendorSandbox.start(SandboxOptions.builder().seed(7).conversationsPerVendor(240)
                .vendors(Vendor.CXONE).build());
        es.setup("it-cxh");
        // rounds of 5 x 20 conversations: the background recompute runs several times
        h = new CxoneHarness(es, sandbox, "it-cxh", dir, "  settle: 0s\n  overlap: 30m\n  conversationBatch: 20\n");
    }

    @AfterAll
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    @Order(1)
    void fromEmptyEqualsGroundTruth() {
        CxoneHarness.Result r = h.run("harvest");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains(CxoneHarness.SOURCE + " (cxone): succeeded"), r.out());
        var truth = sandbox.groundTruth();
        assertEquals(truth.messageCount(Vendor.CXONE), h.messages(), r.all());
        assertEquals(truth.conversationCount(Vendor.CXONE), h.conversations(), r.all());
        assertEquals(truth.userMessageCount(Vendor.CXONE), h.count("messages", "{\"term\":{\"role\":\"user\"}}"));
        assertEquals(truth.fallbackCount(Vendor.CXONE), h.count("messages", "{\"term\":{\"intent.fallback\":true}}"));
        JsonNode run = h.lastRun();
        assertEquals("succeeded", run.path("outcome").asText(), run.toString());
        assertEquals(truth.messageCount(Vendor.CXONE), run.path("messages").path("new").asLong());
        firstRunCalls = run.path("vendor_calls").asLong();
        checkSomeConversationsMessageByMessage();
    }

    /**
     * Role, text, intent, fallback, options and order of a few generated conversations, as the sandbox served
     * them. (The vendor's own sample is covered by the golden test: the sandbox's expectation for it lists no
     * quick replies although the record offers "Yes"/"No".)
     */
    private void checkSomeConversationsMessageByMessage() {
        List<String> ids = sandbox.groundTruth().conversationIds(Vendor.CXONE);
        List<String> sample = new ArrayList<>(List.of(ids.get(0), ids.get(ids.size() / 2), ids.get(ids.size() - 2)));
        for (String id : sample) {
            List<ExpectedMessage> expected = sandbox.groundTruth().messagesInConversation(Vendor.CXONE, id);
            JsonNode hits = h.search("messages", "{\"size\":500,\"sort\":[{\"message.seq\":\"asc\"}],\"query\":{\"term\":"
                    + "{\"conversation.id\":" + CxoneHarness.json("\"" + id.replace("\"", "\\\"") + "\"") + "}}}")
                    .path("hits").path("hits");
            assertEquals(expected.size(), hits.size(), "messages of " + id);
            for (int i = 0; i < expected.size(); i++) {
                ExpectedMessage e = expected.get(i);
                JsonNode d = hits.get(i).path("_source");
                assertEquals(e.role(), d.path("role").asText(), id + " #" + i);
                assertEquals(e.text(), d.path("text").asText(null), id + " #" + i);
                assertEquals(e.intent().orElse(null), d.path("intent").path("name").asText(null), id + " #" + i);
                assertEquals(e.fallback(), d.path("intent").path("fallback").asBoolean(false), id + " #" + i);
                List<String> options = new ArrayList<>();
                d.path("options").forEach(o -> options.add(o.asText()));
                assertEquals(e.options(), options, id + " #" + i);
            }
            // The conversation document: its channel and customer are its messages' (both are the record's),
            // its counts theirs.
            JsonNode first = hits.get(0).path("_source");
            assertTrue(first.path("channel").isObject() && first.path("customer").path("id").isTextual(),
                    "the sandbox's CXone messages name a channel and a customer: " + first);
            JsonNode conv = h.search("conversations", "{\"query\":{\"term\":{\"conversation.id\":"
                    + CxoneHarness.json("\"" + id.replace("\"", "\\\"") + "\"") + "}}}").path("hits").path("hits").path(0).path("_source");
            assertEquals(first.path("channel"), conv.path("channel"), "channel of " + id);
            assertEquals(first.path("customer").path("id"), conv.path("customer").path("id"), "customer of " + id);
            assertEquals(expected.size(), conv.path("messages").path("total").asInt(), "message count of " + id + ": " + conv);
        }
    }

    @Test
    @Order(2)
    void rerunWithNothingNewWritesNothingAndCallsLittle() {
        long before = h.messages();
        CxoneHarness.Result r = h.run("harvest");
        assertEquals(0, r.exit(), r.all());
        JsonNode run = h.lastRun();
        assertEquals(0, run.path("messages").path("written").asLong(), run.toString());
        assertEquals(0, run.path("conversations").path("written").asLong(), run.toString());
        assertEquals(before, h.messages());
        assertTrue(run.path("vendor_calls").asLong() <= Math.max(2, firstRunCalls / 3),
                "calls: " + run.path("vendor_calls") + " vs first run " + firstRunCalls);
    }

    @Test
    @Order(3)
    void growthAndAdditionsChangeOnlyThose() {
        List<String> ids = sandbox.groundTruth().conversationIds(Vendor.CXONE);
        sandbox.growConversation(Vendor.CXONE, ids.get(3), 2);
        sandbox.growConversation(Vendor.CXONE, ids.get(10), 4);
        List<String> added = sandbox.addConversations(Vendor.CXONE, 5);
        long addedMessages = added.stream().mapToLong(id -> sandbox.groundTruth().messageCount(Vendor.CXONE, id)).sum();
        CxoneHarness.Result r = h.run("harvest");
        assertEquals(0, r.exit(), r.all());
        JsonNode run = h.lastRun();
        assertEquals(addedMessages + 6, run.path("messages").path("new").asLong(), run.toString());
        assertEquals(0, run.path("messages").path("updated").asLong(), run.toString());
        assertEquals(5, run.path("conversations").path("new").asLong(), run.toString());
        assertEquals(2, run.path("conversations").path("updated").asLong(), run.toString());
        assertEquals(sandbox.groundTruth().messageCount(Vendor.CXONE), h.messages());
        assertEquals(sandbox.groundTruth().conversationCount(Vendor.CXONE), h.conversations());
        JsonNode grown = h.search("conversations", "{\"query\":{\"term\":{\"conversation.id\":\"" + ids.get(10) + "\"}}}")
                .path("hits").path("hits").path(0).path("_source");
        assertEquals(sandbox.groundTruth().messageCount(Vendor.CXONE, ids.get(10)), grown.path("messages").path("total").asInt());
    }

    /**
     * CXone conversation documents are summed from their records, not aggregated from the stored messages:
     * every one must still say exactly what Elasticsearch's own aggregation of its stored messages says
     * (counts, order of intents and languages, confidence at float precision, last time; CXone gives the start).
     */
    @Test
    @Order(4)
    void conversationFiguresEqualTheAggregationOfTheirStoredMessages() {
        int conversations = (int) h.conversations();
        JsonNode buckets = h.search("messages", "{\"size\":0,\"aggs\":{\"c\":{\"terms\":{\"field\":\"conversation.id\",\"size\":"
                + conversations + "},\"aggs\":{\"last\":{\"max\":{\"field\":\"@timestamp\"}},\"roles\":{\"terms\":{\"field\":\"role\"}},"
                + "\"intents\":{\"terms\":{\"field\":\"intent.name\",\"size\":200}},"
                + "\"langs\":{\"terms\":{\"field\":\"language\"}},"
                + "\"fallback\":{\"filter\":{\"term\":{\"intent.fallback\":true}}},"
                + "\"conf_min\":{\"min\":{\"field\":\"intent.confidence\"}},"
                + "\"conf_avg\":{\"avg\":{\"field\":\"intent.confidence\"}}}}}}").path("aggregations").path("c").path("buckets");
        JsonNode docs = h.search("conversations", "{\"size\":" + conversations + "}").path("hits").path("hits");
        assertEquals(conversations, docs.size());
        Map<String, JsonNode> byId = new HashMap<>();
        docs.forEach(d -> byId.put(d.path("_source").path("conversation").path("id").asText(), d.path("_source")));
        assertEquals(conversations, buckets.size(), "every conversation has messages");
        int withIntents = 0;
        for (JsonNode b : buckets) {
            String id = b.path("key").asText();
            JsonNode conv = byId.get(id);
            String where = "conversation " + id + ": " + conv;
            assertEquals(b.path("doc_count").asInt(), conv.path("messages").path("total").asInt(), where);
            for (JsonNode r : b.path("roles").path("buckets")) {
                assertEquals(r.path("doc_count").asInt(), conv.path("messages").path(r.path("key").asText()).asInt(), where);
            }
            assertEquals(keys(b.path("intents")), texts(conv.path("intents")), where);
            assertEquals(keys(b.path("langs")), texts(conv.path("languages")), where);
            assertEquals(b.path("fallback").path("doc_count").asInt(), conv.path("fallback").path("count").asInt(), where);
            assertEquals(b.path("last").path("value").asLong(), Instant.parse(conv.path("conversation").path("end").asText()).toEpochMilli(), where);
            if (b.path("conf_min").path("value").isNumber()) {
                withIntents++;
                assertEquals(b.path("conf_min").path("value").floatValue(), conv.path("confidence").path("min").floatValue(), where);
                assertEquals(b.path("conf_avg").path("value").floatValue(), conv.path("confidence").path("avg").floatValue(), where);
            } else {
                assertTrue(conv.path("confidence").isMissingNode(), where);
            }
        }
        assertTrue(withIntents > conversations / 2, "most conversations have intents: " + withIntents);
    }

    private static List<String> keys(JsonNode terms) {
        List<String> out = new ArrayList<>();
        terms.path("buckets").forEach(b -> out.add(b.path("key").asText()));
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(t -> out.add(t.asText()));
        return out;
    }

    @Test
    @Order(5)
    void reindexIsIdempotent() {
        String from = sandbox.now().minus(java.time.Duration.ofDays(30)).toString();
        CxoneHarness.Result first = h.run("reindex", "--source", CxoneHarness.SOURCE, "--from", from);
        assertEquals(0, first.exit(), first.all());
        CxoneHarness.Result second = h.run("reindex", "--source", CxoneHarness.SOURCE, "--from", from);
        assertEquals(0, second.exit(), second.all());
        JsonNode run = h.lastRun();
        assertEquals("reindex", run.path("run").path("command").asText());
        assertEquals(0, run.path("messages").path("written").asLong(), run.toString());
        assertEquals(sandbox.groundTruth().messageCount(Vendor.CXONE), h.messages());
        assertEquals(sandbox.groundTruth().conversationCount(Vendor.CXONE), h.conversations());
    }

    @Test
    @Order(6)
    void rebuildMovesTheAliasesAndKeepsEveryDocument() {
        long messages = h.messages();
        long conversations = h.conversations();
        // Two conversations as a build before conversation texts left them: no "text".
        JsonNode hits = h.search("conversations", "{\"size\":2,\"sort\":[{\"conversation.id\":\"asc\"}],"
                + "\"query\":{\"range\":{\"messages.total\":{\"gt\":1}}}}").path("hits").path("hits");
        Map<String, JsonNode> texts = new HashMap<>();
        for (JsonNode hit : hits) {
            com.fasterxml.jackson.databind.node.ObjectNode doc = (com.fasterxml.jackson.databind.node.ObjectNode) hit.path("_source").deepCopy();
            texts.put(hit.path("_id").asText(), doc.remove("text"));
            h.es.request("PUT", "/it-cxh-conversations/_doc/" + hit.path("_id").asText() + "?refresh=true", doc.toString());
        }
        assertEquals(2, texts.size());
        assertEquals(conversations - 2, h.count("conversations", "{\"exists\":{\"field\":\"text\"}}"));
        CxoneHarness.Result r = h.run("rebuild");
        assertEquals(0, r.exit(), r.all());
        assertTrue(h.es.request("GET", "/_alias/it-cxh-messages").contains("it-cxh-messages-v2"));
        assertEquals(messages, h.messages());
        assertEquals(conversations, h.conversations());
        for (Map.Entry<String, JsonNode> e : texts.entrySet()) {
            JsonNode rebuilt = h.search("conversations", "{\"query\":{\"ids\":{\"values\":[\"" + e.getKey() + "\"]}}}")
                    .path("hits").path("hits").path(0).path("_source").path("text");
            assertTrue(e.getValue().size() > 1, e.getValue().toString());
            assertEquals(e.getValue(), rebuilt, "rebuild gives an old conversation document its messages' texts");
        }
        CxoneHarness.Result prune = h.run("rebuild", "--prune");
        assertEquals(0, prune.exit(), prune.all());
        assertTrue(prune.out().contains("pruned it-cxh-messages-v1") && prune.out().contains("pruned it-cxh-messages-v2"),
                prune.out());
        assertEquals(messages, h.messages());
        CxoneHarness.Result again = h.run("harvest");
        assertEquals(0, again.exit(), again.all());
        assertEquals(0, h.lastRun().path("messages").path("written").asLong());
    }

    @Test
    @Order(7)
    void statusShowsCheckpointLeaseCountsAndRuns() {
        CxoneHarness.Result r = h.run("status");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("checkpoint conversations: everything before"), r.out());
        assertTrue(r.out().contains("lease: free"), r.out());
        assertTrue(r.out().contains("documents: " + h.messages() + " messages"), r.out());
        assertTrue(r.out().contains("harvest  succeeded"), r.out());
    }

    @Test
    @Order(8)
    void noSecretInOutputOrDocuments() {
        String token = sandbox.credentials().cxoneToken();
        assertFalse(h.captured.toString().contains(token), "the token leaked into the output");
        assertFalse(h.everything().contains(token), "the token leaked into a stored document");
    }
}
