package org.qnetem.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetem.runtime.QnetemConfig;
import org.qnetem.runtime.clock.ClockMode;
import org.qnetem.runtime.clock.ClockSettings;
import org.qnetem.runtime.clock.ProgressListener;
import org.qnetem.runtime.run.Emulation;
import org.qnetem.runtime.run.RunSettings;
import org.qnetem.runtime.topology.ScenarioLoader;
import org.qnetem.runtime.topology.Topology;
import org.qnetem.runtime.topology.TopologyLoader;

/**
 * The relay supply of an SAE pair that made no calls follows the key layer: on the ring A-B-C-D, with A-B
 * cut and D crashed from 1 s to 2 s, A's and C's applications have no path at all while both hold, and the
 * widest path's rate before and after.
 */
class PairSupplyTest {

    private static final long SECOND_PS = 1_000_000_000_000L;

    @Test
    void aPairWithNoPathHasNoSupplyWhileTheFaultsHold() {
        Topology ring = TopologyLoader.load(Path.of("src/test/resources/topology/ring-kms.conf"));
        RunSettings settings = new RunSettings(2, new ClockSettings(ClockMode.FAST, 1.0, 3 * SECOND_PS,
                SECOND_PS / 20), ScenarioLoader.parse("faults = [ { at = 1s, until = 2s, fault = cut, link = \"A-B\" },"
                + " { at = 1s, until = 2s, fault = node-crash, node = \"D\" } ]", "ring-scenario", ring));
        RunReport report = RunReports.of(Emulation.run(ring, settings, ProgressListener.NONE, QnetemConfig.load()));

        RunReport.FaultReport cut = report.faults().get(0);
        assertEquals(1, cut.saePairs().size());
        RunReport.SaePairSupplyReport pair = cut.saePairs().get(0);
        assertEquals(List.of("app-a", "app-c", "relay-supply"), List.of(pair.a(), pair.b(), pair.measure()));
        assertEquals(0.0, pair.duringBps(), "no way round while A-B is cut and D is down");
        assertTrue(pair.beforeBps() > 0 && pair.afterBps() > 0, pair.toString());
        // Before, both ways round are up: the supply is the wider of the two, each its narrower link's own share.
        double widest = 0;
        for (List<String> path : List.of(List.of("A-B", "B-C"), List.of("D-A", "C-D"))) {
            widest = Math.max(widest, path.stream().mapToDouble(link -> ownShareBps(report, link, 1.0))
                    .min().orElseThrow());
        }
        assertEquals(widest, pair.beforeBps(), 1e-9 * widest);
    }

    /** The own-share bits per second a link's blocks gave each end's KME in the first {@code seconds}. */
    private static double ownShareBps(RunReport report, String linkId, double seconds) {
        RunReport.LinkReport link = report.links().stream().filter(l -> l.id().equals(linkId)).findFirst()
                .orElseThrow();
        long bits = 0;
        for (RunReport.KeyBlockReport block : link.keyBlocks()) {
            if (block.finishedSeconds() < seconds) {
                int bytes = (int) (block.deliveredBits() / 8);
                bits += 8L * ((bytes - org.qnetem.kms.pool.LinkKeyPool.authenticationBytes(bytes)) / 2);
            }
        }
        return bits / seconds;
    }
}
