package org.transcriptsearch.localnode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a failed start says, from launchers' output as Elasticsearch 8.19 and the JVM print it. */
class LaunchFailureTest {
    /** A second node on a data folder a running one holds (the log line and the exception are not separated). */
    private static final String LOCKED = """
            [2026-12-01T21:34:02,360][INFO ][o.e.b.Elasticsearch      ] [node] version[8.19.21], pid[8678]
            [2026-12-01T21:34:05,746][INFO ][o.e.p.PluginsService     ] [node] loaded plugin [transcripts-analysis]
            [2026-12-01T21:34:07,193][ERROR][o.e.b.Elasticsearch      ] [node] fatal exception while booting Elasticsearch\
            java.lang.IllegalStateException: failed to obtain node locks, tried [/tmp/h/node/data]; maybe these locations are not writable
            \tat org.elasticsearch.server@8.19.21/org.elasticsearch.env.NodeEnvironment.<init>(NodeEnvironment.java:294)
            Caused by: org.apache.lucene.store.LockObtainFailedException: Lock held by another program: /tmp/h/node/data/node.lock
            \t... 6 more

            ERROR: Elasticsearch did not exit normally - check the logs at /tmp/h/node/logs/c.log
            """;
    /** A heap the JVM refuses: the launcher's own exception, then the JVM's words. */
    private static final String HEAP = """
            java.lang.RuntimeException: starting java failed with [1]
            output:
            Error occurred during initialization of VM
            Too small maximum heap
            error:

            \tat org.elasticsearch.server.cli.JvmOption.flagsFinal(JvmOption.java:125)
            """;

    @Test
    void namesTheExceptionElasticsearchFailedToBootWith() {
        assertEquals(Optional.of("IllegalStateException: failed to obtain node locks, tried [/tmp/h/node/data]; maybe these "
                + "locations are not writable"), LaunchFailure.in(LOCKED));
    }

    /** The local node on a port another program's connection held (before ports were checked bindable). */
    @Test
    void namesAPortThatCouldNotBeBound() {
        String output = """
                [2026-12-01T22:17:26,178][ERROR][o.e.b.Elasticsearch      ] [node] fatal exception while booting Elasticsearch\
                org.elasticsearch.http.BindHttpException: Failed to bind to 127.0.0.1:50712
                Caused by: java.net.BindException: Address already in use
                \tat java.base/sun.nio.ch.ServerSocketChannelImpl.netBind(ServerSocketChannelImpl.java:337)
                """;
        assertEquals(Optional.of("BindHttpException: Failed to bind to 127.0.0.1:50712"), LaunchFailure.in(output));
    }

    @Test
    void namesWhatTheJvmRefused() {
        assertEquals(Optional.of("the JVM did not start: Too small maximum heap"), LaunchFailure.in(HEAP));
    }

    @Test
    void namesAMachineWithoutTheMemoryTheHeapAsksFor() {
        String report = """
                OpenJDK 64-Bit Server VM warning: INFO: os::commit_memory(0x00000000e0000000, 536870912, 0) failed
                #
                # There is insufficient memory for the Java Runtime Environment to continue.
                # Native memory allocation (mmap) failed to map 536870912 bytes for committing reserved memory.
                # An error report file with more information is saved as:
                ERROR: Elasticsearch exited unexpectedly, with exit code 1
                """;
        assertEquals(Optional.of("the JVM did not start: There is insufficient memory for the Java Runtime Environment to "
                + "continue: Native memory allocation (mmap) failed to map 536870912 bytes for committing reserved memory."),
                LaunchFailure.in(report));
    }

    @Test
    void elseAnExceptionOrTheLaunchersErrorLine() {
        assertEquals(Optional.of("BindException: Address already in use"),
                LaunchFailure.in("starting\njava.net.BindException: Address already in use\n\tat x.y(Z.java:1)\n"));
        assertEquals(Optional.of("Elasticsearch exited unexpectedly, with exit code 78"),
                LaunchFailure.in("some line\nERROR: Elasticsearch exited unexpectedly, with exit code 78\n"));
        assertEquals(Optional.empty(), LaunchFailure.in("[INFO ] all is well\n"));
    }

    @Test
    void readsTheEndOfALongFileAndShortensALongReason(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("launcher.log");
        Files.writeString(log, "[INFO ] a start-up line that goes on\n".repeat(20_000)
                + "ERROR: " + "x".repeat(2_000) + "\n");
        String reason = LaunchFailure.in(log).orElseThrow();
        assertEquals(400, reason.length());
        assertTrue(reason.endsWith("…"), reason);
        assertEquals(Optional.empty(), LaunchFailure.in(dir.resolve("missing.log")));
    }
}
