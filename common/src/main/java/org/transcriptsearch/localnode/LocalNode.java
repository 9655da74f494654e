package org.transcriptsearch.localnode;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The embedded node that the indexer and the search API share: started in the background by
 * {@code local-es start} or by the first command that needs it, kept until {@code local-es stop}.
 * Its state ({@link NodeState}: URL, pid, the process's start time and command line) lives in
 * the node folder, so any process finds it. Whatever answers on the node's port is taken for this node
 * only if it is the recorded process (same pid, start time and command line), it holds the listening
 * socket, and it answers with this node's cluster name, chosen at random when the node was created.
 */
public final class LocalNode {
    public static final int DEFAULT_PORT = 9200;
    /** The name nodes made by earlier versions have in their data; kept for them. */
    private static final String EARLIER_CLUSTER_NAME = "transcript-search-local";
    /** A file lock is held per process, so threads of one process take turns here first. */
    private static final Object STARTING = new Object();

    private final NodeHome home;
    private final Map<String, String> env;

    public LocalNode(NodeHome home, Map<String, String> env) {
        this.home = home;
        this.env = env;
    }

    public static LocalNode fromEnvironment() {
        return new LocalNode(NodeHome.resolve(System.getenv()), System.getenv());
    }

    /** What {@code local-es status} prints. */
    public record Status(boolean running, String url, Path folder, Path data, Path logs, Long pid, String detail) {
    }

    public Status status() {
        Path dir = home.sharedNode();
        Optional<NodeAccount> account = NodeAccount.recorded(home);
        Optional<NodeState> state = account.flatMap(this::readState);
        if (state.isPresent()) {
            NodeState s = state.get();
            if (isThisNode(s, account.get(), true)) {
                return new Status(true, s.url(), dir, dir.resolve("data"), dir.resolve("logs"), s.pid(), "running");
            }
            String other = NodeProcess.portInUse(s.port()) ? "; something else now holds that port and is not used" : "";
            return new Status(false, s.url(), dir, dir.resolve("data"), dir.resolve("logs"), s.pid(),
                    "not running (last seen at " + s.url() + other + ")");
        }
        return new Status(false, null, dir, dir.resolve("data"), dir.resolve("logs"), null,
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
    public Status start(Consumer<String> progress) {
        Status current = status();
        if (current.running()) {
            return current;
        }
        synchronized (STARTING) {
            return startLocked(progress);
        }
    }

    private Status startLocked(Consumer<String> progress) {
        // Two commands starting at once (a harvest and the search API): the second waits and finds the first's node.
        Path lockFile = NodeHome.createOpen(home.root()).resolve("node.lock");
        try (FileChannel lock = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            lock.lock();
            Status current = status();
            return current.running() ? current : launch(progress);
        } catch (IOException e) {
            throw new LocalNodeException("cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
    }

    private Status launch(Consumer<String> progress) {
        NodeAccount account = NodeAccount.of(home);
        int port = choosePort(progress);
        Distribution dist = Distribution.prepare(home, env, progress);
        NodeFolder folder = new NodeFolder(home.sharedNode(), account);
        NodeProcess node = new NodeProcess(dist, folder, port);
        try {
            folder.layOut();
            String cluster = clusterName(folder);
            node.prepare(cluster, env);
            Path pidFile = node.tmp().resolve("es.pid");
            Files.deleteIfExists(pidFile);
            progress.accept("Starting Elasticsearch " + Distribution.ES_VERSION + " on " + node.url()
                    + " (data " + node.data() + ", logs " + node.logs() + ") ...");
            ProcessBuilder pb = new ProcessBuilder(node.command(false, List.of("-d", "-p", pidFile.toString())))
                    .redirectErrorStream(true)
                    .redirectOutput(node.launcherLog("launcher.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            node.environment(pb.environment(), env);
            Process launcher = pb.start();
            long pid;
            try {
                // With -d the launcher returns once the node is up (or has failed), leaving the node running alone.
                if (!launcher.waitFor(300, TimeUnit.SECONDS)) {
                    throw new LocalNodeException("Elasticsearch did not finish starting within 300 s; see " + node.logs());
                }
                if (launcher.exitValue() != 0) {
                    Path log = node.dir().resolve("launcher.log");
                    throw new LocalNodeException("Elasticsearch failed to start (exit " + launcher.exitValue() + ")"
                            + LaunchFailure.in(log).map(why -> ": " + why).orElse("") + "; see " + log + " and " + node.logs());
                }
                node.awaitReady(null, Duration.ofSeconds(120));
                pid = Processes.readPid(pidFile).orElseThrow(() ->
                        new LocalNodeException("Elasticsearch started but wrote no pid file at " + pidFile));
                if (!node.isServer(pid)) {
                    throw new LocalNodeException("the pid file " + pidFile + " names pid " + pid + ", which is not the "
                            + "Elasticsearch server listening on " + node.url() + "; see " + node.logs());
                }
            } catch (LocalNodeException | InterruptedException e) {
                // A node nobody knows about would hold the port and the data: never leave one behind. The pid
                // file is the node's to write, so its pid is signalled only if it is this node's server.
                launcher.destroyForcibly();
                Processes.readPid(pidFile).filter(node::isServerProcess).flatMap(ProcessHandle::of)
                        .ifPresent(ProcessHandle::destroyForcibly);
                throw e;
            }
            NodeState.of(node.url(), port, pid, cluster).orElseThrow(() -> new LocalNodeException("Elasticsearch (pid "
                    + pid + ") exited right after starting; see " + node.logs())).write(folder, stateFile());
            return status();
        } catch (IOException e) {
            throw new LocalNodeException("cannot start Elasticsearch: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalNodeException("interrupted while starting Elasticsearch");
        }
    }

    /**
     * Stops the shared node if this tool started it. Returns what happened, for the user. A pid is
     * signalled only while it is still the process recorded at start (its start time and command line),
     * never a process that got the pid after the node ended.
     */
    public String stop() {
        Optional<NodeAccount> account = NodeAccount.recorded(home);
        Optional<NodeState> state = account.flatMap(this::readState);
        if (state.isEmpty()) {
            return "No local Elasticsearch node was started here (" + home.sharedNode() + ").";
        }
        NodeState s = state.get();
        long pid = s.pid();
        if (!isThisNode(s, account.get(), false)) {
            deleteState();
            return Processes.alive(pid)
                    ? "The local Elasticsearch node was not running; pid " + pid + " is now another process, left alone."
                    : "The local Elasticsearch node was not running.";
        }
        ProcessHandle ph = ProcessHandle.of(pid).orElseThrow();
        ph.destroy();
        try {
            ph.onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (isThisNode(s, account.get(), false)) {
                ph.destroyForcibly();
            }
            try {
                ph.onExit().get(15, TimeUnit.SECONDS);
            } catch (Exception again) {
                throw new LocalNodeException("Elasticsearch (pid " + pid + ") did not stop; kill it by hand");
            }
        }
        deleteState();
        return "Stopped the local Elasticsearch node at " + s.url() + " (pid " + pid + "); its data stays in "
                + home.sharedNode().resolve("data") + ".";
    }

    /** The recorded process, still the same one, is this node's server (and, if asked, answers as it on its port). */
    private boolean isThisNode(NodeState state, NodeAccount account, boolean answering) {
        if (!state.sameProcess()) {
            return false;
        }
        NodeProcess node = new NodeProcess(null, new NodeFolder(home.sharedNode(), account), state.port());
        if (!answering) {
            return node.isServerProcess(state.pid());
        }
        return node.isServer(state.pid()) && state.cluster().equals(NodeProcess.clusterNameAt(state.url()));
    }

    /**
     * TRANSCRIPTS_ES_PORT (default 9200) if free, else the next free port, said so. Whatever holds the port is
     * not this node (status found none), so it is never used, even if it answers as Elasticsearch: it could be
     * any local process, and every harvested transcript would go to it.
     */
    /** The port the node will listen on: TRANSCRIPTS_ES_PORT's (or 9200), else the next free one, said so. */
    int choosePort(Consumer<String> progress) {
        String wanted = env.get("TRANSCRIPTS_ES_PORT");
        int first = wanted != null && wanted.matches("\\d{2,5}") ? Integer.parseInt(wanted) : DEFAULT_PORT;
        if (NodeProcess.portFree(first)) {
            return first;
        }
        boolean answers = NodeProcess.portInUse(first);
        String cluster = answers ? NodeProcess.clusterNameAt("http://127.0.0.1:" + first) : null;
        String holder = cluster != null
                ? "something answering as Elasticsearch (cluster '" + cluster + "') that this tool did not start"
                : answers ? "something that is not this tool's Elasticsearch"
                : "another program (nothing answers there, but the port cannot be bound)";
        for (int p = first + 1; p < first + 100; p++) {
            if (NodeProcess.portFree(p)) {
                progress.accept("Port " + first + " is held by " + holder + "; it is not used. Starting the local node "
                        + "on port " + p + " instead. " + (cluster != null ? "To use that cluster, set ES_URL or "
                        + "elasticsearch.url to its URL; to" : "To") + " choose the local node's port, set TRANSCRIPTS_ES_PORT.");
                return p;
            }
        }
        throw new LocalNodeException("ports " + first + " to " + (first + 99) + " are all taken: set TRANSCRIPTS_ES_PORT "
                + "to a free port, or point elasticsearch.url / ES_URL at a running cluster");
    }

    /** The node's cluster name: random, chosen when its folder is first made; nodes made earlier keep theirs. */
    private static String clusterName(NodeFolder folder) throws IOException {
        Path file = folder.dir().resolve("cluster-name");
        if (NodeFolder.ownedBy(file, folder.account().separate() ? 0 : folder.account().uid())) {
            String name = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (name.matches("[a-z0-9-]{8,64}")) {
                return name;
            }
        }
        String name;
        try (Stream<Path> data = Files.list(folder.data())) {
            name = data.findAny().isPresent() ? EARLIER_CLUSTER_NAME
                    : "transcript-search-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
        }
        folder.write(file, name + "\n", false);
        return name;
    }

    private Path stateFile() {
        return home.sharedNode().resolve("node.properties");
    }

    /** The state, if this user (as root: root) wrote its file. */
    private Optional<NodeState> readState(NodeAccount account) {
        return NodeState.read(stateFile(), account.separate() ? 0 : account.uid());
    }

    private void deleteState() {
        try {
            Files.deleteIfExists(stateFile());
        } catch (IOException e) {
            throw new LocalNodeException("cannot remove " + stateFile() + ": " + e.getMessage(), e);
        }
    }
}
