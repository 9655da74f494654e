package org.transcriptsearch.indexer.source;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How vendor calls are retried: up to {@code maxAttempts} tries per call, exponential backoff from
 * {@code baseDelay} up to {@code maxDelay} with full jitter (so parallel harvesters do not retry in step),
 * a vendor's {@code Retry-After} honoured up to {@code maxRetryAfter}, each try bounded by {@code timeout}.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter,
                          Duration timeout) {
    public static RetryPolicy defaults() {
        return new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(120),
                Duration.ofSeconds(30));
    }

    /** The wait before try {@code attempt + 1} (attempt counts from 1), honouring a vendor's Retry-After. */
    public Duration delay(int attempt, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
        }
        long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
    }
}
