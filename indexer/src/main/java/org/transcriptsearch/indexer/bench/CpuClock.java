package org.transcriptsearch.indexer.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.elasticsearch.client.Request;
import org.transcriptsearch.elastic.ElasticsearchConnection;

/**
 * CPU time spent by the benchmark's three parties between two laps: this harvester JVM, the sandbox
 * process, and Elasticsearch (every node, from its own process statistics). On a two-core machine the
 * harvest and Elasticsearch compete for the same cores, so this shows where the time went. For a node on
 * this machine it also shows how much of Elasticsearch's time went to its JIT compiler threads: a node
 * still compiling its indexing code is slower, and that is not the harvester's doing.
 */
final class CpuClock {
    /** Linux's clock ticks per second for {@code /proc/.../stat} ({@code USER_HZ}, 100 on every mainstream build). */
    private static final int TICKS_PER_SECOND = 100;

    private final long self = ProcessHandle.current().pid();
    private final long sandboxPid;
    private final ElasticsearchConnection es;
    private final OptionalLong nodePid;
    private Sample last;

    private record Sample(long harvester, long harvesterGc, long harvesterCompiler, long sandbox, long elasticsearch,
                          long compiler) {
    }

    CpuClock(long sandboxPid, ElasticsearchConnection es) {
        this.sandboxPid = sandboxPid;
        this.es = es;
        this.nodePid = localNodePid(es);
        this.last = now();
    }

    /**
     * CPU seconds per party in one lap: the harvester with its garbage collector's and JIT compiler's share,
     * the sandbox, Elasticsearch with its JIT compiler's share ({@code compiler} is -1 when it cannot be read).
     */
    record Lap(double harvester, double harvesterGc, double harvesterCompiler, double sandbox, double elasticsearch,
               double compiler) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "harvester %.1f (GC %.1f, JIT compiler %.1f), sandbox %.1f, Elasticsearch %.1f",
                    harvester, harvesterGc, harvesterCompiler, sandbox, elasticsearch)
                    + (compiler < 0 ? "" : String.format(Locale.ROOT, " (JIT compiler %.1f)", compiler));
        }
    }

    /** CPU seconds per party since the previous lap. */
    Lap lap() {
        Sample n = now();
        Lap lap = new Lap((n.harvester - last.harvester) / 1e9, (n.harvesterGc - last.harvesterGc) / 1e9,
                (n.harvesterCompiler - last.harvesterCompiler) / 1e9, (n.sandbox - last.sandbox) / 1e9,
                (n.elasticsearch - last.elasticsearch) / 1e9, nodePid.isPresent() ? (n.compiler - last.compiler) / 1e9 : -1);
        last = n;
        return lap;
    }

    private Sample now() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Sample(os.getProcessCpuTime(), threadCpu(self, CpuClock::isGc), threadCpu(self, CpuClock::isCompiler),
                sandboxCpu(), elasticsearchCpu(), nodePid.isPresent() ? threadCpu(nodePid.getAsLong(), CpuClock::isCompiler) : 0);
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

    /** The node's process id if it is a single node running on this machine with a readable /proc; else empty. */
    private static OptionalLong localNodePid(ElasticsearchConnection es) {
        try {
            var r = es.lowLevel().performRequest(new Request("GET", "/_nodes/process?filter_path=nodes.*.process.id"));
            var nodes = es.json().readTree(r.getEntity().getContent()).path("nodes");
            if (nodes.size() != 1) {
                return OptionalLong.empty();
            }
            long pid = nodes.elements().next().path("process").path("id").asLong(-1);
            return pid > 0 && Files.isReadable(Path.of("/proc", String.valueOf(pid), "task")) ? OptionalLong.of(pid)
                    : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    private static boolean isCompiler(String thread) {
        return thread.startsWith("C1 CompilerThre") || thread.startsWith("C2 CompilerThre");
    }

    /** HotSpot's G1 threads: parallel workers, concurrent markers, refinement, service. */
    private static boolean isGc(String thread) {
        return thread.startsWith("GC Thread") || thread.startsWith("G1 ");
    }

    /** CPU of a process's live threads whose name matches, from /proc (0 where it cannot be read). */
    private static long threadCpu(long pid, Predicate<String> name) {
        long ticks = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    if (name.test(Files.readString(task.resolve("comm")))) {
                        String stat = Files.readString(task.resolve("stat"));
                        // fields after the parenthesised name: state is field 3; utime and stime are fields 14 and 15
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended between the listing and the read: its time is no longer countable
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }
}
