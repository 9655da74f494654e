package org.transcriptsearch.indexer.harvest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.transcriptsearch.sandbox.Fault;
import org.transcriptsearch.sandbox.SandboxOptions;
import org.transcriptsearch.sandbox.Vendor;
import org.transcriptsearch.sandbox.VendorSandbox;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.TestElasticsearch;

/**
 * Every sandbox fault, a persistent failure, bad credentials, Elasticsearch stopped mid-run, and a
 * harvester killed with SIGKILL: in every case the index ends up equal to the sandbox's ground truth,
 * with no duplicates, and nothing secret is printed.
 */
@ExtendWith(ElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CxoneFaultsIT {
    private static final String HARVEST = "  settle: 0s\n  timeout: 2s\n  retries: 4\n  leaseTtl: 5s\n  outage: 90s\n"
            + "  bulkDocs: 100\n  conversationBatch: 10\n"; // CXone: rounds of 50 conversations, so several

    private VendorSandbox sandbox;
    private TestElasticsearch es;
    private Path dir;
    private int prefixes;
    private final StringBuilder allOutput = new StringBuilder();

    @BeforeAll
    void start(TestElasticsearch es, @TempDir Path dir) {
        this.es = es;
        this.dir = dir;
        sandbox = VendorSandbox.start(SandboxOptions.builder().seed(11).conversationsPerVendor(120).vendors(Vendor.CXONE).build());
    }

    @AfterAll
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    /** A fresh set of indices and a config pointing at them. */
    private CxoneHarness fresh() throws Exception {
        String prefix = "it-cxf" + (++prefixes);
        es.setup(prefix);
        Path d = Files.createDirectories(dir.resolve(prefix));
        return new CxoneHarness(es, sandbox, prefix, d, HARVEST);
    }

    /** Small pages, so a run lasts long enough to be interrupted (each slow answer stays under the timeout). */
    private static CxoneHarness slowPaged(CxoneHarness h) throws java.io.IOException {
        Files.writeString(h.config, Files.readString(h.config).replace("perPage: 50", "perPage: 10"));
        return h;
    }

    private void assertGroundTruth(CxoneHarness h, String context) {
        assertEquals(sandbox.groundTruth().messageCount(Vendor.CXONE), h.messages(), context);
        assertEquals(sandbox.groundTruth().conversationCount(Vendor.CXONE), h.conversations(), context);
        allOutput.append(h.captured);
    }

    @Test
    @Order(1)
    void everyRetriableFaultEndsInGroundTruth() throws Exception {
        Map<String, Fault> faults = new LinkedHashMap<>();
        faults.put("429 with Retry-After", Fault.status(429).retryAfter(1));
        faults.put("500", Fault.status(500));
        faults.put("503 twice", Fault.status(503).times(2));
        faults.put("slow answer past the timeout", Fault.slow(Duration.ofSeconds(4)));
        faults.put("cut connection", Fault.cutConnection());
        faults.put("malformed JSON", Fault.malformedJson());
        faults.put("expired scroll", Fault.expiredScroll());
        faults.put("conversation grows between calls", Fault.growBetweenCalls());
        for (Map.Entry<String, Fault> f : faults.entrySet()) {
            CxoneHarness h = fresh();
            sandbox.faults().clear();
            sandbox.faults().next(Vendor.CXONE, f.getValue());
            CxoneHarness.Result r = h.run("harvest");
            assertEquals(0, r.exit(), f.getKey() + ": " + r.all());
            assertEquals(0, sandbox.faults().pending(Vendor.CXONE), f.getKey() + ": the fault was never delivered");
            if (f.getKey().startsWith("conversation grows")) {
                // The growth happened after its page was served: the next run's overlap picks it up.
                CxoneHarness.Result again = h.run("harvest");
                assertEquals(0, again.exit(), again.all());
            }
            assertGroundTruth(h, f.getKey() + ": " + r.all());
        }
    }

    @Test
    @Order(2)
    void malformedRecordIsSetAsideWithItsLocationAndReindexRecoversIt() throws Exception {
        CxoneHarness h = fresh();
        sandbox.faults().clear();
        sandbox.faults().next(Vendor.CXONE, Fault.malformedRecord());
        CxoneHarness.Result r = h.run("harvest");
        assertEquals(3, r.exit(), "a run that set a record aside exits 3: " + r.all());
        assertTrue(r.out().contains("1 set aside"), r.out());
        JsonNode run = h.lastRun();
        assertEquals("partial", run.path("outcome").asText(), run.toString());
        assertEquals(1, run.path("set_aside").asInt());
        assertTrue(run.path("errors").path(0).path("location").asText().contains("data["), run.toString());
        assertTrue(run.path("errors").path(0).path("reason").asText().contains("conversationId"), run.toString());
        assertTrue(h.messages() < sandbox.groundTruth().messageCount(Vendor.CXONE));
        CxoneHarness.Result re = h.run("reindex", "--source", CxoneHarness.SOURCE, "--from",
                sandbox.now().minus(Duration.ofDays(40)).toString());
        assertEquals(0, re.exit(), re.all());
        assertGroundTruth(h, re.all());
    }

    @Test
    @Order(3)
    void persistentFailureStopsEarlyKeepsTheCheckpointAndExitsNonZero() throws Exception {
        CxoneHarness h = fresh();
        sandbox.faults().clear();
        assertEquals(0, h.run("harvest").exit());
        String checkpoint = es.request("GET", "/" + h.prefix + "-state/_doc/checkpoint:" + CxoneHarness.SOURCE + ":conversations");
        sandbox.addConversations(Vendor.CXONE, 2);
        sandbox.faults().next(Vendor.CXONE, Fault.status(503).times(50));
        CxoneHarness.Result r = h.run("harvest");
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.err().contains("gave up after") && r.err().contains("checkpoint stays"), r.err());
        assertEquals("failed", h.lastRun().path("outcome").asText());
        assertEquals(CxoneHarness.json(checkpoint).path("_source").path("checkpoint"), CxoneHarness.json(es.request("GET", "/"
                + h.prefix + "-state/_doc/checkpoint:" + CxoneHarness.SOURCE + ":conversations")).path("_source").path("checkpoint"),
                "the failed run's checkpoint must stay where it was");
        sandbox.faults().clear();
        assertEquals(0, h.run("harvest").exit());
        assertGroundTruth(h, r.all());
    }

    @Test
    @Order(4)
    void refusedCredentialsStopAtOnceNamingTheSourceAndKey() throws Exception {
        CxoneHarness h = fresh();
        sandbox.faults().clear();
        h.env.put("CXONE_IT_TOKEN", "wrong-token-0123456789");
        CxoneHarness.Result r = h.run("harvest");
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.err().contains("sources[" + CxoneHarness.SOURCE + "].token"), r.err());
        assertTrue(r.err().contains("401"), r.err());
        assertFalse(r.all().contains("wrong-token-0123456789"), r.all());
        assertEquals(0, h.messages());
    }

    @Test
    @Order(5)
    void elasticsearchStoppedMidRunAndRestarted() throws Exception {
        Assumptions.assumeTrue(es.embeddedNode().isPresent(), "needs the embedded node to stop and restart");
        CxoneHarness h = slowPaged(fresh());
        sandbox.faults().clear();
        sandbox.faults().next(Vendor.CXONE, Fault.slow(Duration.ofMillis(1500)).times(10));
        CompletableFuture<CxoneHarness.Result> run = CompletableFuture.supplyAsync(() -> h.run("harvest"));
        Poll.until(() -> sandbox.faults().callCount(Vendor.CXONE) > 0 && countQuietly(h) > 0, Duration.ofMinutes(3),
                "messages stored");
        es.embeddedNode().get().stop();
        Thread.sleep(3_000);
        es.embeddedNode().get().restart();
        CxoneHarness.Result first = run.get(5, TimeUnit.MINUTES);
        if (first.exit() != 0) {
            Thread.sleep(6_000); // the failed run's lease may not have been released while the node was down
            CxoneHarness.Result again = h.run("harvest");
            assertEquals(0, again.exit(), first.all() + again.all());
        }
        assertGroundTruth(h, first.all());
    }

    @Test
    @Order(6)
    void killedHarvesterBlocksOthersUntilItsLeaseExpiresThenARerunCompletes() throws Exception {
        CxoneHarness h = slowPaged(fresh());
        sandbox.faults().clear();
        sandbox.faults().next(Vendor.CXONE, Fault.slow(Duration.ofMillis(1500)).times(12));
        Path log = dir.resolve("killed-harvester.log");
        HarvesterProcess p = h.spawn(log, "harvest");
        Poll.until(() -> countQuietly(h) > 0, Duration.ofMinutes(3), "messages stored");
        CxoneHarness.Result second = h.run("harvest");
        assertEquals(1, second.exit(), second.all());
        assertTrue(second.err().contains("is being harvested by"), second.err());
        p.kill();
        Thread.sleep(6_000); // leaseTtl 5s
        sandbox.faults().clear();
        CxoneHarness.Result r = h.run("harvest");
        assertEquals(0, r.exit(), r.all());
        assertGroundTruth(h, r.all());
        allOutput.append(p.output());
    }

    @Test
    @Order(7)
    void noSecretInAnyOutputLogOrDocument() {
        String token = sandbox.credentials().cxoneToken();
        assertFalse(allOutput.toString().contains(token), "the token leaked into the output or a log");
        for (int i = 1; i <= prefixes; i++) {
            es.refresh();
            for (String alias : new String[]{"messages", "conversations", "state", "runs"}) {
                assertFalse(es.request("POST", "/it-cxf" + i + "-" + alias + "/_search", "{\"size\":10000}").contains(token),
                        "the token leaked into it-cxf" + i + "-" + alias);
            }
        }
    }

    private long countQuietly(CxoneHarness h) {
        try {
            return h.messages();
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
