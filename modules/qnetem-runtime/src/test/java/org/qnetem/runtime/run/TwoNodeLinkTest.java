package org.qnetem.runtime.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.qnetem.physics.model.Bb84Expectation;
import org.qnetem.runtime.QnetemConfig;
import org.qnetem.runtime.clock.ClockMode;
import org.qnetem.runtime.clock.ClockSettings;
import org.qnetem.runtime.clock.ProgressListener;
import org.qnetem.runtime.link.KeyStatistics;
import org.qnetem.runtime.link.LinkStatistics;
import org.qnetem.runtime.topology.LinkSpec;
import org.qnetem.runtime.topology.Topology;
import org.qnetem.runtime.topology.TopologyLoader;

/**
 * Alice, 25 km of fibre and Bob, each an actor, every message through its real serializer: the run's
 * QBER and sifted rate match the analytic model within statistical error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodeLinkTest {

    /** Tolerance of every statistical assertion, in standard errors. */
    private static final double SIGMAS = 5;
    private static final long DURATION_PS = 300_000_000_000L;
    private static final long EPOCH_PS = 50_000_000_000L;

    private Topology topology;
    private LinkSpec link;
    private RunResult fast;

    @BeforeAll
    void runOnce() {
        topology = TopologyLoader.load(Path.of("../../config/two-node.conf"));
        link = topology.links().get(0);
        fast = run(ClockMode.FAST, 42);
    }

    private RunResult run(ClockMode mode, long seed) {
        RunSettings settings = new RunSettings(seed, new ClockSettings(mode, 1.0, DURATION_PS, EPOCH_PS));
        return Emulation.run(topology, settings, ProgressListener.NONE, QnetemConfig.load());
    }

    @Test
    void emitsExactlyTheRunsPulses() {
        LinkStatistics measured = fast.links().get(0);
        assertEquals(Math.round(link.source().clockHz() * DURATION_PS / 1e12), measured.pulses());
        assertEquals(measured.pulses() / link.batchPulses(), measured.batches());
        assertEquals(6, fast.clock().epochs());
    }

    @Test
    void detectionsQberAndSiftedRateMatchTheModel() {
        LinkStatistics measured = fast.links().get(0);
        Bb84Expectation expected = new Bb84Expectation(link.weakCoherentSource(), link.fibre(), link.receiver());
        double n = measured.pulses();

        double p = expected.clickProbability();
        assertWithin(measured.detections(), n * p, Math.sqrt(n * p * (1 - p)), "detections");

        double s = expected.siftedPerPulse();
        assertWithin(measured.siftedBits(), n * s, Math.sqrt(n * s * (1 - s)), "sifted bits");

        double q = expected.qber();
        assertWithin(measured.qber(), q, Math.sqrt(q * (1 - q) / measured.siftedBits()), "QBER");
    }

    @Test
    void siftedBitsOfBothEndsDifferExactlyWhereTheChannelErred() {
        LinkStatistics measured = fast.links().get(0);
        assertEquals(0, measured.siftLengthMismatches());
        assertEquals(measured.groundTruthMatched(), measured.siftedBits());
        assertEquals(measured.groundTruthMatchedErrors(), measured.siftedErrors());
    }

    @Test
    void bothEndsFinishTheRunsKeyBlocksWithTheSameKey() {
        KeyStatistics keys = fast.links().get(0).keys();
        assertEquals(1, keys.blocks(), "0.3 s of the two-node link fill one 10^6-bit block");
        assertEquals(0, keys.abortedBlocks());
        assertEquals(0, keys.mismatchedKeys());
        assertEquals(0, keys.keysFromAbortedBlocks());
        assertEquals(0, keys.keysDeliveredTwice());
        assertTrue(keys.secretBits() > 200_000, "secret bits " + keys.secretBits());
        assertEquals(keys.secretBits(), keys.deliveredBits() + keys.refillBits());
        assertTrue(keys.refillBits() > 0, "the block pays back the authentication it used");
    }

    @Test
    void sameSeedSameResultOtherSeedOtherResult() {
        assertEquals(fast.links(), run(ClockMode.FAST, 42).links());
        assertNotEquals(fast.links(), run(ClockMode.FAST, 43).links());
    }

    @Test
    void realtimeModeIsPacedByTheWallClockAndGivesTheSameResult() {
        RunResult realtime = run(ClockMode.REALTIME, 42);
        assertTrue(realtime.clock().wallNanos() >= DURATION_PS / 1000,
                "a real-time run of 0.3 emulated s cannot end before 0.3 wall s; took "
                        + realtime.clock().wallSeconds() + " s");
        assertEquals(fast.links(), realtime.links());
    }

    private static void assertWithin(double actual, double expected, double standardError, String what) {
        assertTrue(Math.abs(actual - expected) <= SIGMAS * standardError, String.format(
                "%s: measured %.6g, expected %.6g +- %.0f x %.3g", what, actual, expected, SIGMAS, standardError));
    }
}
