package org.transcriptsearch.indexer.harvest;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something a harvest running elsewhere (a thread, a process) is expected to bring about. */
public final class Poll {
    private Poll() {
    }

    /** Checks {@code condition} every 200 ms; fails naming {@code what} if it does not hold within {@code max}. */
    public static void until(BooleanSupplier condition, Duration max, String what) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + max);
            }
            Thread.sleep(200);
        }
    }
}
