package org.transcriptsearch.indexer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The one paging mechanism, with a vendor played by a script (what each page request finally answers,
 * after the fetcher's own retries) and a sink that records what it was handed.
 */
class PageWalkTest {
    private static final HarvestWindow WINDOW = new HarvestWindow(Instant.parse("2026-11-01T00:00:00Z"),
            Instant.parse("2026-11-02T00:00:00Z"));

    /** What each page number answers: a body, or a failure. */
    private final Map<String, Object> script = new HashMap<>();
    private final List<String> asked = new ArrayList<>();
    private final List<SourcePage> handed = new ArrayList<>();
    private final StopSignal stop = new StopSignal();
    private Promise<Void> sinkGate;

    private final PageFetcher vendor = new PageFetcher() {
        @Override
        @SuppressWarnings("unchecked")
        public <T> Future<T> send(VendorCall call, VendorHttp.ErrorReader errors, Function<Buffer, T> parse) {
            asked.add(call.url());
            Object answer = script.getOrDefault(call.url(), "last");
            if (answer instanceof Throwable t) {
                return Future.failedFuture(t);
            }
            try {
                return Future.succeededFuture(parse.apply(Buffer.buffer((String) answer)));
            } catch (RuntimeException e) {
                return Future.failedFuture(e);
            }
        }
    };

    private final PageSink sink = page -> {
        handed.add(page);
        return sinkGate == null ? Future.succeededFuture() : sinkGate.future();
    };

    /**
     * Pages {@code <stream>/<n>}: a body "more" has a next page, "last" has none, anything else is unreadable.
     * Each page carries the checkpoint {@code through = n}; a scroll expiry restarts at page 0 of a new scroll.
     */
    private Paging<Integer> listing(String stream, boolean prefetch) {
        return new Paging<>() {
            @Override
            public VendorCall call(Integer n) {
                return VendorCall.get(stream + "/" + n, "token");
            }

            @Override
            public Read<Integer> read(Integer n, Buffer body) {
                String b = body.toString();
                if (!b.equals("more") && !b.equals("last")) {
                    throw SourceException.unreadable(stream + "/" + n, "no data array");
                }
                SourcePage page = SourcePage.of(stream, stream + "/" + n, List.of(), List.of(), List.of())
                        .withCheckpoint(Checkpoint.through(Instant.ofEpochSecond(n)));
                return new Read<>(page, b.equals("more") ? Optional.of(n + 1) : Optional.empty());
            }

            @Override
            public String describe(Integer n) {
                return "GET " + stream + "/" + n;
            }

            @Override
            public Optional<Integer> restart(Integer expired) {
                return Optional.of(0);
            }

            @Override
            public boolean prefetch() {
                return prefetch;
            }
        };
    }

    private Future<Void> walk(String stream, boolean prefetch) {
        return new PageWalk(vendor, "src", new HarvestRequest("run", WINDOW, Map.of(), false, stop), sink)
                .walk(stream, 0, listing(stream, prefetch));
    }

    @Test
    void pagesAreHandedInOrderWithTheirCheckpointsUntilTheListingEnds() {
        script.put("m/0", "more");
        script.put("m/1", "more");
        script.put("m/2", "last");
        assertTrue(walk("m", false).succeeded());
        assertEquals(List.of("m/0", "m/1", "m/2"), asked);
        assertEquals(List.of(0L, 1L, 2L), handed.stream().map(p -> p.checkpoint().through().orElseThrow().getEpochSecond()).toList());
    }

    @Test
    void aPageThatCannotBeReadEndsTheStreamAfterThePagesBeforeItNamingWhereAndWhy() {
        script.put("m/0", "more");
        script.put("m/1", "more");
        script.put("m/2", "{\"error\":\"Service busy, please retry\"}");
        Future<Void> done = walk("m", false);
        assertTrue(done.failed());
        String why = done.cause().getMessage();
        assertTrue(why.contains("source src, stream m, window " + WINDOW) && why.contains("m/2") && why.contains("no data array")
                && why.contains("the stream stops here"), why);
        assertEquals(2, handed.size(), "only the pages before it are handed over: their checkpoints are the last stored");
        assertEquals(List.of("m/0", "m/1", "m/2"), asked, "nothing after it is asked for");
    }

    @Test
    void anExpiredScrollStartsTheListingAgainAFewTimesAtMost() {
        script.put("m/0", "more");
        script.put("m/1", SourceException.scrollExpired("scroll gone"));
        Future<Void> done = walk("m", false);
        assertTrue(done.failed());
        long firstPages = asked.stream().filter("m/0"::equals).count();
        assertEquals(1 + PageWalk.MAX_RESTARTS, firstPages, asked.toString());
    }

    @Test
    void aRefusedCredentialEndsTheStreamWithTheVendorsOwnMessage() {
        SourceException refused = SourceException.fatal("src", "token", "the vendor refused the credentials", 401);
        script.put("m/0", refused);
        Future<Void> done = walk("m", false);
        assertSame(refused, done.cause());
    }

    @Test
    void aStopEndsTheStreamAfterThePageInHand() {
        script.put("m/0", "more");
        script.put("m/1", "more");
        sinkGate = Promise.promise();
        Future<Void> done = walk("m", false);
        stop.stop("SIGTERM");
        sinkGate.complete();
        assertTrue(done.failed());
        assertInstanceOf(HarvestStopped.class, done.cause());
        assertTrue(done.cause().getMessage().contains("SIGTERM"), done.cause().getMessage());
        assertEquals(1, handed.size(), "the page in hand is finished, no other is asked for");
        assertEquals(List.of("m/0"), asked);
    }

    @Test
    void aPrefetchingListingAsksForTheNextPageWhileOneIsWritten() {
        script.put("m/0", "more");
        script.put("m/1", "last");
        sinkGate = Promise.promise();
        Future<Void> done = walk("m", true);
        assertEquals(List.of("m/0", "m/1"), asked, "the next page is asked for before the first is written");
        assertEquals(1, handed.size());
        Promise<Void> gate = sinkGate;
        sinkGate = null;
        gate.complete();
        assertTrue(done.succeeded());
        assertEquals(2, handed.size());
    }

    @Test
    void oneStreamThatCannotGoOnLeavesTheOtherToFinish() {
        script.put("a/0", "broken");
        script.put("b/0", "more");
        script.put("b/1", "last");
        Future<Void> both = PageWalk.all(List.of(walk("a", false), walk("b", false)));
        assertTrue(both.failed());
        assertTrue(both.cause().getMessage().contains("stream a"), both.cause().getMessage());
        assertEquals(2, handed.stream().filter(p -> p.stream().equals("b")).count(), "stream b went to its end");
    }
}
