package org.qnetem.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qnetem.kms.KmeCounters;
import org.qnetem.kms.KmePool;
import org.qnetem.kms.RefusalReason;
import org.qnetem.runtime.kms.KmeReport;
import org.qnetem.runtime.clock.ClockMode;
import org.qnetem.runtime.clock.ClockSettings;
import org.qnetem.runtime.clock.ClockSummary;
import org.qnetem.runtime.link.BlockRecord;
import org.qnetem.runtime.link.KeyStatistics;
import org.qnetem.runtime.link.LinkStatistics;
import org.qnetem.runtime.run.RunResult;
import org.qnetem.runtime.run.RunSettings;
import org.qnetem.runtime.topology.LinkSpec;
import org.qnetem.runtime.topology.Topology;
import org.qnetem.runtime.topology.TopologyLoader;

/** The node part of the report on a network where nodes have several links, some to the same peer. */
class RunReportsNodesTest {

    private static String link(String a, String b) {
        return """
                { a = "%s", b = "%s", fibre { length-km = 10 }
                  source { clock-hz = 1e9, intensities = [0.5, 0.1, 0.0002], probabilities = [0.8, 0.15, 0.05] }
                  receiver { detector-efficiency = 0.1, dark-count-per-gate = 6e-7 } }
                """.formatted(a, b);
    }

    private static KeyStatistics delivering(long bits) {
        return new KeyStatistics(1, 0, 0, 0, 0, bits, 0, bits, 0, 0, 0, "", new BlockRecord[0], new BlockRecord[0]);
    }

    @Test
    void eachNodeListsItsLinksInTopologyOrderAndItsKmesPools() {
        Topology topology = TopologyLoader.parse("topology { name = \"t\", nodes = [{ id = A }, { id = B }, { id = C },"
                + " { id = D }], links = [" + link("A", "B") + link("C", "A") + link("B", "C") + link("A", "C")
                + "] }", "test");
        List<LinkStatistics> measured = new ArrayList<>();
        long bits = 1_000;
        for (LinkSpec spec : topology.links()) {
            LinkStatistics none = LinkStatistics.empty(spec.id());
            measured.add(new LinkStatistics(spec.id(), none.batches(), none.pulses(), none.detections(),
                    none.doubleClicks(), none.siftedBits(), none.siftedErrors(), none.groundTruthMatched(),
                    none.groundTruthMatchedErrors(), none.siftLengthMismatches(), delivering(bits)));
            bits *= 10;
        }
        RunResult result = new RunResult(topology,
                new RunSettings(1, new ClockSettings(ClockMode.FAST, 1, 1_000_000_000_000L, 50_000_000_000L)),
                new ClockSummary(20, 1_000_000_000_000L, 1_000_000_000L, 0), measured, List.of(
                        kme("A", new KmePool("B", 1_000, 2_000, 0, 1_000, 0, true, 0),
                                new KmePool("C", 1_010_000, 2_020_000, 0, 1_010_000, 0, true, 0)),
                        kme("B", new KmePool("A", 1_000, 2_000, 0, 1_000, 0, true, 0)),
                        kme("C", new KmePool("A", 1_010_000, 2_020_000, 0, 1_010_000, 0, true, 0),
                                new KmePool("B", 100_000, 200_000, 0, 100_000, 0, false, 0)),
                        kme("D")), List.of(), List.of(), List.of());

        List<RunReport.NodeReport> nodes = RunReports.of(result).nodes();

        RunReport.NodeReport a = nodes.get(0);
        assertEquals(List.of("A-B", "A-C"), a.transmitsOn());
        assertEquals(List.of("C-A"), a.receivesOn());
        assertEquals(List.of("B", "C"), List.copyOf(a.pools().keySet()), "peers in the KME's order");
        assertEquals(1_000, a.pools().get("B").bits());
        assertEquals(1_010_000, a.pools().get("C").bits());
        RunReport.NodeReport c = nodes.get(2);
        assertEquals(List.of("C-A"), c.transmitsOn());
        assertEquals(List.of("B-C", "A-C"), c.receivesOn());
        assertEquals(Map.of("A", 1_010_000L, "B", 100_000L), Map.of("A", c.pools().get("A").bits(),
                "B", c.pools().get("B").bits()));
        RunReport.NodeReport d = nodes.get(3);
        assertEquals(List.of(), d.transmitsOn());
        assertEquals(List.of(), d.receivesOn());
        assertEquals(Map.of(), d.pools(), "a node without links has no pools");
    }

    private static KmeReport kme(String id, KmePool... pools) {
        return new KmeReport(id, new KmeCounters(0, 0, 0, 0, 0, 0, new long[RefusalReason.values().length]), pools, 0);
    }
}
