package org.transcriptsearch.indexer.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;

/**
 * CPU time spent by the benchmark's three processes (this harvester JVM, the sandbox, the embedded
 * Elasticsearch node) between two laps: on a two-core machine the harvest and Elasticsearch compete for
 * the same cores, so this shows where the time went.
 */
final class CpuClock {
    private final long sandboxPid;
    private final long elasticsearchPid;
    private long[] last;

    /** {@code elasticsearchPid} -1: a remote cluster, not measured. */
    CpuClock(long sandboxPid, long elasticsearchPid) {
        this.sandboxPid = sandboxPid;
        this.elasticsearchPid = elasticsearchPid;
        this.last = now();
    }

    /** CPU seconds per process since the previous lap. */
    String lap() {
        long[] n = now();
        String out = String.format(Locale.ROOT, "harvester %.1f, sandbox %.1f, Elasticsearch %s", (n[0] - last[0]) / 1e9,
                (n[1] - last[1]) / 1e9, elasticsearchPid < 0 ? "(remote)" : String.format(Locale.ROOT, "%.1f", (n[2] - last[2]) / 1e9));
        last = n;
        return out;
    }

    private long[] now() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new long[]{os.getProcessCpuTime(), cpuOf(sandboxPid), elasticsearchPid < 0 ? 0 : cpuOf(elasticsearchPid)};
    }

    /** The process and its descendants (Elasticsearch's launcher starts the server as a child). */
    private static long cpuOf(long pid) {
        return ProcessHandle.of(pid).map(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants())
                .mapToLong(h -> h.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum()).orElse(0L);
    }
}
