package org.qnetem.physics.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qnetem.physics.model.Bb84Expectation;
import org.qnetem.physics.source.PulseStates;
import org.qnetem.physics.source.WeakCoherentSource;

/**
 * Sampled batches of the honest link without dead time or afterpulses against the closed forms of
 * {@link Bb84Expectation}, at fixed seeds. Pulses are then independent, so every observed frequency
 * is binomial and must lie within 4 binomial standard errors of its expectation.
 */
class Bb84BatchSamplerStatisticsTest {

    private static final double SIGMAS = 4;

    @Test
    void decoyLinkAt25KmMatchesTheExpectation() {
        Bb84Scenario link = Bb84Scenario.decoyLink(25, 6e-7);
        long pulses = 100_000_000;
        BatchSample sample = link.sample(3, pulses);
        assertMatchesExpectation(link, pulses, sample);
        assertConsistentWithAlice(link, sample);
    }

    @Test
    void highLossAndDarkCountsDriveTheQberTowardsOneHalf() {
        Bb84Scenario link = Bb84Scenario.decoyLink(200, 1e-4);
        Bb84Expectation expected = link.expectation();
        assertTrue(expected.qber() > 0.45, "expected QBER " + expected.qber());
        long pulses = 50_000_000;
        BatchSample sample = link.sample(4, pulses);
        assertMatchesExpectation(link, pulses, sample);
        assertConsistentWithAlice(link, sample);
    }

    @Test
    void nearlyCertainClicksStillThinTheWeakClass() {
        // p_max = 1 − e^−20 ≈ 1 − 2e-9: almost every pulse is a candidate; the weak class is thinned
        // and the strong one double-clicks often (p ≈ 0.18 matched, ≈ 1 mismatched).
        Bb84Scenario link = Bb84Scenario.lossless(new WeakCoherentSource(1e9,
                new double[] {20, 0.1}, new double[] {0.5, 0.5}, 0.5), 1e-6);
        long pulses = 1_000_000;
        BatchSample sample = link.sample(5, pulses);
        assertMatchesExpectation(link, pulses, sample);
        assertConsistentWithAlice(link, sample);
    }

    @Test
    void detectionsSpreadEvenlyOverTheBatch() {
        long pulses = 20_000_000;
        DetectionBatch detections = Bb84Scenario.decoyLink(25, 6e-7).sample(6, pulses).detections();
        long firstHalf = 0;
        for (int d = 0; d < detections.count(); d++) {
            if (detections.pulseIndex(d) < pulses / 2) {
                firstHalf++;
            }
        }
        assertFraction(0.5, firstHalf, detections.count(), "detections in the first half");
    }

    /**
     * Batches 10 and 11 share no randomness: a pulse clicks in both as often as two independent
     * pulses would (Q̄², not Σ p_k Q_k² as if Alice had reused her classes, 17 % more here), and where
     * both click Bob's outcomes agree half the time.
     */
    @Test
    void differentBatchNumbersGiveIndependentBatches() {
        Bb84Scenario link = Bb84Scenario.decoyLink(0, 6e-7);
        long pulses = 2_000_000;
        DetectionBatch a = link.sample(10, pulses).detections();
        DetectionBatch b = link.sample(11, pulses).detections();
        long both = 0;
        long sameOutcome = 0;
        int j = 0;
        for (int i = 0; i < a.count(); i++) {
            while (j < b.count() && b.pulseIndex(j) < a.pulseIndex(i)) {
                j++;
            }
            if (j < b.count() && b.pulseIndex(j) == a.pulseIndex(i)) {
                both++;
                if (a.outcomes().bit(i) == b.outcomes().bit(j)) {
                    sameOutcome++;
                }
            }
        }
        double q = link.expectation().clickProbability();
        assertFraction(q * q, both, pulses, "pulses clicking in both batches");
        assertFraction(0.5, sameOutcome, both, "equal outcomes where both click");
    }

    static void assertMatchesExpectation(Bb84Scenario link, long pulses, BatchSample sample) {
        Bb84Expectation expected = link.expectation();
        GroundTruth truth = sample.truth();
        assertFraction(expected.clickProbability(), truth.detections(), pulses, "detections per pulse");
        assertFraction(expected.doubleClickProbability(), truth.doubleClicks(), pulses, "double clicks per pulse");
        assertFraction(expected.basisMatchProbability(), truth.matchedBasis(), truth.detections(),
                "matched-basis fraction");
        assertFraction(expected.qber(), truth.matchedBasisErrors(), truth.matchedBasis(), "matched-basis QBER");
        for (int k = 0; k < link.source().classCount(); k++) {
            double share = link.source().probability(k) * expected.clickProbability(k) / expected.clickProbability();
            assertFraction(share, truth.detectionsOfClass(k), truth.detections(), "share of class " + k);
        }
        DetectionBatch detections = sample.detections();
        assertFraction(link.receiver().basisBiasX(), detections.bases().bitCount(), detections.count(), "Bob's X");
        assertFraction(0.5, detections.outcomes().bitCount(), detections.count(), "outcome 1");
    }

    /** Recomputes the ground truth from Alice's states and Bob's record alone. */
    static void assertConsistentWithAlice(Bb84Scenario link, BatchSample sample) {
        DetectionBatch detections = sample.detections();
        PulseStates alice = new PulseStates(link.source(), link.batch(detections.sequence(), 1).pulseStateKey());
        int classes = link.source().classCount();
        long[] perClass = new long[classes];
        long[] matched = new long[classes];
        long[] errors = new long[classes];
        long previous = -1;
        for (int d = 0; d < detections.count(); d++) {
            long pulse = detections.pulseIndex(d);
            assertTrue(pulse > previous && pulse < detections.pulseCount(), "index " + pulse + " after " + previous);
            previous = pulse;
            int state = alice.stateOf(pulse);
            int k = PulseStates.intensityClass(state);
            perClass[k]++;
            if (PulseStates.basis(state) == detections.bases().bit(d)) {
                matched[k]++;
                if (PulseStates.bit(state) != detections.outcomes().bit(d)) {
                    errors[k]++;
                }
            }
        }
        GroundTruth truth = sample.truth();
        assertEquals(new GroundTruth(perClass, matched, errors, detections.doubleClicks().bitCount(),
                truth.afterpulses(), truth.eveKnownMatched(), truth.monitorClicks(), truth.monitorAlarm()), truth);
    }

    private static void assertFraction(double p, long count, long trials, String what) {
        double sigma = Math.sqrt(p * (1 - p) / trials);
        double observed = count / (double) trials;
        assertTrue(Math.abs(observed - p) <= SIGMAS * sigma, () -> what + ": observed " + observed + " of " + trials
                + ", expected " + p + " ± " + SIGMAS + " × " + sigma);
    }
}
