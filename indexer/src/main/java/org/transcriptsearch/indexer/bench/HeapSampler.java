package org.transcriptsearch.indexer.bench;

import java.lang.management.ManagementFactory;

/**
 * The harvester's heap while a benchmark phase runs: the used heap sampled every 10 ms, i.e. what the JVM
 * held at its fullest, garbage included (never more than {@code -Xmx}, unlike the sum of the memory pools'
 * separate peaks).
 */
final class HeapSampler {
    private final Thread thread;
    private volatile boolean running = true;
    private long peak;

    private HeapSampler() {
        thread = new Thread(this::sample, "heap-sampler");
        thread.setDaemon(true);
    }

    static HeapSampler start() {
        System.gc();
        HeapSampler s = new HeapSampler();
        s.thread.start();
        return s;
    }

    /** Stops sampling; the peak in MiB. */
    long stop() throws InterruptedException {
        running = false;
        thread.join();
        return peak / (1024 * 1024);
    }

    private void sample() {
        var memory = ManagementFactory.getMemoryMXBean();
        while (running) {
            peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
