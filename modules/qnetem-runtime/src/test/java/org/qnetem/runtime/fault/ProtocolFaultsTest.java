package org.qnetem.runtime.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qnetem.runtime.fault.FaultRuns.SECOND;
import static org.qnetem.runtime.fault.FaultRuns.assertInvariantsZero;
import static org.qnetem.runtime.fault.FaultRuns.delivered;
import static org.qnetem.runtime.fault.FaultRuns.events;
import static org.qnetem.runtime.fault.FaultRuns.link;
import static org.qnetem.runtime.fault.FaultRuns.run;
import static org.qnetem.runtime.fault.FaultRuns.twoNode;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.runtime.link.BlockRecord;
import org.qnetem.runtime.report.ReportWriter;
import org.qnetem.runtime.report.RunReport;
import org.qnetem.runtime.report.RunReports;
import org.qnetem.runtime.run.RunResult;

/**
 * Faults below the quantum layer: a crashed node, a partitioned classical channel, and a storm of every
 * kind of fault; the invariants (no key at one end only, none twice, none mismatched) hold throughout.
 */
class ProtocolFaultsTest {

    @Test
    void aNodeCrashAbortsTheBlocksInFlightAtBothEndsAndTheLinkStartsNewOnesAfterTheRestart() {
        RunResult result = run(twoNode("full"), "faults = [ { at = 1s, until = 2s, fault = node-crash, node = BOB } ]",
                3 * SECOND, 13);
        List<BlockRecord> crashed = List.of(link(result).keys().aborted()).stream()
                .filter(b -> b.abortReason().contains("node BOB crashed")).toList();
        assertFalse(crashed.isEmpty(), "blocks in flight at the crash are aborted");
        crashed.forEach(b -> assertEquals(SECOND, b.finishedAtPs(), "at the crash"));
        assertEquals(1, events(result, "link-stopped").size());
        assertEquals(1, events(result, "link-restarted").size());
        assertTrue(delivered(result).stream().anyMatch(b -> b.detail().openedAtPs() >= 2 * SECOND),
                "new blocks after the restart");
        assertFalse(delivered(result).stream().anyMatch(b -> b.finishedAtPs() > SECOND && b.finishedAtPs() < 2 * SECOND),
                "no key while BOB is down");
        assertInvariantsZero(result);
    }

    @Test
    void aPartitionTimesOutTheBlockInFlightAtBothEndsThenKeyResumes() {
        // 10 ms more latency keeps a block's Cascade in flight at any instant, so the partition catches one.
        RunResult result = run(twoNode("full"), """
                faults = [
                  { at = 0s, fault = classical-latency, link = "ALICE-BOB", extra = 10ms }
                  { at = 2s, until = 3500ms, fault = partition, link = "ALICE-BOB" }
                ]""", 5 * SECOND, 17);
        // The block in flight when the partition starts hears nothing more; with a 1 s timeout its ends give it
        // up by the boundary at 3 s, before the partition heals at 3.5 s. (Timeouts are judged at epoch
        // boundaries: on a heavily loaded machine a block's messages can lag the clock by more than so short
        // a timeout and abort another block too, never breaking an invariant; the default is 10 s.)
        List<Event> aborted = events(result, "block-aborted");
        aborted.forEach(e -> assertTrue(e.detail().contains("timed out"), e.detail()));
        assertTrue(aborted.stream().anyMatch(e -> e.timePs() >= 2 * SECOND && e.timePs() <= 3 * SECOND),
                "the partition aborts the block in flight: " + aborted);
        assertTrue(delivered(result).stream().anyMatch(b -> b.detail().openedAtPs() >= 3500 * SECOND / 1000),
                "blocks opened after the partition deliver key");
        assertEquals(1, events(result, "key-recovered").size(), "key recovered once the partition healed");
        assertInvariantsZero(result);
    }

    @Test
    void aStormOfFaultsAtRandomTimesKeepsEveryInvariantAtZero() {
        RandomStream random = new RandomStream(new StreamKey(2026, "storm", "faults", 0));
        String[] kinds = {"cut", "loss-ramp", "intercept-resend", "photon-number-splitting", "blinding",
            "dark-count-storm", "detector-failure", "classical-latency", "classical-loss", "partition", "node-crash"};
        StringBuilder scenario = new StringBuilder("faults = [\n");
        for (int i = 0; i < 16; i++) {
            String kind = kinds[(int) (random.nextDouble() * kinds.length)];
            double at = 3.5 * random.nextDouble();
            double until = at + 0.1 + random.nextDouble();
            String target = kind.equals("node-crash") ? "node = " + (random.nextDouble() < 0.5 ? "ALICE" : "BOB")
                    : "link = ALICE-BOB";
            String extra = switch (kind) {
                case "loss-ramp" -> ", extra-db = 8, ramp = 300ms";
                case "intercept-resend" -> ", fraction = 0.3";
                case "blinding" -> ", monitor = " + (random.nextDouble() < 0.5);
                case "dark-count-storm" -> ", factor = 50";
                case "classical-latency" -> ", extra = 2ms";
                case "classical-loss" -> ", probability = 0.2, retransmit = 5ms";
                default -> "";
            };
            scenario.append(String.format(Locale.ROOT, "  { at = %.3fs, until = %.3fs, fault = %s, %s%s }%n",
                    at, until, kind, target, extra));
        }
        RunResult result = run(twoNode("full"), scenario.append("]").toString(), 4 * SECOND, 19);
        assertEquals(16, result.faultEvents().stream().filter(e -> e.type().equals("fault-applied")).count(),
                "every fault applied:\n" + scenario);
        assertInvariantsZero(result);
    }

    @Test
    void theSameSeedAndScenarioGiveTheSameReport() {
        String scenario = """
                faults = [
                  { at = 1s, until = 2s, fault = intercept-resend, link = "ALICE-BOB", fraction = 0.5 }
                  { at = 2500ms, fault = cut, link = "ALICE-BOB" }
                  { at = 3s, fault = restore, link = "ALICE-BOB" }
                  { at = 3500ms, until = 4500ms, fault = node-crash, node = ALICE }
                  { at = 5s, until = 6s, fault = blinding, link = "ALICE-BOB" }
                ]""";
        String first = comparable(run(twoNode("statistical"), scenario, 7 * SECOND, 23));
        String second = comparable(run(twoNode("statistical"), scenario, 7 * SECOND, 23));
        assertEquals(first, second);
        assertTrue(first.contains("\"type\" : \"qber-alarm\"") && first.contains("\"type\" : \"link-stopped\""), first);
    }

    /** The report as JSON without the wall-clock figures, which differ between any two runs. */
    private static String comparable(RunResult result) {
        RunReport r = RunReports.of(result);
        return ReportWriter.toJson(new RunReport(r.topology(), r.topologyFile(), r.seed(), r.mode(), r.speed(),
                r.emulatedSeconds(), 0, 0, r.lagMs(), r.links(), r.nodes(), r.kmes(), r.invariants(), r.events(), r.faults(),
                r.groundTruth(), r.cluster(), r.lost()));
    }
}
