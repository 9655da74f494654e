package org.transcriptsearch.localnode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One node's folder, port and the command that starts it. As root the node runs under its home's own
 * uid (see {@link NodeAccount}) through {@code setpriv}; it always runs with umask 077, so what it writes
 * is its own to read.
 */
final class NodeProcess {
    static final String HEAP = "-Xms512m -Xmx512m";
    /** The only address the node listens on. */
    static final String LOOPBACK = "127.0.0.1";
    /** Where a node started in the foreground (a test's throw-away node) writes its console. */
    static final String CONSOLE_LOG = "console.log";
    /** The module and class every Elasticsearch server's command line ends with. */
    static final String SERVER_MAIN = "org.elasticsearch.server/org.elasticsearch.bootstrap.Elasticsearch";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Distribution distribution;
    private final NodeFolder folder;
    private final int port;

    NodeProcess(Distribution distribution, NodeFolder folder, int port) {
        this.distribution = distribution;
        this.folder = folder;
        this.port = port;
    }

    Path dir() {
        return folder.dir();
    }

    Path config() {
        return folder.config();
    }

    Path data() {
        return folder.data();
    }

    Path logs() {
        return folder.logs();
    }

    Path tmp() {
        return folder.tmp();
    }

    NodeFolder folder() {
        return folder;
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Writes this node's configuration (fresh each start, so a changed port or version takes effect). */
    void prepare(String clusterName, Map<String, String> env) throws IOException {
        folder.layOut();
        Path config = config();
        if (!Files.isRegularFile(config.resolve("elasticsearch.keystore"), LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> s = Files.list(distribution.defaultConfig())) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    if (Files.isRegularFile(p)) {
                        Path copy = config.resolve(p.getFileName());
                        Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
                        folder.protect(copy, true);
                    }
                }
            }
            createKeystore();
        }
        Path options = config.resolve("jvm.options.d");
        if (!Files.isDirectory(options, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(options);
        }
        folder.protect(options, true);
        String yml = String.join("\n",
                "# Written by transcript-search at each start; edits are overwritten.",
                "cluster.name: " + clusterName,
                "node.name: " + clusterName + "-node",
                "path.data: " + data(),
                "path.logs: " + logs(),
                "network.host: " + LOOPBACK,
                "http.port: " + port,
                "transport.port: 0",
                "discovery.type: single-node",
                "cluster.routing.allocation.disk.threshold_enabled: false",
                "# A loopback-only development node: no security, so no auto-configured TLS or passwords.",
                "xpack.security.enabled: false",
                "");
        folder.write(config.resolve("elasticsearch.yml"), yml, true);
        folder.write(options.resolve("heap.options"), String.join("\n", heap(env).split("\\s+")) + "\n", true);
    }

    private void createKeystore() throws IOException {
        // The tool runs as root here: its temporary files go to a folder of root's, not the node's tmp/.
        Path toolTmp = Files.createTempDirectory(dir(), "keystore-tool-");
        try {
            ProcessBuilder pb = new ProcessBuilder(distribution.bin("elasticsearch-keystore").toString(), "create")
                    .redirectErrorStream(true);
            environment(pb.environment(), Map.of());
            pb.environment().put("ES_TMPDIR", toolTmp.toString());
            pb.environment().put("CLI_JAVA_OPTS", "-Djava.io.tmpdir=" + toolTmp);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("elasticsearch-keystore create failed: " + out);
            }
            folder.protect(config().resolve("elasticsearch.keystore"), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating the keystore");
        } finally {
            NodeFolder.delete(toolTmp);
        }
    }

    /**
     * A fresh file of root's (the user's) in the node's folder for a launcher's output, mode 0600. It is
     * not under {@code logs/}: root opening a file there would follow a link the node's account put there.
     */
    Path launcherLog(String name) throws IOException {
        Path log = dir().resolve(name);
        Files.deleteIfExists(log);
        Files.createFile(log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return log;
    }

    /** The command line: with umask 077 and, as root, through setpriv to the node's uid. */
    List<String> command(boolean dieWithParent, List<String> esArgs) {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "umask 077 && exec \"$@\"", "sh"));
        NodeAccount account = folder.account();
        if (account.separate() || dieWithParent) {
            cmd.add("setpriv");
            if (account.separate()) {
                cmd.add("--reuid=" + account.uid());
                cmd.add("--regid=" + account.gid());
                cmd.add("--clear-groups");
            }
            if (dieWithParent) {
                cmd.add("--pdeathsig=TERM");
            }
            cmd.add("--");
        }
        cmd.add(distribution.bin("elasticsearch").toString());
        cmd.addAll(esArgs);
        return cmd;
    }

    void environment(Map<String, String> pbEnv, Map<String, String> env) {
        pbEnv.put("ES_JAVA_HOME", Distribution.javaHome());
        pbEnv.put("ES_PATH_CONF", config().toString());
        pbEnv.put("ES_TMPDIR", tmp().toString());
        pbEnv.put("CLI_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp());
        pbEnv.put("ES_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp());
        pbEnv.remove("JAVA_TOOL_OPTIONS");
        pbEnv.remove("_JAVA_OPTIONS");
        pbEnv.remove("JAVA_HOME");
    }

    static String heap(Map<String, String> env) {
        String h = env.get("TRANSCRIPTS_ES_HEAP");
        if (h != null && h.matches("\\d+[mg]")) {
            return "-Xms" + h + " -Xmx" + h;
        }
        return HEAP;
    }

    /** Whether {@code pid} is an Elasticsearch server using this node's folder, under the node's uid. */
    boolean isServerProcess(long pid) {
        List<String> cmd = Processes.commandLine(pid);
        return !cmd.isEmpty() && cmd.get(cmd.size() - 1).equals(SERVER_MAIN)
                && cmd.contains("-Djava.io.tmpdir=" + tmp())
                && Processes.uid(pid).orElse(-1) == folder.account().uid();
    }

    /** Whether {@code pid} is this node's server and holds the socket listening on this node's port. */
    boolean isServer(long pid) {
        return isServerProcess(pid) && Processes.listensOn(pid, port);
    }

    /** Cluster health answered at {@code url}: the cluster's name, or null if nothing Elasticsearch-like answers. */
    static String clusterNameAt(String url) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/_cluster/health"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && r.body().contains("\"cluster_name\"")) {
                var m = java.util.regex.Pattern.compile("\"cluster_name\"\\s*:\\s*\"([^\"]*)\"").matcher(r.body());
                return m.find() ? m.group(1) : "?";
            }
            return null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static boolean portInUse(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether the node could listen on {@code port}: nothing answers there and the port can be bound. A port
     * that refuses connections may still be taken (the local end of some program's outgoing connection, a
     * socket bound but not listening): Elasticsearch would then fail to start on it.
     */
    static boolean portFree(int port) {
        if (portInUse(port)) {
            return false;
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true); // as Elasticsearch binds: a closed connection waiting out TIME_WAIT does not count
            s.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 1);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new LocalNodeException("no free local port for Elasticsearch: " + e.getMessage(), e);
        }
    }

    /** Waits until the node answers cluster health with yellow or green, or the process dies. */
    void awaitReady(Process process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive() && process.exitValue() != 0) {
                throw new LocalNodeException("Elasticsearch exited with code " + process.exitValue() + " during start"
                        + LaunchFailure.in(dir().resolve(CONSOLE_LOG)).map(why -> ": " + why).orElse("")
                        + "; see " + logs());
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url()
                                + "/_cluster/health?wait_for_status=yellow&timeout=2s"))
                        .timeout(Duration.ofSeconds(4)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalNodeException("interrupted while waiting for Elasticsearch");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalNodeException("interrupted while waiting for Elasticsearch");
            }
        }
        throw new LocalNodeException("Elasticsearch did not become ready at " + url() + " within "
                + timeout.toSeconds() + " s; see " + logs());
    }
}
