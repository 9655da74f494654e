package org.transcriptsearch.localnode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What identifies a process for good (pid, start time, command line) and who holds a listening port. */
class ProcessesTest {

    @Test
    void aProcessIsNamedByItsPidStartTimeAndCommandLine() throws Exception {
        Process first = new ProcessBuilder("sleep", "30").start();
        Thread.sleep(20);
        Process second = new ProcessBuilder("sleep", "31").start();
        try {
            assertEquals(List.of("sleep", "30"), Processes.commandLine(first.pid()));
            assertTrue(Processes.startTime(first.pid()).isPresent());
            assertEquals(Processes.startTime(first.pid()), Processes.startTime(first.pid()));
            assertTrue(Processes.startTime(second.pid()).getAsLong() >= Processes.startTime(first.pid()).getAsLong());
            assertEquals(Processes.currentUid(), Processes.uid(first.pid()).orElse(-1));
        } finally {
            first.destroyForcibly().waitFor();
            second.destroyForcibly().waitFor();
        }
        assertTrue(Processes.startTime(first.pid()).isEmpty(), "a process that is gone has no start time");
        assertTrue(Processes.commandLine(first.pid()).isEmpty());
    }

    @Test
    void theProcessHoldingTheListeningSocketIsKnown() throws Exception {
        long self = ProcessHandle.current().pid();
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertTrue(Processes.listensOn(self, s.getLocalPort()));
            Process other = new ProcessBuilder("sleep", "30").start();
            try {
                assertFalse(Processes.listensOn(other.pid(), s.getLocalPort()), "sleep holds no socket");
            } finally {
                other.destroyForcibly().waitFor();
            }
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertFalse(Processes.listensOn(self, closed));
    }
}
