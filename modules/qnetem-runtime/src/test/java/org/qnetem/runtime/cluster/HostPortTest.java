package org.qnetem.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostPortTest {

    @Test
    void parsesACommaSeparatedListTrimmingSpaces() {
        assertEquals(List.of(new HostPort("10.0.0.1", 7355), new HostPort("qnetem-2", 7356)),
                HostPort.parseList("10.0.0.1:7355, qnetem-2:7356", "--seed-nodes"));
    }

    @Test
    void namesTheOptionAndTheEntryThatIsWrong() {
        assertEquals("--seed-nodes: 'qnetem-2' is not host:port", message("10.0.0.1:7355,qnetem-2"));
        assertEquals("--seed-nodes: ':7355' is not host:port", message(":7355"));
        assertEquals("--seed-nodes: 'h:' is not host:port", message("h:"));
        assertEquals("--seed-nodes: '' is not host:port", message("h:1,"));
        assertEquals("--seed-nodes: 'h:x1': port 'x1' is not a number", message("h:x1"));
        assertEquals("--seed-nodes: 'h:0': port must be 1..65535, got 0", message("h:0"));
        assertEquals("--seed-nodes: 'fe80::1:7355': 'fe80::1' is not a host name or IPv4 address",
                message("fe80::1:7355"));
        assertEquals("--seed-nodes: no seed node given; expected host:port[,host:port]", message(" "));
    }

    @Test
    void checksPortRanges() {
        assertThrows(IllegalArgumentException.class, () -> new HostPort("h", 65_536));
        assertEquals("--port must be 0..65535, got -1",
                assertThrows(IllegalArgumentException.class, () -> HostPort.checkPort(-1, "--port")).getMessage());
    }

    private static String message(String text) {
        return assertThrows(IllegalArgumentException.class, () -> HostPort.parseList(text, "--seed-nodes"))
                .getMessage();
    }
}
