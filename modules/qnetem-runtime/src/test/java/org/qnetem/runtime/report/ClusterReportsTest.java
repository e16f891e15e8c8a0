package org.qnetem.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.qnetem.kms.KmeCounters;
import org.qnetem.kms.KmePool;
import org.qnetem.kms.RefusalReason;
import org.qnetem.runtime.clock.ClockMode;
import org.qnetem.runtime.clock.ClockSettings;
import org.qnetem.runtime.clock.ClockSummary;
import org.qnetem.runtime.cluster.ClusterSummary;
import org.qnetem.runtime.cluster.RunHost;
import org.qnetem.runtime.kms.KmeReport;
import org.qnetem.runtime.link.BlockRecord;
import org.qnetem.runtime.link.KeyStatistics;
import org.qnetem.runtime.link.LinkStatistics;
import org.qnetem.runtime.run.RunResult;
import org.qnetem.runtime.run.RunSettings;
import org.qnetem.runtime.topology.Topology;
import org.qnetem.runtime.topology.TopologyLoader;

/** The {@code cluster} section of the run report, from a hand-made cluster summary of a run of 4 wall seconds. */
class ClusterReportsTest {

    private static final String M1 = "pekko://qnetem@10.0.0.1:7355";
    private static final String M2 = "pekko://qnetem@10.0.0.2:7355";
    private static final Topology TOPOLOGY = TopologyLoader.parse("topology { name = \"t\", nodes = [{ id = A },"
            + " { id = B }, { id = C }], links = [" + link("A", "B") + link("B", "C") + "] }", "test");

    private static String link(String a, String b) {
        return """
                { a = "%s", b = "%s", fibre { length-km = 10 }
                  source { clock-hz = 1e9, intensities = [0.5, 0.1, 0.0002], probabilities = [0.8, 0.15, 0.05] }
                  receiver { detector-efficiency = 0.1, dark-count-per-gate = 6e-7 } }
                """.formatted(a, b);
    }

    private static RunResult run(Optional<ClusterSummary> cluster) {
        return new RunResult(TOPOLOGY,
                new RunSettings(1, new ClockSettings(ClockMode.FAST, 1, 8_000_000_000_000L, 50_000_000_000L)),
                new ClockSummary(160, 8_000_000_000_000L, 4_000_000_000L, 0),
                TOPOLOGY.links().stream().map(link -> idle(link.id())).toList(),
                TOPOLOGY.nodes().stream().map(node -> kme(node.id())).toList(), List.of(), List.of(), List.of(), cluster, List.of());
    }

    private static LinkStatistics idle(String linkId) {
        return new LinkStatistics(linkId, 0, 0, 0, 0, 0, 0, 0, 0, 0, new KeyStatistics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                "", new BlockRecord[0], new BlockRecord[0]));
    }

    private static KmeReport kme(String id) {
        return new KmeReport(id, new KmeCounters(0, 0, 0, 0, 0, 0, new long[RefusalReason.values().length]),
                new KmePool[0], 0);
    }

    /** Member 1 holds A and B and sends B-C's photon batches; member 2 holds C and answers with detections. */
    private static ClusterSummary summary() {
        return new ClusterSummary(List.of(M1, M2),
                List.of(new ClusterSummary.Region(0, M1, List.of("A", "B")), new ClusterSummary.Region(1, M2,
                        List.of("C"))),
                List.of("B-C"),
                List.of(new RunHost.MemberReport(M1, new int[] {0}, new String[] {"LinkActor$Transmit", "SiftMessage"},
                                new long[] {100, 20}, new long[] {50_000, 2_000}),
                        new RunHost.MemberReport(M2, new int[] {1}, new String[] {"NodeActor$DeliverDetections",
                                "SiftMessage"}, new long[] {100, 20}, new long[] {8_000, 1_000})));
    }

    @Test
    void membersRegionsCrossingLinksAndTrafficPerWallSecondPerMemberAndInTotal() {
        RunReport.ClusterReport cluster = RunReports.of(run(Optional.of(summary()))).cluster();

        assertEquals(List.of(M1, M2), cluster.members());
        assertEquals(List.of(new RunReport.RegionReport(0, M1, List.of("A", "B")),
                new RunReport.RegionReport(1, M2, List.of("C"))), cluster.regions());
        assertEquals(List.of("B-C"), cluster.crossingLinks());

        RunReport.TrafficReport first = cluster.traffic().get(0);
        assertEquals(M1, first.member());
        assertEquals(List.of(0), first.regions());
        assertEquals(120, first.messages());
        assertEquals(52_000, first.bytes());
        assertEquals(30.0, first.messagesPerSecond(), 1e-9);
        assertEquals(13_000.0, first.bytesPerSecond(), 1e-9);
        assertEquals(500.0, first.bytesPerPhotonBatch(), 1e-9);
        assertNull(first.bytesPerDetectionBatch(), "member 1 sent no detection batch");
        assertEquals(new RunReport.ClassTrafficReport(20, 2_000, 5.0, 500.0), first.byClass().get("SiftMessage"));

        RunReport.TrafficReport second = cluster.traffic().get(1);
        assertNull(second.bytesPerPhotonBatch());
        assertEquals(80.0, second.bytesPerDetectionBatch(), 1e-9);

        RunReport.TrafficReport total = cluster.total();
        assertNull(total.member());
        assertEquals(List.of(0, 1), total.regions());
        assertEquals(240, total.messages());
        assertEquals(61_000, total.bytes());
        assertEquals(60.0, total.messagesPerSecond(), 1e-9);
        assertEquals(15_250.0, total.bytesPerSecond(), 1e-9);
        assertEquals(500.0, total.bytesPerPhotonBatch(), 1e-9);
        assertEquals(80.0, total.bytesPerDetectionBatch(), 1e-9);
        assertEquals(new RunReport.ClassTrafficReport(40, 3_000, 10.0, 750.0), total.byClass().get("SiftMessage"));
        assertEquals(List.of("LinkActor$Transmit", "NodeActor$DeliverDetections", "SiftMessage"),
                List.copyOf(total.byClass().keySet()));
    }

    @Test
    void theJsonReportCarriesTheSectionInSnakeCaseAndAOneJvmRunHasItNull() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode cluster = json.readTree(ReportWriter.toJson(RunReports.of(run(Optional.of(summary()))))).get("cluster");
        assertEquals("B-C", cluster.get("crossing_links").get(0).asText());
        assertEquals(M2, cluster.get("regions").get(1).get("member").asText());
        JsonNode total = cluster.get("total");
        assertEquals(15_250.0, total.get("bytes_per_second").asDouble(), 1e-9);
        assertEquals(500.0, total.get("bytes_per_photon_batch").asDouble(), 1e-9);
        assertEquals(100, total.get("by_class").get("NodeActor$DeliverDetections").get("messages").asLong());
        assertTrue(cluster.get("traffic").get(1).get("bytes_per_photon_batch").isNull());

        JsonNode single = json.readTree(ReportWriter.toJson(RunReports.of(run(Optional.empty()))));
        assertTrue(single.has("cluster") && single.get("cluster").isNull());
    }

    @Test
    void theTableShowsRegionsAndEachMembersTrafficAndAOneJvmRunShowsNoClusterLines() {
        String table = ReportTable.render(RunReports.of(run(Optional.of(summary()))));
        assertTrue(table.contains("cluster: 2 members, 2 regions, 1 crossing links"), table);
        assertTrue(table.lines().anyMatch(line -> line.startsWith("region 1") && line.contains(M2)
                && line.endsWith("1 nodes")), table);
        assertTrue(table.lines().anyMatch(line -> line.startsWith(M1) && line.contains(" 52000 ")
                && line.contains(" 500.0 ")), table);
        assertTrue(table.lines().anyMatch(line -> line.startsWith("total") && line.contains(" 61000 ")
                && line.contains(" 80.0")), table);
        assertFalse(ReportTable.render(RunReports.of(run(Optional.empty()))).contains("cluster:"));
    }
}
