package org.transcriptsearch.indexer.source.agentx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.transcriptsearch.indexer.source.VendorHarvestHarness;
import org.transcriptsearch.sandbox.Endpoint;
import org.transcriptsearch.sandbox.ExpectedMessage;
import org.transcriptsearch.sandbox.Fault;
import org.transcriptsearch.sandbox.SandboxOptions;
import org.transcriptsearch.sandbox.Vendor;
import org.transcriptsearch.sandbox.VendorSandbox;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.TestElasticsearch;

/**
 * The AgentX harvest end to end through the CLI, against the sandbox (API key checked, 3 requests a
 * second per endpoint enforced with a token bucket) and a real cluster. The request rate is measured
 * from the sandbox's own call counters, sampled while the harvest runs.
 */
@ExtendWith(ElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentxHarvestIT {
    private static final String SOURCE = "agentx-it";

    private VendorSandbox sandbox;
    private VendorHarvestHarness h;

    @BeforeAll
    void start(TestElasticsearch es, @TempDir Path dir) throws Exception {
        sandbox = VendorSandbox.start(SandboxOptions.builder().seed(13).conversationsPerVendor(80)
                .vendors(Vendor.AGENTX).build());
        es.setup("it-agentx");
        var c = sandbox.credentials();
        h = new VendorHarvestHarness(es, "it-agentx", dir, "  settle: 0s\n  overlap: 30m\n",
                "  - name: " + SOURCE + "\n    type: agentx\n    baseUrl: " + sandbox.baseUrl() + "\n    botName: "
                        + c.agentxBotName() + "\n    apiKey: ${AGENTX_IT_KEY}\n    pageSize: 25\n    windowSize: 2d\n",
                Map.of("AGENTX_IT_KEY", c.agentxApiKey()));
    }

    @AfterAll
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    /** Samples of (nanos, calls on each endpoint), taken every 20 ms while {@code work} runs. */
    private List<long[]> sampled(Runnable work) throws InterruptedException {
        List<long[]> samples = new ArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                long[] s = {System.nanoTime(), sandbox.faults().callCount(Endpoint.AGENTX_MESSAGES),
                        sandbox.faults().callCount(Endpoint.AGENTX_CONVERSATIONS)};
                synchronized (samples) {
                    samples.add(s);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        try {
            work.run();
        } finally {
            done.set(true);
            sampler.join();
        }
        return samples;
    }

    /** The most calls that certainly happened within less than one second (between two samples < 1 s apart). */
    private static long maxWithinASecond(List<long[]> samples, int column) {
        long max = 0;
        int lo = 0;
        for (int hi = 0; hi < samples.size(); hi++) {
            while (samples.get(hi)[0] - samples.get(lo)[0] >= 1_000_000_000L) {
                lo++;
            }
            max = Math.max(max, samples.get(hi)[column] - samples.get(lo)[column]);
        }
        return max;
    }

    /**
     * Calls per second over the run: the calls seen divided by the time from the first to the last plus
     * one second (a limiter that lets 3 go at once and then waits has its last burst's second still to
     * come; without it, a run of a few bursts would read as faster than it is).
     */
    private static double rate(List<long[]> samples, int column) {
        long[] first = null;
        long[] last = null;
        for (long[] s : samples) {
            if (first == null && s[column] > samples.get(0)[column]) {
                first = s;
            }
            if (last == null || s[column] > last[column]) {
                last = s;
            }
        }
        long calls = last[column] - samples.get(0)[column];
        return calls * 1e9 / (last[0] - first[0] + 1_000_000_000L);
    }

    @Test
    @Order(1)
    void fromEmptyEqualsGroundTruthAtThreeRequestsASecondPerEndpoint() throws Exception {
        VendorHarvestHarness.Result[] result = new VendorHarvestHarness.Result[1];
        List<long[]> samples = sampled(() -> result[0] = h.run("harvest"));
        VendorHarvestHarness.Result r = result[0];
        System.err.println(r.out());
        assertEquals(0, r.exit(), r.all());
        var truth = sandbox.groundTruth();
        assertEquals(truth.messageCount(Vendor.AGENTX), h.count("messages", SOURCE, null), r.all());
        assertEquals(conversationsExpected(), h.count("conversations", SOURCE, null), r.all());
        assertEquals(truth.userMessageCount(Vendor.AGENTX), h.count("messages", SOURCE, "{\"term\":{\"role\":\"user\"}}"));
        JsonNode run = h.lastRun(SOURCE);
        assertEquals("succeeded", run.path("outcome").asText(), run.toString());
        assertEquals(0, run.path("set_aside").asInt(), run.toString());
        // No call refused with 429: the sandbox saw exactly the harvester's calls, one per page.
        long sandboxCalls = sandbox.faults().callCount(Vendor.AGENTX);
        assertEquals(sandboxCalls, run.path("vendor_calls").asLong(), run.toString());
        assertEquals(run.path("pages").asLong(), run.path("vendor_calls").asLong(), run.toString());
        for (int column : new int[] {1, 2}) {
            String endpoint = column == 1 ? "messages" : "conversations";
            long max = maxWithinASecond(samples, column);
            double rate = rate(samples, column);
            System.err.printf("AgentX %s: %d calls, at most %d within a second, %.2f requests/s%n", endpoint,
                    samples.get(samples.size() - 1)[column], max, rate);
            assertTrue(max <= 3, endpoint + ": " + max + " calls within one second");
            // End to end, each page waits for Elasticsearch before the next call (the sink's back-pressure),
            // so here only the ceiling is the connector's; its own pace is measured in connectorPaces...
            assertTrue(rate <= 3.0, endpoint + ": " + rate + " requests/s");
        }
        checkSomeConversations();
    }

    private long conversationsExpected() {
        return AgentxGroundTruth.conversationIds(sandbox.groundTruth()).size();
    }

    private void checkSomeConversations() {
        List<String> ids = sandbox.groundTruth().conversationIds(Vendor.AGENTX);
        for (String id : List.of(ids.get(0), ids.get(ids.size() / 2), ids.get(ids.size() - 1))) {
            List<ExpectedMessage> expected = sandbox.groundTruth().messagesInConversation(Vendor.AGENTX, id);
            JsonNode hits = h.search("messages", "{\"size\":500,\"sort\":[{\"@timestamp\":\"asc\"},{\"message.id\":\"asc\"}],"
                    + "\"query\":{\"term\":{\"conversation.id\":\"" + id + "\"}}}").path("hits").path("hits");
            assertEquals(expected.size(), hits.size(), "messages of " + id);
            for (int i = 0; i < expected.size(); i++) {
                ExpectedMessage e = expected.get(i);
                JsonNode d = hits.get(i).path("_source");
                assertEquals(e.role(), d.path("role").asText(), id + " #" + i);
                assertEquals(e.text(), d.path("text").asText(null), id + " #" + i);
                List<String> options = new ArrayList<>();
                d.path("options").forEach(o -> options.add(o.asText()));
                assertEquals(e.options(), options, id + " #" + i);
            }
        }
    }

    /**
     * The connector alone, handing pages to a sink that takes them at once: it runs each endpoint at the
     * vendor's 3 requests a second, not over, not much under, and reads exactly the sandbox's records.
     */
    @Test
    @Order(2)
    void connectorPacesEachEndpointAtThreeRequestsASecond() throws Exception {
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        var c = sandbox.credentials();
        org.transcriptsearch.config.SourceConfig config = new org.transcriptsearch.config.SourceConfig("agentx-pace", "agentx",
                Map.of("baseUrl", sandbox.baseUrl(), "botName", c.agentxBotName(), "apiKey", c.agentxApiKey(),
                        "pageSize", "10", "windowSize", "30d"));
        java.util.Set<String> messageIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.Set<String> conversationIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.time.Instant to = sandbox.now();
        var window = new org.transcriptsearch.indexer.source.HarvestWindow(to.minus(java.time.Duration.ofDays(30)), to);
        try (var connector = org.transcriptsearch.indexer.source.Connectors.installed().create(config,
                new org.transcriptsearch.indexer.source.ConnectorContext(vertx, org.transcriptsearch.secrets.Redactor.none(),
                        java.time.Clock.systemUTC(), org.transcriptsearch.indexer.source.RetryPolicy.defaults()))) {
            List<long[]> samples = sampled(() -> {
                try {
                    connector.harvest(new org.transcriptsearch.indexer.source.HarvestRequest("pace", window, Map.of(), true),
                            page -> {
                                page.messages().forEach(m -> messageIds.add(m.message().id()));
                                page.conversations().stream().filter(f -> f.raw() != null)
                                        .forEach(f -> conversationIds.add(f.conversationId()));
                                return io.vertx.core.Future.succeededFuture();
                            }).toCompletionStage().toCompletableFuture().get(5, java.util.concurrent.TimeUnit.MINUTES);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(sandbox.groundTruth().messageCount(Vendor.AGENTX), messageIds.size());
            assertEquals(sandbox.groundTruth().conversationIds(Vendor.AGENTX).size(), conversationIds.size());
            for (int column : new int[] {1, 2}) {
                String endpoint = column == 1 ? "messages" : "conversations";
                long max = maxWithinASecond(samples, column);
                double rate = rate(samples, column);
                System.err.printf("AgentX connector alone, %s: at most %d calls within a second, %.2f requests/s%n",
                        endpoint, max, rate);
                assertTrue(max <= 3, endpoint + ": " + max + " calls within one second");
                // A handful of calls (the conversations stream here: ~9 pages) is too short a sample to judge
                // the pace finely: each burst of 3 also pays one round trip on this shared machine.
                long calls = samples.get(samples.size() - 1)[column] - samples.get(0)[column];
                double floor = calls >= 30 ? 2.6 : 2.0;
                assertTrue(rate <= 3.0 && rate >= floor, endpoint + ": " + rate + " requests/s over " + calls
                        + " calls, expected just under 3");
            }
        } finally {
            vertx.close();
        }
    }

    @Test
    @Order(3)
    void theVendorsSampleConversationKeepsLocaleTagsAndMetadata() {
        JsonNode doc = h.search("conversations", "{\"query\":{\"term\":{\"conversation.id\":\"5c80416892d94e40a64cea7dc6406e25\"}}}")
                .path("hits").path("hits").path(0).path("_source");
        assertEquals("en_us", doc.path("locale").asText(), doc.toString());
        assertEquals("guideInteraction", doc.path("tags").path(0).asText(), doc.toString());
        assertEquals("my camera is offline", doc.path("metadata").path("question").asText(), doc.toString());
        assertEquals(1, h.count("conversations", SOURCE, "{\"term\":{\"conversation.id\":\"5c80416892d94e40a64cea7dc6406e25\"}},"
                + "{\"term\":{\"metadata.question\":\"my camera is offline\"}}"), "metadata is searchable");
    }

    @Test
    @Order(4)
    void rerunWithNothingNewWritesNoMessage() {
        VendorHarvestHarness.Result r = h.run("harvest");
        assertEquals(0, r.exit(), r.all());
        JsonNode run = h.lastRun(SOURCE);
        assertEquals(0, run.path("messages").path("written").asLong(), run.toString());
        assertEquals(sandbox.groundTruth().messageCount(Vendor.AGENTX), h.count("messages", SOURCE, null));
    }

    @Test
    @Order(5)
    void growthAdditionsAndFaultsStillEndAtGroundTruth() {
        List<String> ids = sandbox.groundTruth().conversationIds(Vendor.AGENTX);
        sandbox.growConversation(Vendor.AGENTX, ids.get(ids.size() / 2), 3);
        sandbox.addConversations(Vendor.AGENTX, 3);
        sandbox.faults().next(Endpoint.AGENTX_MESSAGES, Fault.status(503))
                .next(Endpoint.AGENTX_MESSAGES, Fault.malformedJson())
                .next(Endpoint.AGENTX_CONVERSATIONS, Fault.status(429).retryAfter(1));
        VendorHarvestHarness.Result r = h.run("harvest");
        assertEquals(0, r.exit(), r.all());
        var truth = sandbox.groundTruth();
        assertEquals(truth.messageCount(Vendor.AGENTX), h.count("messages", SOURCE, null), r.all());
        assertEquals(conversationsExpected(), h.count("conversations", SOURCE, null), r.all());
        assertEquals(0, h.lastRun(SOURCE).path("set_aside").asInt(), h.lastRun(SOURCE).toString());
        assertEquals(3, sandbox.faults().delivered(Vendor.AGENTX).size());
    }

    @Test
    @Order(6)
    void noKeyInOutputOrDocuments() {
        String key = sandbox.credentials().agentxApiKey();
        assertFalse(h.captured().contains(key), "the API key leaked into the output");
        assertFalse(h.everything().contains(key), "the API key leaked into a stored document");
    }
}
