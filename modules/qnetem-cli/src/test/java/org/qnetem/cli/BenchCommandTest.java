package org.qnetem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The bench command's inputs and output; its figures are measurements, so only their presence is checked. */
class BenchCommandTest {

    private final CommandUnderTest command = new CommandUnderTest();

    @Test
    void runsAGeneratedNetworkAndReportsRtfHeapKeyAndInvariants() {
        int exit = command.execute("bench", "--nodes", "30", "--duration", "200ms", "--seed", "3");
        assertEquals(0, exit, command.err());
        String out = command.out();
        assertTrue(out.startsWith("bench generated-n30-s3: 30 nodes, "), out);
        assertTrue(out.contains("fidelity statistical, seed 3"), out);
        assertTrue(out.contains("0.200 emulated s in "), out);
        assertTrue(out.contains("fast mode: RTF "), out);
        assertTrue(out.contains("process CPU s during the run"), out);
        assertTrue(out.contains("heap   peak used after GC "), out);
        assertTrue(out.contains("invariants: all 0"), out);
    }

    @Test
    void runsATopologyFileWithItsFidelityOverridden() {
        int exit = command.execute("bench", "../../config/two-node.conf", "--duration", "100ms", "--fidelity",
                "statistical");
        assertEquals(0, exit, command.err());
        assertTrue(command.out().startsWith("bench two-node: 2 nodes, 1 links, fidelity statistical"), command.out());
    }

    @Test
    void needsEitherATopologyOrANodeCountButNotBoth() {
        assertEquals(Qnetem.EXIT_USAGE, command.execute("bench"));
        assertTrue(command.err().contains("give either a TOPOLOGY file or --nodes N, not neither"), command.err());
        assertEquals(Qnetem.EXIT_USAGE, command.execute("bench", "../../config/two-node.conf", "--nodes", "10"));
        assertTrue(command.err().contains("not both"), command.err());
        assertEquals(Qnetem.EXIT_USAGE, command.execute("bench", "--nodes", "1"));
        assertTrue(command.err().contains("--nodes must be at least 2, got 1"), command.err());
    }
}
