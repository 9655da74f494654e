package org.transcriptsearch.localnode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which port the local node is given: the wanted one only if the node could listen there. */
class LocalNodePortTest {
    @TempDir
    Path home;

    @Test
    void aFreePortIsTakenAsWanted() throws IOException {
        int free;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(NodeProcess.LOOPBACK))) {
            free = s.getLocalPort();
        }
        List<String> said = new ArrayList<>();
        assertEquals(free, node(free).choosePort(said::add));
        assertEquals(List.of(), said);
    }

    /**
     * The local end of another program's connection: nothing answers on it, yet it cannot be bound, and
     * Elasticsearch would fail to start there ("failed to start (exit 1)"). The node goes to the next free port.
     */
    @Test
    void aPortThatRefusesConnectionsButCannotBeBoundIsPassedOver() throws IOException {
        try (ServerSocket peer = new ServerSocket(0, 1, InetAddress.getByName(NodeProcess.LOOPBACK));
             Socket outgoing = new Socket(InetAddress.getByName(NodeProcess.LOOPBACK), peer.getLocalPort())) {
            int taken = outgoing.getLocalPort();
            assertTrue(!NodeProcess.portInUse(taken), "nothing answers on the local end of a connection");
            List<String> said = new ArrayList<>();
            int chosen = node(taken).choosePort(said::add);
            assertNotEquals(taken, chosen);
            assertTrue(chosen > taken && chosen < taken + 100, "the next free one: " + chosen);
            assertEquals(1, said.size(), said.toString());
            assertTrue(said.get(0).startsWith("Port " + taken + " is held by another program (nothing answers there, "
                    + "but the port cannot be bound); it is not used. Starting the local node on port " + chosen + " instead."),
                    said.get(0));
        }
    }

    private LocalNode node(int port) {
        return new LocalNode(new NodeHome(home), Map.of("TRANSCRIPTS_ES_PORT", Integer.toString(port)));
    }
}
