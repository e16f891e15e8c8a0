package org.qnetem.runtime.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qnetem.runtime.QnetemConfig;
import org.qnetem.runtime.clock.ClockMode;
import org.qnetem.runtime.clock.ClockSettings;
import org.qnetem.runtime.clock.ProgressListener;
import org.qnetem.runtime.report.RunReport;
import org.qnetem.runtime.report.RunReports;
import org.qnetem.runtime.topology.Topology;
import org.qnetem.runtime.topology.TopologyLoader;

/**
 * A Micius-like satellite downlink run through a pass, every message through its real serializer: the
 * detections and QBER match the pass's model averaged over the run, key blocks close during the pass with
 * every invariant 0, and a run between passes detects nothing.
 */
class SatelliteLinkRunTest {

    /** Tolerance of every statistical assertion, in standard errors. */
    private static final double SIGMAS = 5;
    private static final long SECOND_PS = 1_000_000_000_000L;
    private static final long EPOCH_PS = 50_000_000_000L;

    private static Topology downlink(double culminationSeconds) {
        return TopologyLoader.parse("""
                topology {
                  name = "sat"
                  nodes = [
                    { id = "SAT", roles = [trusted-relay] }
                    { id = "GS", roles = [ground-station] }
                  ]
                  links = [
                    {
                      a = "SAT", b = "GS", kind = satellite, batch-pulses = 1000000
                      satellite { max-elevation-deg = 60, first-culmination-s = %s, pass-interval-s = 86400 }
                      source { clock-hz = 1e8, intensities = [0.8, 0.1, 0.0], probabilities = [0.5, 0.25, 0.25] }
                      receiver { detector-efficiency = 0.5, dark-count-per-gate = 1e-7, misalignment = 0.01 }
                      post-processing { key-block-bits = 200000 }
                    }
                  ]
                }
                """.formatted(culminationSeconds), "sat.conf");
    }

    private static RunReport run(Topology topology, long seconds) {
        RunResult result = Emulation.run(topology,
                new RunSettings(11, new ClockSettings(ClockMode.FAST, 1, seconds * SECOND_PS, EPOCH_PS)),
                ProgressListener.NONE, QnetemConfig.load());
        return RunReports.of(result);
    }

    @Test
    void aPassGivesTheModelsDetectionsAndQberAndClosesBlocks() {
        // 120 s around the culmination: the rise and set are outside, so the loss varies by ~8 dB within the run.
        RunReport report = run(downlink(60), 120);
        RunReport.LinkReport link = report.links().get(0);
        double expected = link.expectedDetections();
        assertTrue(expected > 1e6, "the pass gives about 10^6 detections or more, expected " + expected);
        assertTrue(Math.abs(link.detections() - expected) <= SIGMAS * Math.sqrt(expected),
                link.detections() + " detections against " + expected);
        assertTrue(Math.abs(link.qber() - link.expectedQber()) <= SIGMAS * link.qberStderr(),
                "QBER " + link.qber() + " against " + link.expectedQber());
        assertTrue(link.blocks() >= 2, link.blocks() + " blocks");
        assertTrue(link.secretKeyRateBps() > 0);
        report.invariants().forEach((name, count) -> assertEquals(0L, count, name));
    }

    @Test
    void betweenPassesTheLinkDetectsNothingAndExpectsNothing() {
        RunReport.LinkReport link = run(downlink(10_000), 5).links().get(0);
        assertEquals(0, link.detections());
        assertEquals(0, link.expectedDetections());
        assertEquals(0, link.blocks());
        assertEquals(5 * 100_000_000L, link.pulses(), "the source's clock runs; nothing reaches the station");
    }
}
