package org.transcriptsearch.indexer.sink;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Growing pauses with jitter: try {@code n} waits between half and all of {@code base * 2^(n-1)}, capped at
 * {@code max}, so retries thin out while a cluster recovers and parallel writers do not retry in step.
 */
public record Backoff(Duration base, Duration max) {
    public static Backoff writes() {
        return new Backoff(Duration.ofMillis(250), Duration.ofSeconds(10));
    }

    /** The pause before try {@code attempt + 1}; {@code attempt} counts from 1. */
    public long millis(int attempt) {
        long cap = Math.min(max.toMillis(), base.toMillis() << Math.min(Math.max(attempt, 1) - 1, 20));
        return cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
    }
}
