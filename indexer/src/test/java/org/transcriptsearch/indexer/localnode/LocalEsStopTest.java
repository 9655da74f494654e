package org.transcriptsearch.indexer.localnode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.transcriptsearch.indexer.IndexerMain;
import org.transcriptsearch.indexer.cli.Console;
import org.transcriptsearch.secrets.Redactor;

/**
 * {@code local-es stop} signals the recorded pid only while it is the node: here the node's state names a
 * {@code sleep} that got the pid (with its true start time and command line, as a recycled pid would
 * have), and the sleep must live on.
 */
class LocalEsStopTest {
    private Path home;
    private Process sleep;

    @BeforeEach
    void aHomeWhoseRecordedPidIsNowAnotherProcess() throws Exception {
        home = Files.createTempDirectory("transcript-search-stop-");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(home.resolve("node"));
        boolean root = "0".equals(run("id", "-u"));
        if (root) {
            Files.writeString(home.resolve("node-account"), "uid=" + freeUid() + "\n");
        }
        sleep = new ProcessBuilder("sleep", "300").start();
        long pid = sleep.pid();
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String started = stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19];
        byte[] cmdline = Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(home.resolve("node/node.properties"), String.join("\n",
                "url=http://127.0.0.1:" + port,
                "port=" + port,
                "pid=" + pid,
                "pid.start=" + started,
                "command.sha256=" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cmdline)),
                "cluster=transcript-search-0123456789abcdef",
                ""));
        Files.setPosixFilePermissions(home.resolve("node/node.properties"), PosixFilePermissions.fromString("rw-------"));
    }

    @AfterEach
    void cleanUp() throws Exception {
        sleep.destroyForcibly();
        new ProcessBuilder("rm", "-rf", home.toString()).start().waitFor(30, TimeUnit.SECONDS);
    }

    @Test
    void stopLeavesAProcessThatIsNotTheNodeAlone() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Redactor.none(), false);
        Map<String, String> env = Map.of("TRANSCRIPTS_HOME", home.toString());

        int exit = IndexerMain.run(List.of("local-es", "stop"), console, env);

        assertEquals(0, exit, out.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("pid " + sleep.pid() + " is now another process, left alone"),
                out.toString(StandardCharsets.UTF_8));
        Thread.sleep(500);
        assertTrue(sleep.isAlive(), "local-es stop signalled a process that is not the node");
        assertEquals(3, IndexerMain.run(List.of("local-es", "status"), console, env), "nothing runs there");
    }

    private static int freeUid() throws Exception {
        for (int id = 47_000; id < 48_000; id++) {
            if (!run("getent", "passwd", Integer.toString(id)).contains(":")
                    && !run("getent", "group", Integer.toString(id)).contains(":")) {
                return id;
            }
        }
        throw new IllegalStateException("no free uid");
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }
}
