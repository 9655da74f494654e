package org.transcriptsearch.indexer.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.transcriptsearch.elastic.ElasticsearchUnavailableException;
import org.transcriptsearch.indexer.sink.FakeBulkTransport.Answer;

/** The write path against an Elasticsearch that answers single items as each test chooses, on a manual clock. */
class BulkWriterTest {
    private final FakeBulkTransport es = new FakeBulkTransport();
    private final ManualScheduler clock = new ManualScheduler();
    private final List<BulkWriter.Rejection> rejected = new ArrayList<>();
    private final List<String> stored = new ArrayList<>();
    private Fence fence = Fence.NONE;

    private BulkWriter writer() {
        return new BulkWriter(es, clock, new BulkLimits(100, 1_000_000, 2, Duration.ofMinutes(2)), () -> fence.check(),
                new BulkWriter.Listener() {
                    @Override
                    public void rejected(BulkWriter.Rejection r) {
                        rejected.add(r);
                    }

                    @Override
                    public void stored(BulkItem item) {
                        stored.add(item.id());
                    }
                });
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"503, unavailable_shards_exception", "429, es_rejected_execution_exception",
            "500, node_disconnected_exception", "429, circuit_breaking_exception",
            "403, cluster_block_exception", "0, ''", "409, version_conflict_engine_exception"})
    void transientItemRefusalsAreSentAgainUntilStored(int status, String type) {
        es.answer = i -> i.item().id().equals("b") && i.send() <= 3 ? new Answer(status, type) : Answer.ok();
        BulkWriter w = writer();
        w.addAll(List.of(FakeBulkTransport.item("a"), FakeBulkTransport.item("b"), FakeBulkTransport.item("c")));
        Future<Void> flushed = w.flush();
        assertFalse(flushed.isComplete(), "flushed while an item was still refused");
        clock.advance(60_000);
        assertTrue(flushed.succeeded(), () -> String.valueOf(flushed.cause()));
        assertEquals(4, es.sends("b"));
        assertEquals(1, es.sends("a"));
        assertEquals(List.of(), rejected);
        assertEquals(3, w.counts().created(BulkItem.Kind.MESSAGE));
        assertTrue(stored.containsAll(List.of("a", "b", "c")));
    }

    @Test
    void pausesGrowBetweenRetries() {
        es.answer = i -> i.send() <= 6 ? new Answer(503, "unavailable_shards_exception") : Answer.ok();
        BulkWriter w = writer();
        w.addAll(List.of(FakeBulkTransport.item("a")));
        Future<Void> flushed = w.flush();
        clock.advance(120_000);
        assertTrue(flushed.succeeded());
        List<Long> p = clock.pauses;
        assertEquals(6, p.size(), p.toString());
        for (int i = 1; i < p.size(); i++) {
            assertTrue(p.get(i) >= p.get(i - 1), "pauses must not shrink: " + p);
        }
        assertTrue(p.get(5) >= 4 * p.get(0), "pauses must grow: " + p);
        assertEquals(6, w.retried());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"400, mapper_parsing_exception", "400, document_parsing_exception", "400, illegal_argument_exception",
            "400, strict_dynamic_mapping_exception", "413, too_large"})
    void aDocumentThatCanNeverBeStoredIsHandedOverOnceWithItsItem(int status, String type) {
        es.answer = i -> i.item().id().equals("bad") ? new Answer(status, type) : Answer.ok();
        BulkWriter w = writer();
        w.addAll(List.of(FakeBulkTransport.item("ok"), FakeBulkTransport.item("bad")));
        Future<Void> flushed = w.flush();
        assertTrue(flushed.succeeded());
        assertEquals(1, rejected.size());
        assertEquals("bad", rejected.get(0).item().id());
        assertEquals(type, rejected.get(0).type());
        assertTrue(rejected.get(0).item().document().contains("\"text\":\"bad\""), rejected.get(0).item().document());
        assertEquals(1, es.sends("bad"));
        assertEquals(List.of("ok"), stored);
    }

    @Test
    void aConflictOnAVersionedItemIsSettledByTheStoredVersion() {
        es.answer = i -> i.item().id().startsWith("c") && i.send() == 1 ? new Answer(409, "version_conflict_engine_exception")
                : Answer.ok();
        es.storedVersions.putAll(Map.of("c-newer-stored", 500L, "c-older-stored", 100L));
        BulkWriter w = writer();
        w.addAll(List.of(FakeBulkTransport.versioned("c-newer-stored", 300), FakeBulkTransport.versioned("c-older-stored", 300)));
        Future<Void> flushed = w.flush();
        clock.advance(10_000);
        assertTrue(flushed.succeeded());
        assertEquals(1, es.sends("c-newer-stored"), "a newer stored document settles the conflict");
        assertEquals(2, es.sends("c-older-stored"), "an older stored document: the write is sent again");
        assertEquals(1, w.counts().unchanged(BulkItem.Kind.CONVERSATION));
        assertEquals(List.of(), rejected);
    }

    @Test
    void refusalsLongerThanTheOutageFailTheWriterAndEveryWaiter() {
        es.answer = i -> new Answer(503, "unavailable_shards_exception");
        BulkWriter w = writer();
        w.addAll(List.of(FakeBulkTransport.item("a")));
        Future<Void> flushed = w.flush();
        clock.advance(Duration.ofMinutes(2).toMillis() + 20_000);
        assertTrue(flushed.failed());
        assertInstanceOf(ElasticsearchUnavailableException.class, flushed.cause());
        assertTrue(flushed.cause().getMessage().contains("did not accept 1 document(s)"), flushed.cause().getMessage());
        assertTrue(flushed.cause().getMessage().contains("unavailable_shards_exception"), flushed.cause().getMessage());
        assertTrue(w.addAll(List.of(FakeBulkTransport.item("b"))).failed(), "a failed writer takes nothing more");
        assertEquals(List.of(), rejected, "an outage sets nothing aside");
    }

    @Test
    void aWholeRequestRefusedIsRetriedLikeItsItems() {
        int[] calls = {0};
        es.request = items -> ++calls[0] <= 2 ? new FakeBulkTransport.RequestAnswer(503, "cluster_block_exception") : null;
        BulkWriter w = writer();
        w.addAll(List.of(FakeBulkTransport.item("a"), FakeBulkTransport.item("b")));
        Future<Void> flushed = w.flush();
        clock.advance(10_000);
        assertTrue(flushed.succeeded());
        assertEquals(3, es.requests.size());
        assertEquals(2, w.counts().created(BulkItem.Kind.MESSAGE));
    }

    @Test
    void aFatalRefusalFailsTheRunAndSetsNothingAside() {
        es.answer = i -> new Answer(404, "index_not_found_exception");
        BulkWriter w = writer();
        w.addAll(List.of(FakeBulkTransport.item("a")));
        Future<Void> flushed = w.flush();
        assertTrue(flushed.failed());
        assertTrue(flushed.cause().getMessage().contains("index_not_found_exception"), flushed.cause().getMessage());
        assertEquals(List.of(), rejected);
    }

    @Test
    void aRequestTooLargeIsSplitUntilTheOneDocumentToBlameIsSetAside() {
        es.request = items -> items.stream().anyMatch(i -> i.id().equals("huge"))
                ? new FakeBulkTransport.RequestAnswer(413, null) : null;
        BulkWriter w = writer();
        w.addAll(List.of(FakeBulkTransport.item("a"), FakeBulkTransport.item("b"), FakeBulkTransport.item("huge"),
                FakeBulkTransport.item("c")));
        Future<Void> flushed = w.flush();
        assertTrue(flushed.succeeded(), () -> String.valueOf(flushed.cause()));
        assertEquals(List.of("huge"), rejected.stream().map(r -> r.item().id()).toList());
        assertEquals(3, w.counts().created(BulkItem.Kind.MESSAGE));
    }

    @Test
    void aBrokenFenceStopsEveryWriteAtOnce() {
        BulkWriter w = writer();
        w.addAll(List.of(FakeBulkTransport.item("a")));
        assertTrue(w.flush().succeeded());
        fence = () -> {
            throw new IllegalStateException("lease of s lost");
        };
        w.addAll(List.of(FakeBulkTransport.item("b")));
        Future<Void> flushed = w.flush();
        assertTrue(flushed.failed());
        assertEquals("lease of s lost", flushed.cause().getMessage());
        assertEquals(0, es.sends("b"), "nothing may be sent without the lease");
    }

    @Test
    void aBarrierWaitsForWhatCameBeforeItOnly() {
        es.answer = i -> i.item().id().equals("late") && i.send() == 1 ? new Answer(429, "es_rejected_execution_exception")
                : Answer.ok();
        BulkWriter w = writer();
        w.addAll(List.of(FakeBulkTransport.item("early")));
        Future<Void> barrier = w.barrier();
        w.addAll(List.of(FakeBulkTransport.item("late")));
        Future<Void> flushed = w.flush();
        assertTrue(barrier.succeeded());
        assertFalse(flushed.isComplete());
        clock.advance(5_000);
        assertTrue(flushed.succeeded());
    }
}
