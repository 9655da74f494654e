package org.transcriptsearch.indexer.source.kore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.transcriptsearch.indexer.harvest.HarvesterProcess;
import org.transcriptsearch.indexer.harvest.Poll;
import org.transcriptsearch.indexer.source.HarvestIncidents;
import org.transcriptsearch.indexer.source.VendorHarvestHarness;
import org.transcriptsearch.sandbox.Fault;
import org.transcriptsearch.sandbox.SandboxOptions;

/** Kore.ai under real incidents ({@link HarvestIncidents}): pages of 25 messages, so checkpoints move page by page. */
class KoreIncidentsIT extends HarvestIncidents {
    KoreIncidentsIT() {
        super(new KoreSandboxSource(25), SandboxOptions.builder().seed(23).conversationsPerVendor(40));
    }

    /**
     * {@code harvest --watch} as a service: a failed run is logged and followed by the next after a pause;
     * SIGTERM during a run ends it after the page in hand, with what it read stored, its run history
     * {@code stopped}, its lease given back and exit 0; the next run completes. {@code status} shows Kore's
     * checkpoint (its stream is {@code messages}).
     */
    @Test
    @Order(7)
    void theWatchServiceOutlivesAFailedRunAndStopsCleanlyOnSigterm() throws Exception {
        fresh();
        sandbox.faults().next(vendor, Fault.errorBody().times(8)); // a page asked five times: a run or two fail
        HarvesterProcess watcher = h.spawn(dir.resolve("watcher.log"), "harvest", "--watch", "--interval", "1s");
        try {
            Poll.until(() -> sandbox.faults().pending(vendor) == 0 || !watcher.alive(), Duration.ofMinutes(2), "the faults used up");
            Poll.until(() -> output(watcher).contains("failed run(s) in a row") || !watcher.alive(), Duration.ofMinutes(1),
                    "the failed run logged");
            Poll.until(() -> "succeeded".equals(h.lastRun(source()).path("outcome").asText()) || !watcher.alive(),
                    Duration.ofMinutes(2), "a run after the failed ones completed");
            assertTrue(watcher.alive(), "the watcher ended on a failed run: " + watcher.output());
            String completed = h.lastRun(source()).path("run").path("id").asText();

            sandbox.addConversations(vendor, 3);
            sandbox.faults().next(vendor, Fault.slow(Duration.ofMillis(400)).times(10_000));
            Poll.until(() -> !completed.equals(h.lastRun(source()).path("run").path("id").asText())
                    && "running".equals(h.lastRun(source()).path("outcome").asText()), Duration.ofMinutes(1), "the next run in progress");
            watcher.terminate();
            assertEquals(0, watcher.waitFor(60), watcher.output());
        } finally {
            if (watcher.alive()) {
                watcher.kill();
            }
        }
        String output = watcher.output();
        assertTrue(output.contains("stopped (SIGTERM)"), output);
        assertEquals("stopped", h.lastRun(source()).path("outcome").asText(), h.lastRun(source()).toString());
        index.leaseGivenBack();
        index.conversationsEqualTheirMessages();

        sandbox.faults().clear();
        VendorHarvestHarness.Result again = h.run("harvest");
        assertEquals(0, again.exit(), again.all());
        complete(output + again.all());
        VendorHarvestHarness.Result status = h.run("status");
        assertTrue(status.out().contains("checkpoint messages: everything before"), status.out());
    }

    /**
     * A re-read replaces a stored message whole: a field the vendor no longer gives (here an intent, which
     * Kore never gives, left by an older version of the record) disappears; messages whose digest is
     * unchanged are not written again at all.
     */
    @Test
    @Order(8)
    void aReReadReplacesAChangedMessageWholeAndLeavesUnchangedOnesAlone() throws Exception {
        fresh();
        VendorHarvestHarness.Result first = h.run("harvest");
        assertEquals(0, first.exit(), first.all());
        com.fasterxml.jackson.databind.JsonNode hit = h.search("messages", "{\"size\":1,\"sort\":[\"@timestamp\"]}")
                .path("hits").path("hits").path(0);
        String index = hit.path("_index").asText();
        String id = hit.path("_id").asText();
        // What an older record of the message said: an intent since dropped by the vendor, and so another digest.
        h.es.request("POST", "/" + index + "/_update/" + id + "?refresh=true",
                "{\"doc\":{\"intent\":{\"name\":\"dropped_by_vendor\"},\"harvest\":{\"digest\":\"older-record\"}}}");
        com.fasterxml.jackson.databind.JsonNode w = h.lastRun(source()).path("window");
        VendorHarvestHarness.Result reindex = h.run("reindex", "--source", source(), "--from", w.path("from").asText(),
                "--to", w.path("to").asText());
        assertEquals(0, reindex.exit(), reindex.all());
        assertTrue(reindex.out().contains("0 new, 1 updated"), "only the changed message is written: " + reindex.out());
        com.fasterxml.jackson.databind.JsonNode stored = VendorHarvestHarness.json(h.es.request("GET", "/" + index + "/_doc/" + id))
                .path("_source");
        assertTrue(stored.path("intent").isMissingNode(), "the dropped field is gone: " + stored);
        assertFalse(stored.path("harvest").path("digest").asText().equals("older-record"), stored.toString());
        complete(first.all() + reindex.all());
    }

    private static String output(HarvesterProcess p) {
        try {
            return p.output();
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
