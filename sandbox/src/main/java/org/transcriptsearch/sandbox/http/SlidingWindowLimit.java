package org.transcriptsearch.sandbox.http;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalInt;

/**
 * At most {@code perMinute} calls in any rolling minute and {@code perHour} in any rolling hour (Kore:
 * 60 and 1,800 per bot). Refused calls do not count.
 */
public final class SlidingWindowLimit implements RateLimit {
    private static final long MINUTE = Duration.ofMinutes(1).toNanos();
    private static final long HOUR = Duration.ofHours(1).toNanos();

    private final int perMinute;
    private final int perHour;
    private final Deque<Long> calls = new ArrayDeque<>();

    public SlidingWindowLimit(int perMinute, int perHour) {
        this.perMinute = perMinute;
        this.perHour = perHour;
    }

    @Override
    public synchronized OptionalInt acquire() {
        long now = System.nanoTime();
        while (!calls.isEmpty() && now - calls.peekFirst() >= HOUR) {
            calls.pollFirst();
        }
        if (calls.size() >= perHour) {
            return OptionalInt.of(secondsUntil(calls.peekFirst() + HOUR, now));
        }
        int inLastMinute = 0;
        long oldestInMinute = now;
        for (var it = calls.descendingIterator(); it.hasNext(); ) {
            long t = it.next();
            if (now - t >= MINUTE) {
                break;
            }
            inLastMinute++;
            oldestInMinute = t;
        }
        if (inLastMinute >= perMinute) {
            return OptionalInt.of(secondsUntil(oldestInMinute + MINUTE, now));
        }
        calls.addLast(now);
        return OptionalInt.empty();
    }

    private static int secondsUntil(long whenNanos, long now) {
        return (int) Math.max(1, Math.ceil((whenNanos - now) / 1e9));
    }
}
