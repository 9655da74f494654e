package org.transcriptsearch.indexer.source.kore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * The Kore.ai harvest end to end through the CLI, against the sandbox (JWT checked, 7-day window
 * refused, 60 calls a minute enforced with 429) and a real cluster.
 */
@ExtendWith(ElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KoreHarvestIT {
    private static final String SOURCE = "kore-it";
    private static final String PAGED_SOURCE = "kore-it-small-pages";
    /** The header every HS256 JWT starts with: a minted token in any output would show it. */
    private static final String JWT_HEADER = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";

    private VendorSandbox sandbox;
    private VendorHarvestHarness h;

    @BeforeAll
    void start(TestElasticsearch es, @TempDir Path dir) throws Exception {
        sandbox = VendorSandbox.start(SandboxOptions.builder().seed(11).conversationsPerVendor(60)
                .vendors(Vendor.KORE).build());
        es.setup("it-kore");
        var c = sandbox.credentials();
        String source = "    type: kore\n    baseUrl: " + sandbox.baseUrl() + "\n    botId: " + c.koreBotId() + "\n"
                + "    clientId: ${KORE_IT_CLIENT_ID}\n    clientSecret: ${KORE_IT_CLIENT_SECRET}\n";
        h = new VendorHarvestHarness(es, "it-kore", dir, "  settle: 0s\n  overlap: 30m\n",
                "  - name: " + SOURCE + "\n" + source
                        + "  - name: " + PAGED_SOURCE + "\n" + source + "    pageSize: 6\n",
                Map.of("KORE_IT_CLIENT_ID", c.koreClientId(), "KORE_IT_CLIENT_SECRET", c.koreClientSecret()));
    }

    @AfterAll
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private long calls() {
        return sandbox.faults().callCount(Endpoint.KORE_GET_MESSAGES);
    }

    @Test
    @Order(1)
    void fromEmptyEqualsGroundTruthWithNoRefusedCall() {
        long before = calls();
        VendorHarvestHarness.Result r = h.run("harvest", "--source", SOURCE);
        System.err.println(r.out());
        assertEquals(0, r.exit(), r.all());
        var truth = sandbox.groundTruth();
        assertEquals(truth.messageCount(Vendor.KORE), h.count("messages", SOURCE, null), r.all());
        assertEquals(conversationsExpected(), h.count("conversations", SOURCE, null), r.all());
        assertEquals(sessionless(), h.count("conversations", SOURCE, KoreGroundTruth.SESSIONLESS_QUERY));
        assertEquals(truth.userMessageCount(Vendor.KORE), h.count("messages", SOURCE, "{\"term\":{\"role\":\"user\"}}"));
        JsonNode run = h.lastRun(SOURCE);
        assertEquals("succeeded", run.path("outcome").asText(), run.toString());
        assertEquals(0, run.path("set_aside").asInt(), run.toString());
        // Every call the sandbox saw was answered: no 7-day window error, no 429, nothing retried.
        assertEquals(calls() - before, run.path("vendor_calls").asLong(), run.toString());
        assertEquals(run.path("pages").asLong(), run.path("vendor_calls").asLong(), run.toString());
        assertTrue(run.path("pages").asLong() >= 5, "a 30-day lookback takes at least 5 windows: " + run);
        checkSomeConversations();
    }

    private long conversationsExpected() {
        return KoreGroundTruth.conversations(sandbox.groundTruth());
    }

    private long sessionless() {
        return KoreGroundTruth.sessionless(sandbox.groundTruth());
    }

    private void checkSomeConversations() {
        List<String> ids = sandbox.groundTruth().conversationIds(Vendor.KORE);
        for (String id : List.of(ids.get(0), ids.get(ids.size() / 2), ids.get(ids.size() - 1))) {
            List<ExpectedMessage> expected = sandbox.groundTruth().messagesInConversation(Vendor.KORE, id);
            JsonNode hits = h.search("messages", "{\"size\":500,\"sort\":[{\"@timestamp\":\"asc\"},{\"message.id\":\"asc\"}],"
                    + "\"query\":{\"term\":{\"conversation.id\":\"" + id + "\"}}}").path("hits").path("hits");
            assertEquals(expected.size(), hits.size(), "messages of " + id);
            for (int i = 0; i < expected.size(); i++) {
                ExpectedMessage e = expected.get(i);
                JsonNode d = hits.get(i).path("_source");
                assertEquals(e.role(), d.path("role").asText(), id + " #" + i);
                assertEquals(e.text(), d.path("text").asText(null), id + " #" + i);
                e.messageId().ifPresent(m -> assertEquals(m, d.path("message").path("id").asText(), id));
                String where = id + " #" + i + " " + e.text();
                e.language().ifPresent(l -> assertEquals(l, d.path("language").asText(), where));
                assertTrue(d.path("intent").isMissingNode(), "Kore gives no intent");
            }
        }
    }

    @Test
    @Order(2)
    void rerunWithNothingNewWritesNothing() {
        VendorHarvestHarness.Result r = h.run("harvest", "--source", SOURCE);
        assertEquals(0, r.exit(), r.all());
        JsonNode run = h.lastRun(SOURCE);
        assertEquals(0, run.path("messages").path("written").asLong(), run.toString());
        assertEquals(sandbox.groundTruth().messageCount(Vendor.KORE), h.count("messages", SOURCE, null));
    }

    @Test
    @Order(3)
    void grownAndNewSessionsArriveAndNothingIsDuplicated() {
        List<String> ids = sandbox.groundTruth().conversationIds(Vendor.KORE);
        sandbox.growConversation(Vendor.KORE, ids.get(ids.size() / 2), 3);
        List<String> added = sandbox.addConversations(Vendor.KORE, 4);
        VendorHarvestHarness.Result r = h.run("harvest", "--source", SOURCE);
        assertEquals(0, r.exit(), r.all());
        var truth = sandbox.groundTruth();
        assertEquals(truth.messageCount(Vendor.KORE), h.count("messages", SOURCE, null), r.all());
        assertEquals(conversationsExpected(), h.count("conversations", SOURCE, null), r.all());
        for (String id : added) {
            assertEquals(truth.messageCount(Vendor.KORE, id),
                    h.count("messages", SOURCE, "{\"term\":{\"conversation.id\":\"" + id + "\"}}"), id);
        }
    }

    @Test
    @Order(4)
    void a429IsHonouredAndTheRunStillEqualsGroundTruth() {
        sandbox.faults().next(Endpoint.KORE_GET_MESSAGES, Fault.status(429).retryAfter(2));
        long start = System.nanoTime();
        VendorHarvestHarness.Result r = h.run("reindex", "--source", SOURCE, "--from",
                sandbox.now().minus(Duration.ofDays(10)).toString());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(0, r.exit(), r.all());
        assertTrue(sandbox.faults().delivered(Vendor.KORE).stream().anyMatch(e -> e.fault().statusCode() == 429),
                "the 429 was served");
        assertTrue(took.compareTo(Duration.ofSeconds(2)) >= 0, "Retry-After: 2 was not waited for: " + took);
        JsonNode run = h.lastRun(SOURCE);
        assertEquals(run.path("pages").asLong() + 1, run.path("vendor_calls").asLong(), run.toString());
        assertEquals(sandbox.groundTruth().messageCount(Vendor.KORE), h.count("messages", SOURCE, null));
    }

    @Test
    @Order(5)
    void moreThanSixtyCallsArePacedUnderTheBotsLimitWithoutA429() {
        long before = calls();
        long start = System.nanoTime();
        VendorHarvestHarness.Result r = h.run("harvest", "--source", PAGED_SOURCE);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.err.println(r.out() + "took " + took);
        assertEquals(0, r.exit(), r.all());
        JsonNode run = h.lastRun(PAGED_SOURCE);
        long made = run.path("vendor_calls").asLong();
        assertTrue(made > 60, "the small pages should take more than a minute's budget: " + run);
        assertEquals(calls() - before, made, "calls the sandbox saw");
        assertEquals(run.path("pages").asLong(), made, "no call was refused with 429: " + run);
        // 60 in any minute: call 61 starts a minute after call 1 at the earliest, call 121 two minutes after.
        Duration least = Duration.ofMinutes((made - 1) / 60).minusSeconds(1);
        assertTrue(took.compareTo(least) >= 0, made + " calls in " + took + ": faster than 60 a minute");
        assertEquals(sandbox.groundTruth().messageCount(Vendor.KORE), h.count("messages", PAGED_SOURCE, null));
    }

    @Test
    @Order(6)
    void noSecretOrJwtInOutputOrDocuments() {
        String secret = sandbox.credentials().koreClientSecret();
        String out = h.captured();
        String stored = h.everything();
        assertFalse(out.contains(secret), "the client secret leaked into the output");
        assertFalse(stored.contains(secret), "the client secret leaked into a stored document");
        assertFalse(out.contains(JWT_HEADER), "a JWT leaked into the output");
        assertFalse(stored.contains(JWT_HEADER), "a JWT leaked into a stored document");
    }
}
