package org.qnetem.runtime.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.qnetem.physics.batch.Bbm92Expectation;
import org.qnetem.runtime.QnetemConfig;
import org.qnetem.runtime.clock.ClockMode;
import org.qnetem.runtime.clock.ClockSettings;
import org.qnetem.runtime.clock.ProgressListener;
import org.qnetem.runtime.link.KeyStatistics;
import org.qnetem.runtime.link.LinkStatistics;
import org.qnetem.runtime.report.RunReport;
import org.qnetem.runtime.report.RunReports;
import org.qnetem.runtime.topology.LinkSpec;
import org.qnetem.runtime.topology.Topology;
import org.qnetem.runtime.topology.TopologyLoader;

/**
 * The shipped BBM92 topology (REFERENCE §4.5b: a CW pair source in the middle of 10 km) with both ends
 * and the link as actors, every message through its real serializer. Blocks of 10^5 instead of the
 * file's 10^6 bits so that one emulated second holds two of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Bbm92LinkTest {

    private static final double SIGMAS = 5;
    private static final long DURATION_PS = 1_000_000_000_000L;
    private static final long EPOCH_PS = 50_000_000_000L;

    private Topology topology;
    private LinkSpec link;
    private RunResult fast;

    @BeforeAll
    void runOnce() {
        Topology shipped = TopologyLoader.load(Path.of("../../config/two-node-bbm92.conf"));
        LinkSpec file = shipped.links().get(0);
        link = new LinkSpec(file.id(), file.transmitterId(), file.receiverId(), file.protocol(), file.fidelity(),
                file.batchPulses(), file.fibre(), file.source(), file.sourcePositionKm(), file.receiver(),
                file.basisChoice(), file.postProcessing().withKeyBlockBits(100_000));
        topology = new Topology(shipped.name(), shipped.description(), shipped.nodes(), List.of(link),
                shipped.source());
        fast = run(42);
    }

    private RunResult run(long seed) {
        RunSettings settings = new RunSettings(seed, new ClockSettings(ClockMode.FAST, 1.0, DURATION_PS, EPOCH_PS));
        return Emulation.run(topology, settings, ProgressListener.NONE, QnetemConfig.load());
    }

    @Test
    void coincidencesQberAndSiftedRateMatchTheModel() {
        LinkStatistics measured = fast.links().get(0);
        Bbm92Expectation expected = Bbm92Expectation.of(link.source(), link.armA(), link.armB(), 0);
        double n = measured.pulses();
        assertEquals(Math.round(link.source().clockHz() * DURATION_PS / 1e12), measured.pulses());

        double c = expected.coincidenceProbability();
        assertWithin(measured.detections(), n * c, Math.sqrt(n * c), "coincidences");

        double s = expected.matchedBasisProbability();
        assertWithin(measured.siftedBits(), n * s, Math.sqrt(n * s), "sifted bits");

        double q = expected.qber();
        assertWithin(measured.qber(), q, Math.sqrt(q * (1 - q) / measured.siftedBits()), "QBER");
    }

    @Test
    void siftedBitsOfBothEndsDifferExactlyWhereThePairsErred() {
        LinkStatistics measured = fast.links().get(0);
        assertEquals(0, measured.siftLengthMismatches());
        assertEquals(measured.groundTruthMatched(), measured.siftedBits());
        assertEquals(measured.groundTruthMatchedErrors(), measured.siftedErrors());
    }

    @Test
    void bothEndsFinishTheRunsKeyBlocksWithTheSameKey() {
        KeyStatistics keys = fast.links().get(0).keys();
        assertTrue(keys.blocks() >= 1, "blocks " + keys.blocks());
        assertEquals(0, keys.abortedBlocks());
        assertEquals(0, keys.mismatchedKeys());
        assertEquals(0, keys.keysFromAbortedBlocks());
        assertEquals(0, keys.keysDeliveredTwice());
        assertEquals(keys.secretBits(), keys.deliveredBits() + keys.refillBits());
    }

    @Test
    void theReportCarriesTheBbm92Expectations() {
        RunReport.LinkReport report = RunReports.of(fast).links().get(0);
        KeyStatistics keys = fast.links().get(0).keys();
        assertEquals("bbm92", report.protocol());
        Bbm92Expectation expected = Bbm92Expectation.of(link.source(), link.armA(), link.armB(), 0);
        assertEquals(expected.qber(), report.expectedQber());
        assertEquals(expected.siftedRateBps(), report.expectedSiftedRateBps());
        // Each block's secret bits against the expectation per block (a block's own counts fluctuate).
        double perBlock = report.expectedSecretKeyRateBps() * blockSeconds(report);
        double measuredPerBlock = (double) keys.secretBits() / keys.blocks();
        assertEquals(perBlock, measuredPerBlock, 0.1 * perBlock, "secret bits per block");
    }

    @Test
    void sameSeedSameResultOtherSeedOtherResult() {
        assertEquals(fast.links(), run(42).links());
        assertNotEquals(fast.links(), run(43).links());
    }

    /** Emulated seconds a block takes to fill: its key bits over the expected key-basis rate (half of sifted). */
    private double blockSeconds(RunReport.LinkReport report) {
        return link.postProcessing().keyBlockBits() / (report.expectedSiftedRateBps() / 2);
    }

    private static void assertWithin(double actual, double expected, double standardError, String what) {
        assertTrue(Math.abs(actual - expected) <= SIGMAS * standardError, String.format(
                "%s: measured %.6g, expected %.6g +- %.0f x %.3g", what, actual, expected, SIGMAS, standardError));
    }
}
