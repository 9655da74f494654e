package org.transcriptsearch.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transcriptsearch.localnode.LocalNode;
import org.transcriptsearch.localnode.LocalNodeException;
import org.transcriptsearch.localnode.NodeHome;

/** The embedded node's two lives: bound to a JVM (dies with it, even on SIGKILL), or shared until stopped. */
class EmbeddedNodeLifecycleIT {

    @Test
    void aTestNodeDiesWhenItsJvmIsKilled() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        for (String p : List.of("transcripts.es.zip", "transcripts.plugin.zip", "transcripts.repo.root")) {
            if (System.getProperty(p) != null) {
                cmd.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        cmd.add(NodeHolderMain.class.getName());
        Process holder = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String ready;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(holder.getInputStream()))) {
            ready = r.readLine();
        }
        assertNotNull(ready, "the holder JVM printed nothing");
        String[] parts = ready.split(" ");
        URI url = URI.create(parts[1]);
        long launcherPid = Long.parseLong(parts[2]);
        List<ProcessHandle> tree = new ArrayList<>(ProcessHandle.of(launcherPid).orElseThrow().descendants().toList());
        tree.add(ProcessHandle.of(launcherPid).orElseThrow());
        assertTrue(listening(url), "the node should answer before the kill");

        holder.destroyForcibly(); // SIGKILL: no shutdown hook runs
        holder.waitFor(10, TimeUnit.SECONDS);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && tree.stream().anyMatch(ProcessHandle::isAlive)) {
            Thread.sleep(200);
        }
        assertFalse(tree.stream().anyMatch(ProcessHandle::isAlive), "Elasticsearch outlived the JVM that started it");
        assertFalse(listening(url), "nothing may still listen on " + url);
    }

    @Test
    void theSharedNodeSurvivesCommandsUntilStopped(@TempDir Path home) throws Exception {
        int port = freePort();
        Path open = openHome("ts-lifecycle-" + port);
        Map<String, String> env = Map.of("TRANSCRIPTS_HOME", open.toString(), "TRANSCRIPTS_ES_PORT", Integer.toString(port));
        LocalNode node = new LocalNode(NodeHome.resolve(env), env);
        try {
            assertFalse(node.status().running());
            // Two commands that need the node at once (say a harvest and the search API) get one node.
            var other = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> new LocalNode(NodeHome.resolve(env), env).start(line -> { }));
            LocalNode.Status started = node.start(line -> { });
            assertEquals(started.pid(), other.get(300, TimeUnit.SECONDS).pid());
            assertTrue(started.running());
            assertEquals("http://127.0.0.1:" + port, started.url());
            // Another "command" (a new LocalNode object, as another process would have) finds it running.
            LocalNode.Status seen = new LocalNode(NodeHome.resolve(env), env).status();
            assertTrue(seen.running());
            assertEquals(started.pid(), seen.pid());
            assertTrue(Files.isDirectory(seen.data()));
            assertTrue(Files.isDirectory(seen.logs()));
            // Its data, logs, configuration and temporary files are its own (and root's) to read, nobody else's.
            int uid = NodeFileModes.assertClosedToOthers(open.resolve("node"));
            assertEquals(uid, Files.getAttribute(Path.of("/proc", seen.pid().toString()), "unix:uid"));
            // Starting again is idempotent.
            assertEquals(started.pid(), node.start(line -> { }).pid());
            String said = node.stop();
            assertTrue(said.startsWith("Stopped"), said);
            assertFalse(node.status().running());
            assertFalse(listening(URI.create("http://127.0.0.1:" + port)));
            // No temp files of the node's in the system temp folder: they live in the node's own tmp folder.
            assertTrue(Files.isDirectory(open.resolve("node").resolve("tmp")));

            // Links planted in the node's tree (by the node's uid, which owns some of it) are never followed by root.
            Path victim = Files.writeString(open.resolve("victim"), "root's own\n");
            for (String planted : List.of("logs/launcher.log", "tmp/es.pid", "config/elasticsearch.yml", "launcher.log")) {
                Path link = open.resolve("node").resolve(planted);
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, victim);
                run("chown", "-h", uid + ":" + uid, link.toString());
            }
            assertTrue(node.start(line -> { }).running());
            assertEquals("root's own\n", Files.readString(victim));
            assertEquals(0, Files.getAttribute(victim, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS));
            assertTrue(node.stop().startsWith("Stopped"));

            // A start that fails says why, not only where the logs are.
            Map<String, String> tiny = new java.util.HashMap<>(env);
            tiny.put("TRANSCRIPTS_ES_HEAP", "1m");
            LocalNodeException refused = org.junit.jupiter.api.Assertions.assertThrows(LocalNodeException.class,
                    () -> new LocalNode(NodeHome.resolve(tiny), tiny).start(line -> { }));
            assertTrue(refused.getMessage().startsWith("Elasticsearch failed to start (exit ")
                    && refused.getMessage().contains("): the JVM did not start: Too small maximum heap; see "), refused.getMessage());
        } finally {
            node.stop();
            deleteAsRoot(open);
        }
    }

    @Test
    void aFakeElasticsearchOnThePortIsNeverTakenForTheNode() throws Exception {
        // The port the code would use: 9200 when it is free (as for a process that binds it before the node).
        boolean defaultFree = !listening(URI.create("http://127.0.0.1:" + LocalNode.DEFAULT_PORT));
        int port = defaultFree ? LocalNode.DEFAULT_PORT : freePort();
        Path open = openHome("ts-fake-" + port);
        Map<String, String> env = defaultFree ? Map.of("TRANSCRIPTS_HOME", open.toString())
                : Map.of("TRANSCRIPTS_HOME", open.toString(), "TRANSCRIPTS_ES_PORT", Integer.toString(port));
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer fake = fakeElasticsearch(port, "transcript-search-local", received);
        LocalNode node = new LocalNode(NodeHome.resolve(env), env);
        List<String> said = new CopyOnWriteArrayList<>();
        try {
            String url = node.ensureRunning(said::add);

            assertNotEquals("http://127.0.0.1:" + port, url, "the fake was taken for the node");
            assertTrue(said.stream().anyMatch(l -> l.contains("Port " + port + " is held by") && l.contains("it is not used")
                    && l.contains("ES_URL or elasticsearch.url")), String.join("\n", said));
            assertTrue(received.stream().allMatch("GET /_cluster/health"::equals), "the fake was sent " + received);

            // The node dies; what takes its port next is not it, even answering with the node's own cluster name.
            Properties state = new Properties();
            try (var in = Files.newBufferedReader(open.resolve("node/node.properties"))) {
                state.load(in);
            }
            ProcessHandle server = ProcessHandle.of(Long.parseLong(state.getProperty("pid"))).orElseThrow();
            server.destroyForcibly();
            server.onExit().get(60, TimeUnit.SECONDS);
            List<String> receivedByImpostor = new CopyOnWriteArrayList<>();
            HttpServer impostor = fakeElasticsearch(URI.create(url).getPort(), state.getProperty("cluster"), receivedByImpostor);
            try {
                LocalNode.Status status = new LocalNode(NodeHome.resolve(env), env).status();
                assertFalse(status.running(), status.detail());
                assertTrue(status.detail().contains("something else now holds that port"), status.detail());
                assertEquals("The local Elasticsearch node was not running.", node.stop());
                assertTrue(receivedByImpostor.stream().allMatch("GET /_cluster/health"::equals), "sent " + receivedByImpostor);
            } finally {
                impostor.stop(0);
            }
        } finally {
            fake.stop(0);
            node.stop();
            deleteAsRoot(open);
        }
    }

    /** A tiny HTTP server that answers cluster health as Elasticsearch would, and records what it was sent. */
    private static HttpServer fakeElasticsearch(int port, String clusterName, List<String> received) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        server.createContext("/", exchange -> {
            try (exchange) {
                received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
                byte[] body = ("{\"cluster_name\":\"" + clusterName + "\",\"status\":\"green\",\"timed_out\":false,"
                        + "\"number_of_nodes\":1,\"number_of_data_nodes\":1}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        return server;
    }

    private static int freePort() throws IOException {
        try (var s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A TRANSCRIPTS_HOME the node's uid can reach when running as root. */
    private static Path openHome(String name) throws IOException {
        Path open = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), name));
        open.toFile().setExecutable(true, false);
        open.toFile().setReadable(true, false);
        return open;
    }

    private static void deleteAsRoot(Path dir) throws Exception {
        run("rm", "-rf", dir.toString());
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + out);
    }

    private static boolean listening(URI url) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(url.getHost(), url.getPort()), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
