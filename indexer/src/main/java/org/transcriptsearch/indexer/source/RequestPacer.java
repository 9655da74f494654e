package org.transcriptsearch.indexer.source;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps a source at (not over) a vendor's published request rate: at most {@code permits} calls per
 * {@code period} per endpoint, spaced evenly (a call may start once {@code period / permits} has passed
 * since the previous one on that endpoint). Vendor limits are honoured, not discovered by 429s.
 */
public final class RequestPacer {
    private final Vertx vertx;
    private final long spacingNanos;
    private final Map<String, Long> nextSlot = new HashMap<>();

    public RequestPacer(Vertx vertx, int permits, Duration period) {
        this.vertx = vertx;
        this.spacingNanos = period.toNanos() / permits;
    }

    /** No pacing at all (vendors without a published limit, or the benchmark). */
    public static RequestPacer unlimited(Vertx vertx) {
        return new RequestPacer(vertx, Integer.MAX_VALUE, Duration.ofSeconds(1));
    }

    /** Completes when a call on {@code endpoint} may start. */
    public synchronized Future<Void> acquire(String endpoint) {
        long now = System.nanoTime();
        long slot = Math.max(now, nextSlot.getOrDefault(endpoint, now));
        nextSlot.put(endpoint, slot + spacingNanos);
        long waitMs = (slot - now + 999_999) / 1_000_000;
        if (waitMs <= 0) {
            return Future.succeededFuture();
        }
        Promise<Void> p = Promise.promise();
        vertx.setTimer(waitMs, t -> p.complete());
        return p.future();
    }
}
