package org.transcriptsearch.indexer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
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
import org.transcriptsearch.indexer.harvest.HarvesterProcess;
import org.transcriptsearch.indexer.harvest.Poll;
import org.transcriptsearch.localnode.EphemeralNode;
import org.transcriptsearch.sandbox.Fault;
import org.transcriptsearch.sandbox.SandboxOptions;
import org.transcriptsearch.sandbox.Vendor;
import org.transcriptsearch.sandbox.VendorSandbox;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.TestElasticsearch;

/**
 * Interrupted runs of one vendor's harvest, each on fresh indices: the harvester killed with SIGKILL
 * part-way and run again; Elasticsearch stopped part-way and started again. Either way the indices must
 * end equal to the sandbox's ground truth ({@link HarvestedIndex}). A vendor's {@code *FaultsIT} says how
 * its source is configured and what its ground truth holds. Rate limits are lifted on both sides (pacing
 * is the harvest ITs' subject); every answer is held back instead, so a run of small pages lasts long
 * enough to be interrupted, and the faults are cleared before the run that is to complete.
 */
@ExtendWith(ElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class InterruptedRuns {
    /** The lease outlives a kill long enough to try a second harvester against it. */
    private static final String HARVEST = "  settle: 0s\n  overlap: 30m\n  leaseTtl: 8s\n  timeout: 2s\n  retries: 4\n"
            + "  outage: 90s\n";
    private static final Duration HELD_BACK = Duration.ofMillis(250);
    private static final Duration RUN_LIMIT = Duration.ofMinutes(2);

    private final SandboxSource kind;
    private final SandboxOptions.Builder sandboxOptions;
    private final Vendor vendor;
    private SourceFixture fixture;
    private VendorSandbox sandbox;
    private TestElasticsearch es;
    private Path dir;
    private VendorHarvestHarness h;
    private HarvestedIndex index;

    /** {@code sandboxOptions}: the sandbox's seed and size (the rest is set here). */
    protected InterruptedRuns(SandboxSource kind, SandboxOptions.Builder sandboxOptions) {
        this.kind = kind;
        this.sandboxOptions = sandboxOptions;
        this.vendor = kind.vendor();
    }

    private String source() {
        return vendor.key() + "-faults-it";
    }

    @BeforeAll
    void start(TestElasticsearch es, @TempDir Path dir) {
        this.es = es;
        this.dir = dir;
        fixture = new SourceFixture(kind, source(), sandboxOptions, es, dir);
        sandbox = fixture.sandbox;
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** Fresh indices, a source on them, and every answer held back. */
    private void fresh() throws Exception {
        h = fixture.fresh("faults", es.url(), HARVEST);
        index = fixture.index(h);
        sandbox.faults().next(vendor, Fault.slow(HELD_BACK).times(10_000));
    }

    /** Part-way: a tenth of the messages stored (or the run over, which the caller fails on). */
    private void waitForATenthStored(BooleanSupplier ended) throws InterruptedException {
        long total = sandbox.groundTruth().messageCount(vendor);
        Poll.until(() -> index.messages() >= total / 10 || ended.getAsBoolean(), RUN_LIMIT, "a tenth of the messages stored");
    }

    private void waitOutLease(Instant expires) throws InterruptedException {
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expires).toMillis() + 500));
    }

    /**
     * SIGKILL once a tenth of the messages are stored. While the dead harvester's lease lives, a second one
     * is refused; what the dead one checkpointed is stored; once the lease has expired, a rerun resumes
     * from the checkpoints (not from the start, skipping nothing) and ends at ground truth, with every
     * stream checkpointed at its window's end and the lease given back.
     */
    @Test
    @Order(1)
    void killedHarvesterBlocksOthersUntilItsLeaseExpiresThenARerunCompletes() throws Exception {
        fresh();
        HarvesterProcess harvester = h.spawn(dir.resolve("killed-" + vendor.key() + "-harvester.log"), "harvest");
        waitForATenthStored(() -> !harvester.alive());
        assertTrue(harvester.alive(), "the harvester ended before it could be killed: " + harvester.output());
        harvester.kill();
        sandbox.faults().clear();

        JsonNode lease = h.lease(source()).orElseThrow(() -> new AssertionError("the killed harvester left no lease"));
        Instant expires = Instant.parse(lease.path("expires_at").asText());
        VendorHarvestHarness.Result refused = h.run("harvest");
        assertTrue(Instant.now().isBefore(expires), "too slow to try while the dead lease lived: " + lease);
        assertEquals(1, refused.exit(), refused.all());
        assertTrue(refused.err().contains("is being harvested by " + lease.path("holder").asText()), refused.err());

        long total = sandbox.groundTruth().messageCount(vendor);
        long written = index.messages();
        assertTrue(written > 0 && written < total, "the killed run stored " + written + " of " + total + " messages");
        JsonNode killedRun = h.lastRun(source());
        assertEquals("running", killedRun.path("outcome").asText(), "the killed run's history: " + killedRun);
        index.checkpointKeptItsPromise();
        Optional<Instant> resumeBy = index.oldestCheckpoint();

        waitOutLease(expires);
        VendorHarvestHarness.Result rerun = h.run("harvest");
        assertEquals(0, rerun.exit(), rerun.all());
        JsonNode run = h.lastRun(source());
        assertEquals("succeeded", run.path("outcome").asText(), run.toString());
        System.err.printf("%s: killed at %d of %d messages, oldest checkpoint %s; the rerun read %s%n", vendor, written, total,
                resumeBy.map(Instant::toString).orElse("(not every stream had one)"), run.path("window"));
        if (resumeBy.isPresent()) {
            Instant from = Instant.parse(run.path("window").path("from").asText());
            assertTrue(from.isAfter(Instant.parse(killedRun.path("window").path("from").asText())) && !from.isAfter(resumeBy.get()),
                    "the rerun's window " + run.path("window") + ", the checkpoints at " + resumeBy.get());
        }
        index.equalsGroundTruth(kind.conversations(sandbox.groundTruth()), rerun.all() + harvester.output());
        index.checkpointedAtTheEndOf(run);
    }

    /**
     * The embedded node stopped once a tenth of the messages are stored, and started again. The run
     * either rides the outage out or fails with its checkpoints where they were; then (once its lease,
     * which it may not have been able to give back, has expired) a rerun completes. Either way: ground truth.
     */
    @Test
    @Order(2)
    void elasticsearchStoppedMidRunAndRestarted() throws Exception {
        Assumptions.assumeTrue(es.embeddedNode().isPresent(), "needs the embedded node to stop and restart, not " + es.how());
        EphemeralNode node = es.embeddedNode().get();
        fresh();
        CompletableFuture<VendorHarvestHarness.Result> first = CompletableFuture.supplyAsync(() -> h.run("harvest"));
        waitForATenthStored(first::isDone);
        long written = index.messages();
        long total = sandbox.groundTruth().messageCount(vendor);
        assertFalse(first.isDone(), () -> "the run ended before Elasticsearch could be stopped: " + first.join().all());
        assertTrue(written > 0 && written < total, "stored " + written + " of " + total + " messages before the outage");
        long down = System.nanoTime();
        node.stop();
        long stopped = System.nanoTime();
        sandbox.faults().clear(); // interrupted: the rest may go at full speed
        try {
            Thread.sleep(2_000);
        } finally {
            node.restart();
            es.request("GET", "/_cluster/health?wait_for_status=green&timeout=60s");
        }
        long up = System.nanoTime();
        VendorHarvestHarness.Result result = first.get(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS);
        String output = result.all();
        System.err.printf("%s: Elasticsearch stopped at %d of %d messages (stopping took %.1f s, down %.1f s); the run exited %d"
                + " %.1f s after it was back%n", vendor, written, total,
                (stopped - down) / 1e9, (up - down) / 1e9, result.exit(), (System.nanoTime() - up) / 1e9);
        if (result.exit() != 0) {
            Optional<JsonNode> lease = h.lease(source());
            if (lease.isPresent()) {
                waitOutLease(Instant.parse(lease.get().path("expires_at").asText()));
            }
            VendorHarvestHarness.Result again = h.run("harvest");
            assertEquals(0, again.exit(), output + again.all());
            output += again.all();
        }
        index.equalsGroundTruth(kind.conversations(sandbox.groundTruth()), output);
        index.checkpointedAtTheEndOf(h.lastRun(source()));
    }
}
