package org.transcriptsearch.indexer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.transcriptsearch.document.DocumentIds;
import org.transcriptsearch.indexer.harvest.HarvesterProcess;
import org.transcriptsearch.indexer.harvest.Poll;
import org.transcriptsearch.sandbox.ExpectedMessage;
import org.transcriptsearch.sandbox.Fault;
import org.transcriptsearch.sandbox.FaultEvent;
import org.transcriptsearch.sandbox.SandboxOptions;
import org.transcriptsearch.sandbox.Vendor;
import org.transcriptsearch.sandbox.VendorSandbox;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.FaultProxy;
import org.transcriptsearch.testkit.ItemFault;
import org.transcriptsearch.testkit.TestElasticsearch;

/**
 * The incidents of real life, for one vendor, each on fresh indices: Elasticsearch refusing single bulk
 * items as a cluster does while a node restarts ({@link FaultProxy} in front of the real node), a
 * document it can never store, the vendor answering 200 with an error body or a cut-off page (once, and
 * many times in a row), a record from the far future, and a harvester suspended past its lease while
 * another takes the source. Each ends with an exit code that says what happened and, after at most one
 * more run, the index equal to the sandbox's ground truth with every conversation document equal to
 * Elasticsearch's own aggregation of its stored messages.
 */
@ExtendWith(ElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class HarvestIncidents {
    private static final String HARVEST = "  settle: 0s\n  overlap: 30m\n  leaseTtl: 6s\n  timeout: 3s\n  retries: 4\n"
            + "  outage: 60s\n  bulkDocs: 50\n  conversationBatch: 10\n";

    private final SandboxSource kind;
    private final SandboxOptions.Builder sandboxOptions;
    protected final Vendor vendor;
    private SourceFixture fixture;
    protected VendorSandbox sandbox;
    private FaultProxy proxy;
    protected Path dir;
    protected VendorHarvestHarness h;
    protected HarvestedIndex index;

    protected HarvestIncidents(SandboxSource kind, SandboxOptions.Builder sandboxOptions) {
        this.kind = kind;
        this.sandboxOptions = sandboxOptions;
        this.vendor = kind.vendor();
    }

    protected String source() {
        return vendor.key() + "-incidents";
    }

    @BeforeAll
    void start(TestElasticsearch es, @TempDir Path dir) {
        this.dir = dir;
        fixture = new SourceFixture(kind, source(), sandboxOptions, es, dir);
        sandbox = fixture.sandbox;
        proxy = FaultProxy.start(es.url());
    }

    @AfterAll
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    /** Fresh indices, a source on them written through the proxy, no faults queued. */
    protected void fresh() throws Exception {
        proxy.clear();
        h = fixture.fresh("inc", proxy.url(), HARVEST);
        index = fixture.index(h);
    }

    protected void complete(String output) {
        index.equalsGroundTruth(kind.conversations(sandbox.groundTruth()), output);
        index.conversationsEqualTheirMessages();
        assertEquals(List.of(), h.setAside(source()), "nothing is left set aside");
    }

    /** The harvest run's window, from its history. */
    private String[] window() {
        JsonNode w = h.lastRun(source()).path("window");
        return new String[] {w.path("from").asText(), w.path("to").asText()};
    }

    @Test
    @Order(1)
    void bulkItemsRefusedWhileTheClusterRecoversAreRetriedAndNothingIsLost() throws Exception {
        fresh();
        proxy.failRandomItems(ItemFault.SHARD_UNAVAILABLE, 0.06, 1);
        proxy.failRandomItems(ItemFault.QUEUE_FULL, 0.04, 2);
        proxy.failRandomItems(ItemFault.NODE_DISCONNECTED, 0.02, 3);
        proxy.failRandomItems(ItemFault.DISK_FLOOD_STAGE, 0.02, 4);
        proxy.failRandomItems(ItemFault.VERSION_CONFLICT, 0.03, 5);
        proxy.failRandomItems(ItemFault.INDEX_WRITE_BLOCKED, 0.01, 6);
        proxy.failNextRequests(503, 2, p -> p.endsWith("/_bulk"));
        VendorHarvestHarness.Result r = h.run("harvest");
        long faulted = proxy.injected().size();
        proxy.clear();
        assertEquals(0, r.exit(), r.all());
        assertTrue(faulted > 10, "the proxy refused only " + faulted + " items");
        complete(r.all());
        index.checkpointedAtTheEndOf(h.lastRun(source()));
        assertEquals("succeeded", h.lastRun(source()).path("outcome").asText());
    }

    @Test
    @Order(2)
    void aDocumentThatCanNeverBeStoredIsSetAsideWithItsRecordThenStoredOnceTheMappingIsFixed() throws Exception {
        fresh();
        ExpectedMessage victim = sandbox.groundTruth().messages(vendor)
                .filter(m -> m.conversationId().isPresent() && m.messageId().isPresent()).skip(7).findFirst().orElseThrow();
        String docId = DocumentIds.message(source(), victim.conversationId().get(), victim.messageId().get());
        proxy.failAlways(ItemFault.MAPPING_ERROR, op -> op.id().equals(docId));
        VendorHarvestHarness.Result r = h.run("harvest");
        assertEquals(3, r.exit(), "a run that set a document aside exits 3: " + r.all());
        assertTrue(r.out().contains("1 set aside"), r.out());
        index.equalsGroundTruthBut(Set.of(index.key(victim)), r.all());
        index.conversationsEqualTheirMessages();
        List<JsonNode> kept = h.setAside(source());
        assertEquals(1, kept.size(), kept.toString());
        JsonNode record = kept.get(0);
        assertEquals("document", record.path("kind").asText());
        assertEquals(docId, record.path("target").path("id").asText());
        assertEquals("document_parsing_exception", record.path("error").path("type").asText());
        assertTrue(record.path("document").asText().contains(victim.messageId().get()), "the document is kept: " + record);
        assertTrue(record.path("document").asText().contains("\"raw\""), "with its vendor record: " + record);
        assertEquals("partial", h.lastRun(source()).path("outcome").asText());
        VendorHarvestHarness.Result status = h.run("status");
        assertTrue(status.out().contains("set aside: 1 record(s)") && status.out().contains("set-aside retry"), status.out());

        VendorHarvestHarness.Result stillBroken = h.run("set-aside", "retry", "--source", source());
        assertEquals(3, stillBroken.exit(), stillBroken.all());
        assertEquals(1, h.setAside(source()).size());

        proxy.clear(); // the mapping is fixed
        VendorHarvestHarness.Result retry = h.run("set-aside", "retry", "--source", source());
        assertEquals(0, retry.exit(), retry.all());
        complete(retry.all());
    }

    @Test
    @Order(3)
    void theVendorAnswering200WithAnErrorBodyOrACutOffPageIsAskedAgain() throws Exception {
        fresh();
        sandbox.faults().next(vendor, Fault.slow(Duration.ZERO).times(2));
        sandbox.faults().next(vendor, Fault.errorBody().times(2));
        sandbox.faults().next(vendor, Fault.slow(Duration.ZERO).times(1));
        sandbox.faults().next(vendor, Fault.malformedJson().times(2));
        VendorHarvestHarness.Result r = h.run("harvest");
        assertEquals(0, sandbox.faults().pending(vendor), "every fault was delivered");
        assertEquals(0, r.exit(), r.all());
        complete(r.all());
        index.checkpointedAtTheEndOf(h.lastRun(source()));
    }

    @Test
    @Order(4)
    void aPageThatStaysUnreadableEndsTheRunAtItsLastCheckpointAndTheNextRunCompletes() throws Exception {
        fresh();
        sandbox.faults().next(vendor, Fault.slow(Duration.ZERO).times(3));
        sandbox.faults().next(vendor, Fault.errorBody().times(60));
        VendorHarvestHarness.Result r = h.run("harvest");
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.err().contains("unreadable page") && r.err().contains("stream") && r.err().contains("window"), r.err());
        assertTrue(r.err().contains("next run resumes"), r.err());
        assertEquals("failed", h.lastRun(source()).path("outcome").asText());
        index.checkpointKeptItsPromise();
        for (String stream : kind.streams()) {
            index.through(stream).ifPresent(t -> assertTrue(t.isBefore(Instant.now()), stream + " checkpoint " + t));
        }
        index.conversationsEqualTheirMessages();
        sandbox.faults().clear();
        VendorHarvestHarness.Result again = h.run("harvest");
        assertEquals(0, again.exit(), again.all());
        complete(r.all() + again.all());
    }

    @Test
    @Order(5)
    void aRecordFromTheFarFutureIsSetAsideNeverBecomesACheckpointAndReindexStoresIt() throws Exception {
        fresh();
        sandbox.faults().next(vendor, Fault.futureRecord());
        aRecordFromTheFarFutureIsSetAside();
    }

    /** After a far-future fault was queued on a fresh index: the record is set aside, then reindex stores it. */
    protected void aRecordFromTheFarFutureIsSetAside() throws Exception {
        int before = sandbox.faults().delivered(vendor).size();
        VendorHarvestHarness.Result r = h.run("harvest");
        String[] w = window();
        List<FaultEvent> all = sandbox.faults().delivered(vendor);
        List<FaultEvent> bent = all.subList(before, all.size()).stream()
                .filter(e -> e.fault().kind() == Fault.Kind.FUTURE_RECORD).toList();
        assertEquals(1, bent.size(), "the far-future record was served");
        assertEquals(3, r.exit(), r.all());
        assertTrue(r.out().contains("1 set aside"), r.out());
        for (String stream : kind.streams()) {
            Optional<Instant> t = index.through(stream);
            assertTrue(t.isPresent() && !t.get().isAfter(Instant.now()), stream + " checkpoint " + t);
        }
        List<JsonNode> kept = h.setAside(source());
        assertEquals(1, kept.size(), kept.toString());
        assertEquals("record", kept.get(0).path("kind").asText());
        assertTrue(kept.get(0).path("reason").asText().contains("later than now"), kept.toString());
        assertFalse(kept.get(0).path("record").asText().isEmpty(), "the vendor record is kept: " + kept);
        index.conversationsEqualTheirMessages();
        VendorHarvestHarness.Result harvestAgain = h.run("harvest");
        assertEquals(0, harvestAgain.exit(), "nothing new: " + harvestAgain.all());

        VendorHarvestHarness.Result reindex = h.run("reindex", "--source", source(), "--from", w[0], "--to", w[1]);
        assertEquals(0, reindex.exit(), reindex.all());
        complete(r.all() + reindex.all());
    }

    /**
     * A harvester stopped (SIGSTOP) past its lease while a second one takes the source and finishes: once
     * resumed, the first writes nothing more (not a document, not a checkpoint, not its run history), says
     * so and exits 1; checkpoints never go back; the index holds ground truth.
     */
    @Test
    @Order(6)
    void aHarvesterSuspendedPastItsLeaseWritesNothingMoreOnceResumed() throws Exception {
        fresh();
        sandbox.faults().next(vendor, Fault.slow(Duration.ofMillis(300)).times(10_000));
        HarvesterProcess first = h.spawn(dir.resolve(source() + "-suspended.log"), "harvest");
        long total = sandbox.groundTruth().messageCount(vendor);
        Poll.until(() -> index.messages() >= total / 5 || !first.alive(), Duration.ofMinutes(2), "a fifth stored");
        assertTrue(first.alive(), "the harvester ended before it could be suspended: " + first.output());
        first.suspend();
        try {
            Instant expires = Instant.parse(h.lease(source()).orElseThrow().path("expires_at").asText());
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), expires).toMillis() + 1_000));
            sandbox.faults().clear();
            VendorHarvestHarness.Result second = h.run("harvest");
            assertEquals(0, second.exit(), second.all());
            complete(second.all());
        } finally {
            first.resume();
        }
        String before = snapshot();
        int exit = first.waitFor(120);
        String output = first.output();
        assertEquals(1, exit, output);
        assertTrue(output.contains("lease of source " + source()) && output.contains("stopped writing"), output);
        assertEquals(before, snapshot(), "the resumed harvester wrote after it lost its lease: " + output);
        complete(output);
        index.checkpointedAtTheEndOf(h.lastRun(source()));
    }

    /** Every document of the source's indices with its version, and the state documents: what a write would change. */
    private String snapshot() {
        java.util.TreeMap<String, String> all = new java.util.TreeMap<>();
        for (String alias : List.of("messages", "conversations", "state", "runs", "deadletter")) {
            for (JsonNode hit : h.search(alias, "{\"size\":10000,\"version\":true,\"seq_no_primary_term\":true,"
                    + "\"_source\":false}").path("hits").path("hits")) {
                all.put(alias + "/" + hit.path("_id").asText(), hit.path("_version").asText() + "/" + hit.path("_seq_no").asText());
            }
        }
        return all.toString();
    }
}
