package org.transcriptsearch.sandbox.http;

import java.util.OptionalInt;

/**
 * A token bucket: {@code capacity} calls at once, refilled continuously at {@code perSecond}. With capacity
 * 3 and 3/s (AgentX) a burst gets 3 calls through and then one every 333 ms, which is exactly 3 per second.
 */
public final class TokenBucket implements RateLimit {
    private final double capacity;
    private final double perNano;
    private double tokens;
    private long lastNanos;

    public TokenBucket(int capacity, double perSecond) {
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
        this.tokens = capacity;
        this.lastNanos = System.nanoTime();
    }

    @Override
    public synchronized OptionalInt acquire() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - lastNanos) * perNano);
        lastNanos = now;
        if (tokens >= 1) {
            tokens -= 1;
            return OptionalInt.empty();
        }
        double waitSeconds = (1 - tokens) / perNano / 1e9;
        return OptionalInt.of((int) Math.max(1, Math.ceil(waitSeconds)));
    }
}
