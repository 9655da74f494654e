package org.transcriptsearch.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transcriptsearch.localnode.LocalNode;
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
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // TRANSCRIPTS_HOME must be reachable by the unprivileged uid when running as root.
        Path open = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "ts-lifecycle-" + port));
        open.toFile().setExecutable(true, false);
        open.toFile().setReadable(true, false);
        Map<String, String> env = Map.of("TRANSCRIPTS_HOME", open.toString(), "TRANSCRIPTS_ES_PORT", Integer.toString(port));
        LocalNode node = new LocalNode(NodeHome.resolve(env), env);
        try {
            assertFalse(node.status().running());
            LocalNode.Status started = node.start(line -> { });
            assertTrue(started.running());
            assertEquals("http://127.0.0.1:" + port, started.url());
            // Another "command" (a new LocalNode object, as another process would have) finds it running.
            LocalNode.Status seen = new LocalNode(NodeHome.resolve(env), env).status();
            assertTrue(seen.running());
            assertEquals(started.pid(), seen.pid());
            assertTrue(Files.isDirectory(seen.data()));
            assertTrue(Files.isDirectory(seen.logs()));
            // Starting again is idempotent.
            assertEquals(started.pid(), node.start(line -> { }).pid());
        } finally {
            String said = node.stop();
            assertTrue(said.startsWith("Stopped"), said);
        }
        assertFalse(node.status().running());
        assertFalse(listening(URI.create("http://127.0.0.1:" + port)));
        // No temp files of the node's in the system temp folder: they live in the node's own tmp folder.
        assertTrue(Files.isDirectory(open.resolve("node").resolve("tmp")));
        deleteAsRoot(open);
    }

    private static void deleteAsRoot(Path dir) throws Exception {
        new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor(30, TimeUnit.SECONDS);
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
