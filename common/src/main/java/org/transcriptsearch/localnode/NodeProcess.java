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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One node's folders and the command that starts it. As root the node runs under an unprivileged
 * numeric uid through {@code setpriv}; its folders are then owned by that uid.
 */
final class NodeProcess {
    static final String HEAP = "-Xms512m -Xmx512m";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Distribution distribution;
    private final Path dir;
    private final int port;

    NodeProcess(Distribution distribution, Path dir, int port) {
        this.distribution = distribution;
        this.dir = dir;
        this.port = port;
    }

    Path config() {
        return dir.resolve("config");
    }

    Path data() {
        return dir.resolve("data");
    }

    Path logs() {
        return dir.resolve("logs");
    }

    Path tmp() {
        return dir.resolve("tmp");
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Writes this node's configuration (fresh each start, so a changed port or version takes effect). */
    void prepare(String clusterName, Map<String, String> env) throws IOException {
        NodeHome.createOpen(dir);
        Files.createDirectories(data());
        Files.createDirectories(logs());
        Files.createDirectories(tmp());
        Path config = config();
        if (!Files.isRegularFile(config.resolve("elasticsearch.keystore"))) {
            Files.createDirectories(config);
            try (Stream<Path> s = Files.list(distribution.defaultConfig())) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    if (Files.isRegularFile(p)) {
                        Files.copy(p, config.resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            createKeystore();
        }
        String yml = String.join("\n",
                "# Written by transcript-search at each start; edits are overwritten.",
                "cluster.name: " + clusterName,
                "node.name: " + clusterName + "-node",
                "path.data: " + data(),
                "path.logs: " + logs(),
                "network.host: 127.0.0.1",
                "http.port: " + port,
                "transport.port: 0",
                "discovery.type: single-node",
                "cluster.routing.allocation.disk.threshold_enabled: false",
                "# A loopback-only development node: no security, so no auto-configured TLS or passwords.",
                "xpack.security.enabled: false",
                "") ;
        Files.writeString(config.resolve("elasticsearch.yml"), yml);
        Files.writeString(config.resolve("jvm.options.d").resolve("heap.options"),
                String.join("\n", heap(env).split("\\s+")) + "\n");
        if (Processes.isRoot()) {
            chown(dir);
        }
    }

    private void createKeystore() throws IOException {
        Files.createDirectories(config().resolve("jvm.options.d"));
        ProcessBuilder pb = new ProcessBuilder(distribution.bin("elasticsearch-keystore").toString(), "create")
                .redirectErrorStream(true);
        environment(pb.environment(), Map.of());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("elasticsearch-keystore create failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating the keystore");
        }
    }

    /** The command line: as root, through setpriv to the unprivileged uid. */
    List<String> command(boolean dieWithParent, List<String> esArgs) {
        List<String> cmd = new ArrayList<>();
        if (Processes.isRoot() || dieWithParent) {
            cmd.add("setpriv");
            if (Processes.isRoot()) {
                int id = unprivilegedId();
                cmd.add("--reuid=" + id);
                cmd.add("--regid=" + id);
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

    private static int unprivilegedId() {
        String v = System.getenv("TRANSCRIPTS_ES_UID");
        if (v != null && v.matches("[1-9]\\d*")) {
            return Integer.parseInt(v);
        }
        return NodeHome.DEFAULT_UNPRIVILEGED_ID;
    }

    private static void chown(Path dir) throws IOException {
        int id = unprivilegedId();
        ProcessBuilder pb = new ProcessBuilder("chown", "-R", id + ":" + id, dir.toString()).redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (p.waitFor() != 0) {
                throw new IOException("chown of " + dir + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
                throw new LocalNodeException("Elasticsearch exited with code " + process.exitValue()
                        + " during start; see " + logs() + " for why");
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
