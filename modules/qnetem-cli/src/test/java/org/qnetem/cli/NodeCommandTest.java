package org.qnetem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** {@code qnetem node}'s refusals: each bad input or taken port exits 2 naming what is wrong. */
class NodeCommandTest {

    private final CommandUnderTest command = new CommandUnderTest();

    @Test
    void rejectsASeedNodeWithoutAPort() {
        assertEquals(2, command.execute("node", "--seed-nodes", "127.0.0.1:7355,10.0.0.2"));
        assertTrue(command.err().contains("--seed-nodes: '10.0.0.2' is not host:port"), command.err());
    }

    @Test
    void rejectsASeedNodePortThatIsNotANumberOrOutOfRange() {
        assertEquals(2, command.execute("node", "--seed-nodes", "127.0.0.1:seven"));
        assertTrue(command.err().contains("port 'seven' is not a number"), command.err());
        command.clear();
        assertEquals(2, command.execute("node", "--seed-nodes", "127.0.0.1:70000"));
        assertTrue(command.err().contains("port must be 1..65535, got 70000"), command.err());
    }

    @Test
    void requiresSeedNodesWithoutABootstrapProfile() {
        assertEquals(2, command.execute("node"));
        assertTrue(command.err().contains("--seed-nodes: required"), command.err());
    }

    @Test
    void refusesSeedNodesUnderTheKubernetesProfile() {
        assertEquals(2, command.execute("node", "--profile", "kubernetes", "--seed-nodes", "127.0.0.1:7355"));
        assertTrue(command.err().contains("the kubernetes profile finds members by cluster bootstrap"), command.err());
    }

    @Test
    void rejectsAnUnknownProfileAndABadPort() {
        assertEquals(2, command.execute("node", "--profile", "mesos", "--seed-nodes", "127.0.0.1:7355"));
        assertTrue(command.err().contains("unknown profile 'mesos'; known profiles: kubernetes"), command.err());
        command.clear();
        assertEquals(2, command.execute("node", "--seed-nodes", "127.0.0.1:7355", "--management-port", "-1"));
        assertTrue(command.err().contains("--management-port must be 0..65535, got -1"), command.err());
    }

    @Test
    void exitsTwoWhenTheArteryPortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertEquals(2, command.execute("node", "--seed-nodes", "127.0.0.1:" + port, "--port", String.valueOf(port),
                    "--management-port", "0"));
            assertTrue(command.err().contains("cannot start the member's Artery endpoint on 127.0.0.1:" + port),
                    command.err());
            assertTrue(command.err().contains("Address already in use"), command.err());
        }
    }

    @Test
    void exitsTwoWhenTheManagementPortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertEquals(2, command.execute("node", "--seed-nodes", "127.0.0.1:1", "--port", "0",
                    "--management-port", String.valueOf(port)));
            assertTrue(command.err().contains("cannot serve pekko-management on 127.0.0.1:" + port), command.err());
            assertTrue(command.err().contains("Address already in use"), command.err());
        }
    }
}
