package org.transcriptsearch.indexer.source;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A vendor's published rate limit kept on our side, as a rolling log of call start times per key
 * (endpoint or bot): a call may start once, for every rule, fewer than {@code permits} calls started in
 * the {@code period} before it. Unlike even spacing, this stays within a limiter that counts any
 * rolling period (even spacing at exactly the rate puts {@code permits + 1} starts into some periods
 * as soon as the network adds a millisecond of jitter), and it still runs at the full rate.
 * {@code margin} is added to every period to absorb clock skew between us and the vendor.
 *
 * <p>A call's time is first its booked start, then, once {@link #completed} reports its answer, the
 * answer's arrival: the vendor counts a request when it arrives, somewhere between the two, so counting
 * from the answer keeps the vendor's own count within the rule even when a request sat in a queue on
 * our side and the next ones caught up with it. The cost is one round trip per {@code permits} calls.
 *
 * <p>The schedule itself ({@link #reserve}) is pure arithmetic on a time source, so tests measure it
 * with a fake clock; {@link #acquire} turns a reservation into a Vert.x timer.
 */
public final class RollingRateLimit {
    /** At most {@code permits} call starts in any rolling {@code period}. */
    public record Rule(int permits, Duration period) {
        public Rule {
            if (permits < 1 || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a rate rule needs permits >= 1 and a positive period");
            }
        }
    }

    private final List<Rule> rules;
    private final long marginNanos;
    private final LongSupplier nanoTime;
    private final int history;
    private final Map<String, long[]> starts = new HashMap<>();
    private final Map<String, Long> count = new HashMap<>();

    public RollingRateLimit(List<Rule> rules, Duration margin, LongSupplier nanoTime) {
        this.rules = List.copyOf(rules);
        this.marginNanos = margin.toNanos();
        this.nanoTime = nanoTime;
        this.history = this.rules.stream().mapToInt(Rule::permits).max().orElse(1);
    }

    public RollingRateLimit(List<Rule> rules, Duration margin) {
        this(rules, margin, System::nanoTime);
    }

    public List<Rule> rules() {
        return rules;
    }

    /**
     * Books the earliest start allowed for the next call on {@code key} and returns how long to wait
     * for it, in nanoseconds (0 = now). Reservations on one key are handed out in order, so callers that
     * wait their turn never overtake each other.
     */
    public synchronized long reserve(String key) {
        long now = nanoTime.getAsLong();
        long[] ring = starts.computeIfAbsent(key, k -> new long[history]);
        long n = count.getOrDefault(key, 0L);
        long at = now;
        if (n > 0) {
            at = Math.max(at, ring[(int) ((n - 1) % history)]);
        }
        for (Rule r : rules) {
            if (n >= r.permits()) {
                long oldest = ring[(int) ((n - r.permits()) % history)];
                at = Math.max(at, oldest + r.period().toNanos() + marginNanos);
            }
        }
        ring[(int) (n % history)] = at;
        count.put(key, n + 1);
        return at - now;
    }

    /**
     * The most recent call on {@code key} has been answered (calls on one key run one after another, as a
     * stream's pages do): from now on it counts from this moment.
     */
    public synchronized void completed(String key) {
        long[] ring = starts.get(key);
        long n = count.getOrDefault(key, 0L);
        if (ring == null || n == 0) {
            return;
        }
        int last = (int) ((n - 1) % history);
        ring[last] = Math.max(ring[last], nanoTime.getAsLong());
    }

    /** Completes when a call on {@code key} may start. */
    public Future<Void> acquire(Vertx vertx, String key) {
        long waitNanos = reserve(key);
        long waitMs = (waitNanos + 999_999) / 1_000_000;
        if (waitMs <= 0) {
            return Future.succeededFuture();
        }
        Promise<Void> p = Promise.promise();
        vertx.setTimer(waitMs, t -> p.complete());
        return p.future();
    }
}
