package org.transcriptsearch.indexer.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import org.elasticsearch.client.Request;
import org.transcriptsearch.elastic.ElasticsearchConnection;

/**
 * CPU time spent by the benchmark's three parties between two laps: this harvester JVM, the sandbox
 * process, and Elasticsearch (every node, from its own process statistics). On a two-core machine the
 * harvest and Elasticsearch compete for the same cores, so this shows where the time went.
 */
final class CpuClock {
    private final long sandboxPid;
    private final ElasticsearchConnection es;
    private long[] last;

    CpuClock(long sandboxPid, ElasticsearchConnection es) {
        this.sandboxPid = sandboxPid;
        this.es = es;
        this.last = now();
    }

    /** CPU seconds per party since the previous lap. */
    String lap() {
        long[] n = now();
        String out = String.format(Locale.ROOT, "harvester %.1f, sandbox %.1f, Elasticsearch %.1f", (n[0] - last[0]) / 1e9,
                (n[1] - last[1]) / 1e9, (n[2] - last[2]) / 1e9);
        last = n;
        return out;
    }

    private long[] now() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new long[]{os.getProcessCpuTime(), sandboxCpu(), elasticsearchCpu()};
    }

    private long sandboxCpu() {
        return ProcessHandle.of(sandboxPid).flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L);
    }

    private long elasticsearchCpu() {
        try {
            var r = es.lowLevel().performRequest(new Request("GET", "/_nodes/stats/process?filter_path=nodes.*.process.cpu.total_in_millis"));
            long ms = 0;
            for (var node : es.json().readTree(r.getEntity().getContent()).path("nodes")) {
                ms += node.path("process").path("cpu").path("total_in_millis").asLong();
            }
            return ms * 1_000_000;
        } catch (IOException e) {
            throw new IllegalStateException("could not read Elasticsearch's process statistics: " + e.getMessage(), e);
        }
    }
}
