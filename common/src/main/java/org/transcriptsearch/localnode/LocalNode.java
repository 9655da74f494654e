package org.transcriptsearch.localnode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The embedded node that the indexer and the search API share: started in the background by
 * {@code local-es start} or by the first command that needs it, kept until {@code local-es stop}.
 * Its state ({@code node.properties}: URL, pid, folders) lives in the node folder, so any process finds it.
 */
public final class LocalNode {
    public static final int DEFAULT_PORT = 9200;
    private static final String CLUSTER_NAME = "transcript-search-local";

    private final NodeHome home;
    private final Map<String, String> env;

    public LocalNode(NodeHome home, Map<String, String> env) {
        this.home = home;
        this.env = env;
    }

    public static LocalNode fromEnvironment() {
        return new LocalNode(NodeHome.resolve(System.getenv()), System.getenv());
    }

    /** What {@code local-es status} prints. {@code external} means an Elasticsearch we did not start answers on 9200. */
    public record Status(boolean running, String url, Path folder, Path data, Path logs, Long pid, boolean external,
                         String detail) {
    }

    public Status status() {
        Path dir = home.sharedNode();
        Optional<Map<String, String>> state = readState();
        if (state.isPresent()) {
            Map<String, String> s = state.get();
            String url = s.get("url");
            Long pid = s.containsKey("pid") ? Long.parseLong(s.get("pid")) : null;
            boolean external = "true".equals(s.get("external"));
            boolean alive = external ? NodeProcess.clusterNameAt(url) != null
                    : pid != null && Processes.alive(pid) && NodeProcess.clusterNameAt(url) != null;
            if (alive) {
                return new Status(true, url, dir, external ? null : dir.resolve("data"),
                        external ? null : dir.resolve("logs"), pid, external,
                        external ? "an Elasticsearch this tool did not start answers there; it is used as is" : "running");
            }
            return new Status(false, url, dir, dir.resolve("data"), dir.resolve("logs"), pid, external,
                    "not running (last seen at " + url + ")");
        }
        return new Status(false, null, dir, dir.resolve("data"), dir.resolve("logs"), null, false,
                Files.isDirectory(dir.resolve("data")) ? "not running (its data is kept; `local-es start` starts it)"
                        : "never started");
    }

    /** The URL of a running shared node, starting it if need be. */
    public String ensureRunning(Consumer<String> progress) {
        Status s = status();
        if (s.running()) {
            return s.url();
        }
        return start(progress).url();
    }

    /** Starts the shared node in the background (idempotent), after choosing its port. */
    public synchronized Status start(Consumer<String> progress) {
        Status current = status();
        if (current.running()) {
            return current;
        }
        int port = choosePort(progress);
        if (port < 0) {
            String url = "http://127.0.0.1:" + DEFAULT_PORT;
            writeState(Map.of("url", url, "external", "true"));
            return status();
        }
        Distribution dist = Distribution.prepare(home, env, progress);
        NodeProcess node = new NodeProcess(dist, home.sharedNode(), port);
        try {
            node.prepare(CLUSTER_NAME, env);
            Path pidFile = node.tmp().resolve("es.pid");
            Files.deleteIfExists(pidFile);
            progress.accept("Starting Elasticsearch " + Distribution.ES_VERSION + " on " + node.url()
                    + " (data " + node.data() + ", logs " + node.logs() + ") ...");
            ProcessBuilder pb = new ProcessBuilder(node.command(false, List.of("-d", "-p", pidFile.toString())))
                    .redirectErrorStream(true)
                    .redirectOutput(node.logs().resolve("launcher.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            node.environment(pb.environment(), env);
            Process launcher = pb.start();
            try {
                // With -d the launcher returns once the node is up (or has failed), leaving the node running alone.
                if (!launcher.waitFor(300, TimeUnit.SECONDS)) {
                    throw new LocalNodeException("Elasticsearch did not finish starting within 300 s; see " + node.logs());
                }
                if (launcher.exitValue() != 0) {
                    throw new LocalNodeException("Elasticsearch failed to start (exit " + launcher.exitValue() + "); see "
                            + node.logs().resolve("launcher.log") + " and " + node.logs());
                }
                node.awaitReady(null, Duration.ofSeconds(120));
            } catch (LocalNodeException | InterruptedException e) {
                // A node nobody knows about would hold the port and the data: never leave one behind.
                launcher.destroyForcibly();
                Processes.readPid(pidFile).flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
                throw e;
            }
            long pid = Processes.readPid(pidFile).orElseThrow(() ->
                    new LocalNodeException("Elasticsearch started but wrote no pid file at " + pidFile));
            Map<String, String> state = new LinkedHashMap<>();
            state.put("url", node.url());
            state.put("pid", Long.toString(pid));
            state.put("version", Distribution.ES_VERSION);
            state.put("distribution", dist.home().toString());
            state.put("started", Instant.now().toString());
            writeState(state);
            return status();
        } catch (IOException e) {
            throw new LocalNodeException("cannot start Elasticsearch: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalNodeException("interrupted while starting Elasticsearch");
        }
    }

    /** Stops the shared node if this tool started it. Returns what happened, for the user. */
    public String stop() {
        Status s = status();
        Optional<Map<String, String>> state = readState();
        if (state.isEmpty()) {
            return "No local Elasticsearch node was started here (" + home.sharedNode() + ").";
        }
        if (s.external()) {
            deleteState();
            return "The Elasticsearch at " + s.url() + " was not started by this tool; it is left running.";
        }
        if (s.pid() == null || !Processes.alive(s.pid())) {
            deleteState();
            return "The local Elasticsearch node was not running.";
        }
        ProcessHandle ph = ProcessHandle.of(s.pid()).orElseThrow();
        ph.destroy();
        try {
            ph.onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            ph.destroyForcibly();
            try {
                ph.onExit().get(15, TimeUnit.SECONDS);
            } catch (Exception again) {
                throw new LocalNodeException("Elasticsearch (pid " + s.pid() + ") did not stop; kill it by hand");
            }
        }
        deleteState();
        return "Stopped the local Elasticsearch node at " + s.url() + " (pid " + s.pid() + "); its data stays in "
                + s.data() + ".";
    }

    /** 9200 if free; -1 if an Elasticsearch already answers there (use it); else the next free port, said so. */
    private int choosePort(Consumer<String> progress) {
        String wanted = env.get("TRANSCRIPTS_ES_PORT");
        int first = wanted != null && wanted.matches("\\d{2,5}") ? Integer.parseInt(wanted) : DEFAULT_PORT;
        if (!NodeProcess.portInUse(first)) {
            return first;
        }
        String cluster = NodeProcess.clusterNameAt("http://127.0.0.1:" + first);
        if (cluster != null && first == DEFAULT_PORT) {
            progress.accept("Port " + first + " already answers as Elasticsearch (cluster '" + cluster
                    + "'): using that cluster instead of starting one.");
            return -1;
        }
        for (int p = first + 1; p < first + 100; p++) {
            if (!NodeProcess.portInUse(p)) {
                progress.accept("Port " + first + " is taken by something that is not Elasticsearch; using port " + p
                        + " instead (set TRANSCRIPTS_ES_PORT to choose another).");
                return p;
            }
        }
        throw new LocalNodeException("ports " + first + " to " + (first + 99) + " are all taken: set TRANSCRIPTS_ES_PORT "
                + "to a free port, or point elasticsearch.url / ES_URL at a running cluster");
    }

    private Path stateFile() {
        return home.sharedNode().resolve("node.properties");
    }

    private Optional<Map<String, String>> readState() {
        Path f = stateFile();
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            java.util.Properties p = new java.util.Properties();
            try (var in = Files.newBufferedReader(f)) {
                p.load(in);
            }
            Map<String, String> m = new LinkedHashMap<>();
            p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
            return m.containsKey("url") ? Optional.of(m) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void writeState(Map<String, String> state) {
        try {
            NodeHome.createOpen(home.sharedNode());
            java.util.Properties p = new java.util.Properties();
            p.putAll(state);
            Path tmp = stateFile().resolveSibling("node.properties.tmp");
            try (var out = Files.newBufferedWriter(tmp)) {
                p.store(out, "transcript-search local Elasticsearch node");
            }
            Files.move(tmp, stateFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LocalNodeException("cannot write " + stateFile() + ": " + e.getMessage(), e);
        }
    }

    private void deleteState() {
        try {
            Files.deleteIfExists(stateFile());
        } catch (IOException e) {
            throw new LocalNodeException("cannot remove " + stateFile() + ": " + e.getMessage(), e);
        }
    }
}
