package org.transcriptsearch.indexer.source;

/**
 * Asks a harvest to end cleanly (SIGTERM, SIGINT): the page being written is finished and stored, no
 * further page is asked for, checkpoints stay at what was stored, the lease is given back.
 */
public final class StopSignal {
    private volatile String reason;
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

    /** Never requested: for runs nothing can stop but their end. */
    public static StopSignal never() {
        return new StopSignal();
    }

    public synchronized void stop(String why) {
        if (reason == null) {
            reason = why;
            stopped.countDown();
        }
    }

    /** Waits up to {@code d} for a stop; true if one was asked for. */
    public boolean await(java.time.Duration d) throws InterruptedException {
        return stopped.await(d.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    public boolean requested() {
        return reason != null;
    }

    public String reason() {
        return reason;
    }
}
