package org.transcriptsearch.localnode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A node that lives exactly as long as this JVM: on a free port, in its own folder, removed on exit.
 * It is bound to the JVM with {@code setpriv --pdeathsig}, so it dies even when the JVM is killed with
 * SIGKILL. Used by the test harness (and anything else that needs a throw-away cluster).
 */
public final class EphemeralNode implements AutoCloseable {
    /**
     * pdeathsig is bound to the thread that spawned the child, not to the process: spawning from a
     * thread that lives as long as the JVM keeps the node alive until the JVM itself goes.
     */
    private static final ExecutorService SPAWNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "elasticsearch-spawner");
        t.setDaemon(true);
        return t;
    });

    private volatile Process process;
    private final NodeProcess node;
    private final Path dir;
    private final ProcessBuilder launch;

    private EphemeralNode(Process process, NodeProcess node, Path dir, ProcessBuilder launch) {
        this.process = process;
        this.node = node;
        this.dir = dir;
        this.launch = launch;
    }

    public static EphemeralNode start(NodeHome home, Map<String, String> env, Consumer<String> progress) {
        cleanStale(home);
        Distribution dist = Distribution.prepare(home, env, progress);
        NodeAccount account = NodeAccount.of(home);
        String id = UUID.randomUUID().toString().replace("-", "");
        Path dir = NodeHome.createOpen(home.testNodes()).resolve(ProcessHandle.current().pid() + "-" + id.substring(0, 8));
        NodeProcess node = new NodeProcess(dist, new NodeFolder(dir, account), NodeProcess.freePort());
        try {
            node.prepare("transcript-search-test-" + id.substring(8, 24), env);
            ProcessBuilder pb = new ProcessBuilder(node.command(true, List.of("-q")))
                    .redirectErrorStream(true)
                    .redirectOutput(node.launcherLog(NodeProcess.CONSOLE_LOG).toFile());
            node.environment(pb.environment(), env);
            progress.accept("Starting a throw-away Elasticsearch on " + node.url() + " in " + dir);
            Process p = spawn(pb);
            EphemeralNode started = new EphemeralNode(p, node, dir, pb);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "elasticsearch-shutdown"));
            node.awaitReady(p, Duration.ofSeconds(180));
            return started;
        } catch (IOException e) {
            throw new LocalNodeException("cannot prepare a node in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Process spawn(ProcessBuilder pb) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return pb.start();
            } catch (IOException e) {
                throw new LocalNodeException("cannot start Elasticsearch: " + e.getMessage(), e);
            }
        }, SPAWNER).join();
    }

    /** Stops the node but keeps its data, as an outage would; {@link #restart()} brings it back on the same port. */
    public synchronized void stop() {
        terminate();
    }

    /** Starts the node again after {@link #stop()}, same port and data, and waits until it is ready. */
    public synchronized void restart() {
        if (process.isAlive()) {
            return;
        }
        process = spawn(launch);
        node.awaitReady(process, Duration.ofSeconds(180));
    }

    public boolean running() {
        return process.isAlive();
    }

    public String url() {
        return node.url();
    }

    public int port() {
        return node.port();
    }

    public Path folder() {
        return dir;
    }

    public long pid() {
        return process.pid();
    }

    /** Stops the node (all its processes) and removes its folder. */
    @Override
    public synchronized void close() {
        terminate();
        NodeFolder.delete(dir);
    }

    private void terminate() {
        if (process.isAlive()) {
            List<ProcessHandle> tree = process.descendants().toList();
            process.destroy();
            tree.forEach(ProcessHandle::destroy);
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            for (ProcessHandle h : tree) {
                try {
                    h.onExit().get(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    h.destroyForcibly();
                }
            }
        }
    }

    /** Removes folders of test nodes whose JVM is gone (killed runs), so they cannot pile up. */
    private static void cleanStale(NodeHome home) {
        Path root = home.testNodes();
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> s = Files.list(root)) {
            for (Path d : (Iterable<Path>) s::iterator) {
                String name = d.getFileName().toString();
                long owner = name.matches("\\d+-.*") ? Long.parseLong(name.substring(0, name.indexOf('-'))) : -1L;
                if (owner <= 0 || !Processes.alive(owner)) {
                    NodeFolder.delete(d);
                }
            }
        } catch (IOException e) {
            // Best effort: a stale folder only costs disk.
        }
    }
}
