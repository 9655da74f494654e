package org.transcriptsearch.indexer.sink;

import io.vertx.core.Context;

/** Time for the write path: a monotonic clock and delayed work on the writer's context (tests pass a manual one). */
public interface Scheduler {
    long nanoTime();

    void after(long millis, Runnable task);

    /** The system's monotonic clock; timers on {@code context}. */
    static Scheduler of(Context context) {
        return new Scheduler() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void after(long millis, Runnable task) {
                context.runOnContext(v -> context.owner().setTimer(Math.max(1, millis), t -> task.run()));
            }
        };
    }
}
