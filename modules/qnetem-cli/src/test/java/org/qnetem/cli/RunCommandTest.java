package org.qnetem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qnetem.kms.pool.LinkKeyPool;
import org.qnetem.runtime.report.ReportWriter;
import org.qnetem.runtime.report.RunReport;

class RunCommandTest {

    private static final String TWO_NODE = "../../config/two-node.conf";

    @TempDir
    Path temp;

    private final CommandUnderTest command = new CommandUnderTest();

    private int qnetem(String... args) {
        return command.execute(args);
    }

    @Test
    void runsTheTwoNodeLinkAndWritesItsReport() throws IOException {
        Path report = temp.resolve("reports/r.json");
        int exit = qnetem("run", TWO_NODE, "--duration", "400ms", "--seed", "3", "--quiet", "--report",
                report.toString());
        assertEquals(0, exit, command.err());
        assertTrue(command.out().contains("ALICE-BOB"), command.out());
        assertTrue(command.out().lines().anyMatch(line -> line.matches("ALICE +BOB \\d\\.\\d+e\\+0\\d")),
                "ALICE's key pool for BOB in the table: " + command.out());
        RunReport written = ReportWriter.read(report);
        assertEquals("two-node", written.topology());
        assertEquals(3, written.seed());
        assertEquals("fast", written.mode());
        assertEquals(0.4, written.emulatedSeconds(), 1e-12);
        RunReport.LinkReport link = written.links().get(0);
        assertEquals(400_000_000L, link.pulses());
        assertTrue(link.siftedBits() > 0);
        assertEquals(link.qber(), link.groundTruthQber());
        for (String invariant : List.of("sift_length_mismatches", "mismatched_keys", "keys_delivered_twice",
                "keys_from_aborted_blocks")) {
            assertEquals(0L, written.invariants().get(invariant), invariant);
        }
        assertEquals(2, link.blocks(), "0.4 s of the two-node link fill two 10^6-bit blocks");
        assertEquals(0, link.abortedBlocks());
        assertTrue(link.keyDigest().matches("sha256:[0-9a-f]{64}"), link.keyDigest());
        long secretBits = 0;
        long suppliedBits = 0;
        long ownShareBits = 0;
        for (RunReport.KeyBlockReport block : link.keyBlocks()) {
            long bytes = block.deliveredBits() / 8;
            suppliedBits += 8 * bytes;
            ownShareBits += 8 * ((bytes - LinkKeyPool.authenticationBytes((int) bytes)) / 2);
            assertTrue(block.terms().keySet().containsAll(List.of("s_x0", "s_x1", "phi_x", "leaked_ec")));
            assertEquals((double) block.leakedBits(), block.terms().get("leaked_ec"));
            assertEquals((long) Math.floor(block.lengthBound()), block.secretBits());
            assertEquals(block.secretBits(), block.deliveredBits() + block.authenticationRefillBits());
            secretBits += block.secretBits();
        }
        assertEquals(secretBits / 0.4, link.secretKeyRateBps(), 1e-6);
        // The KME's pool for BOB got every block's delivered key (whole bytes) and owns half of what is left
        // after its authentication key.
        RunReport.PoolReport pool = written.nodes().get(0).pools().get("BOB");
        assertEquals(suppliedBits, pool.suppliedBits());
        assertTrue(secretBits - link.authenticationRefillBits() - suppliedBits < 8 * link.keyBlocks().size());
        assertEquals(ownShareBits, pool.bits());
        assertEquals(1, written.kmes().stream().filter(k -> k.id().equals("ALICE")).count());
    }

    @Test
    void fidelityOverridesEveryLinkAndTheReportShowsIt() throws IOException {
        Path report = temp.resolve("statistical.json");
        int exit = qnetem("run", TWO_NODE, "--duration", "1s", "--seed", "3", "--quiet", "--fidelity", "statistical",
                "--report", report.toString());
        assertEquals(0, exit, command.err());
        RunReport written = ReportWriter.read(report);
        RunReport.LinkReport link = written.links().get(0);
        assertEquals("statistical", link.fidelity());
        assertEquals(1_000_000_000L, link.pulses());
        assertTrue(link.blocks() >= 5, "blocks " + link.blocks());
        assertEquals(0, link.authenticationRefillBits());
        assertTrue(link.keyDigest().matches("sha256:[0-9a-f]{64}"), link.keyDigest());
        written.invariants().forEach((name, count) -> assertEquals(0L, count, name));
        assertEquals(Qnetem.EXIT_USAGE, qnetem("run", TWO_NODE, "--fidelity", "approximate"));
        assertTrue(command.err().contains("expected full, statistical or as-configured, got 'approximate'"),
                command.err());
    }

    @Test
    void anUnknownOptionPrintsUsage() {
        assertEquals(Qnetem.EXIT_USAGE, qnetem("run", "--bogus"));
        assertTrue(command.err().contains("Unknown option: '--bogus'"), command.err());
        assertTrue(command.err().contains("Usage: qnetem run"), command.err());
    }

    @Test
    void badValuesAreNamed() {
        assertEquals(Qnetem.EXIT_USAGE, qnetem("run", TWO_NODE, "--duration", "ten"));
        assertTrue(command.err().contains("'ten' is not a duration"), command.err());
        assertEquals(Qnetem.EXIT_USAGE, qnetem("run", TWO_NODE, "--mode", "slow"));
        assertTrue(command.err().contains("expected fast or realtime, got 'slow'"), command.err());
        assertEquals(Qnetem.EXIT_USAGE, qnetem("run", TWO_NODE, "--mode", "realtime", "--speed", "0"));
        assertTrue(command.err().contains("'--speed': must be a positive number"), command.err());
    }

    @Test
    void clusterOptionsAreCheckedBeforeAnythingStartsAndEachProblemNamesItsOption() {
        assertEquals(Qnetem.EXIT_USAGE, qnetem("run", TWO_NODE, "--cluster"));
        assertTrue(command.err().contains("Missing option '--seed-nodes': --cluster needs the members to join"),
                command.err());
        command.clear();
        assertEquals(Qnetem.EXIT_USAGE, qnetem("run", TWO_NODE, "--cluster", "--seed-nodes", "127.0.0.1:7355",
                "--min-members", "0"));
        assertTrue(command.err().contains("'--min-members': must be at least 1, got 0"), command.err());
        command.clear();
        assertEquals(Qnetem.EXIT_USAGE, qnetem("run", TWO_NODE, "--cluster", "--seed-nodes", "127.0.0.1:7355,node2"));
        assertTrue(command.err().contains("--seed-nodes: 'node2' is not host:port"), command.err());
        command.clear();
        assertEquals(Qnetem.EXIT_USAGE, qnetem("run", TWO_NODE, "--cluster", "--seed-nodes", "127.0.0.1:99999"));
        assertTrue(command.err().contains("--seed-nodes: '127.0.0.1:99999': port must be 1..65535"), command.err());
        command.clear();
        assertEquals(Qnetem.EXIT_USAGE, qnetem("run", TWO_NODE, "--cluster", "--seed-nodes", "127.0.0.1:7355",
                "--port", "70000"));
        assertTrue(command.err().contains("'--port': must be 0..65535, got 70000"), command.err());
        command.clear();
        assertEquals(Qnetem.EXIT_USAGE, qnetem("run", TWO_NODE, "--cluster", "--seed-nodes", "127.0.0.1:7355",
                "--host", "::1"));
        assertTrue(command.err().contains("'--host': expected a host name or IPv4 address, got '::1'"), command.err());
        command.clear();
        assertEquals(Qnetem.EXIT_USAGE, qnetem("run", TWO_NODE, "--min-members", "3"));
        assertTrue(command.err().contains("Option '--min-members' is for cluster runs: add --cluster"), command.err());
        assertFalse(command.out().contains("RTF"), "no run started");
    }

    /**
     * Nothing listens on the seed node, so no member ever joins: the run fails after
     * qnetem.cluster.member-timeout (lowered here), saying how many members it found and what it asked for.
     */
    @Test
    void aClusterRunWithoutMembersFailsSayingSo() {
        String before = System.getProperty("qnetem.cluster.member-timeout");
        System.setProperty("qnetem.cluster.member-timeout", "3s");
        ConfigFactory.invalidateCaches();
        try {
            assertEquals(Qnetem.EXIT_FAILURE, qnetem("run", TWO_NODE, "--duration", "1s", "--quiet", "--cluster",
                    "--seed-nodes", "127.0.0.1:1", "--min-members", "2"));
        } finally {
            if (before == null) {
                System.clearProperty("qnetem.cluster.member-timeout");
            } else {
                System.setProperty("qnetem.cluster.member-timeout", before);
            }
            ConfigFactory.invalidateCaches();
        }
        assertTrue(command.err().contains("qnetem run: the run failed: "), command.err());
        assertTrue(command.err().contains("members started with 'qnetem node' that [127.0.0.1:1] (--seed-nodes)"
                + " lead to"), command.err());
    }

    @Test
    void aScenarioAppliesItsFaultsAndTheReportShowsThem() throws IOException {
        Path scenario = temp.resolve("s.conf");
        Files.writeString(scenario, "faults = [ { at = 100ms, until = 300ms, fault = cut, link = \"ALICE-BOB\" } ]");
        Path report = temp.resolve("r.json");
        int exit = qnetem("run", TWO_NODE, "--duration", "400ms", "--quiet", "--fidelity", "statistical",
                "--scenario", scenario.toString(), "--report", report.toString());
        assertEquals(0, exit, command.err());
        assertTrue(command.out().contains("fault 1 fibre cut on ALICE-BOB: applied 0.100 s"), command.out());
        RunReport read = ReportWriter.read(report);
        assertEquals(List.of("cut"), read.faults().stream().map(RunReport.FaultReport::kind).toList());
        assertEquals(0.3, read.faults().get(0).clearedSeconds());
        assertTrue(read.events().stream().anyMatch(e -> e.type().equals("fault-applied") && e.fault() == 1));
    }

    @Test
    void anInvalidScenarioIsRefusedWithFilePathAndReason() throws IOException {
        Path scenario = temp.resolve("s.conf");
        Files.writeString(scenario, "faults = [ { at = 1s, fault = cut, link = \"ALICE-CAROL\" } ]");
        assertEquals(Qnetem.EXIT_USAGE, qnetem("run", TWO_NODE, "--scenario", scenario.toString()));
        assertTrue(command.err().contains("qnetem run: invalid scenario\n" + scenario
                + ": faults[0].link: fault 'cut': no link 'ALICE-CAROL' in topology two-node (line 1)"), command.err());
    }

    @Test
    void injectRefusesABadTargetAndSaysWhenTheApiIsUnreachable() {
        assertEquals(Qnetem.EXIT_USAGE, qnetem("inject", "--target", "localhost", "cut", "--link", "X"));
        assertTrue(command.err().contains("expected HOST:PORT"), command.err());
        command.clear();
        assertEquals(Qnetem.EXIT_FAILURE, qnetem("inject", "--target", "127.0.0.1:1", "cut", "--link", "X"));
        assertTrue(command.err().contains("cannot reach the operator API at http://127.0.0.1:1"), command.err());
    }

    @Test
    void anInvalidTopologyIsRefusedWithFilePathAndReason() throws IOException {
        Path bad = temp.resolve("bad.conf");
        Files.writeString(bad, Files.readString(Path.of(TWO_NODE)).replace("length-km = 25", "length-km = -5")
                .replace("b = \"BOB\"", "b = \"CAROL\""));
        Path report = temp.resolve("r.json");
        assertEquals(Qnetem.EXIT_USAGE, qnetem("run", bad.toString(), "--report", report.toString()));
        String message = command.err();
        assertTrue(message.contains(bad + ": topology.links[0].fibre.length-km: must be >= 0"), message);
        assertTrue(message.contains(bad + ": topology.links[0].b: unknown node 'CAROL'"), message);
        assertFalse(message.contains("\tat "), "no stack trace: " + message);
        assertFalse(Files.exists(report), "no report from a run that never started");
    }

    @Test
    void aLinkWhoseAuthenticationKeyRunsOutFailsTheRunNamingTheLinkAndTheSetting() throws IOException {
        Path starved = temp.resolve("starved.conf");
        Files.writeString(starved, Files.readString(Path.of(TWO_NODE))
                .replace("pre-shared-key-bits = 1048576", "pre-shared-key-bits = 4096"));
        Path report = temp.resolve("r.json");
        int exit = qnetem("run", starved.toString(), "--duration", "400ms", "--quiet", "--report",
                report.toString());
        assertEquals(Qnetem.EXIT_FAILURE, exit);
        String message = command.err();
        assertTrue(message.contains("link ALICE-BOB: authentication key exhausted"), message);
        assertTrue(message.contains("authentication.pre-shared-key-bits"), message);
        assertFalse(message.contains("\tat "), "no stack trace: " + message);
        assertFalse(Files.exists(report), "no report from a failed run");
    }

    @Test
    void aReportThatCannotBeWrittenIsRefusedBeforeTheRunAndLeavesNothingBehind() throws IOException {
        Path blocker = temp.resolve("not-a-directory");
        Files.writeString(blocker, "a file where the report's directory should be");
        int exit = qnetem("run", TWO_NODE, "--duration", "50ms", "--quiet", "--report",
                blocker.resolve("r.json").toString());
        assertEquals(Qnetem.EXIT_USAGE, exit);
        assertTrue(command.err().contains("cannot write the report to " + blocker.resolve("r.json")), command.err());
        assertFalse(command.out().contains("ALICE-BOB"), "the run must not start: " + command.out());
        try (var files = Files.list(temp)) {
            assertEquals(1, files.count(), "only the blocking file remains");
        }
    }
}
