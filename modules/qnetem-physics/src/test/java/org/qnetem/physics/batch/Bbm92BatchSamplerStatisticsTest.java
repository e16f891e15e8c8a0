package org.qnetem.physics.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.detector.ThresholdDetector;
import org.qnetem.physics.source.ContinuousPairSource;
import org.qnetem.physics.source.EntangledPairSource;

/**
 * Sampled BBM92 batches against closed forms, at fixed seeds, over at least 10^6 detections and 4·10^4
 * coincidences per case: REFERENCE §4.5a (pulsed) and §4.5b (CW) for active receivers without
 * misalignment, at 10 and 20 dB of channel loss, with the source in the middle and at Alice. Every
 * observed frequency must lie within 4 binomial standard errors of its expectation: detections and
 * coincidences per pulse, true coincidences per pulse, the matched-basis share of coincidences and the
 * QBER of matched-basis coincidences.
 */
class Bbm92BatchSamplerStatisticsTest {

    private static final double SIGMAS = 4;

    @ParameterizedTest(name = "{0} dB, source in the middle: {1}")
    @CsvSource({"10, true, 5, 10000000", "10, false, 4, 10000000", "20, true, 5, 40000000", "20, false, 4, 40000000"})
    void pulsedSourceMatchesTheThermalClosedForms(double lossDb, boolean middle, int batches, long pulses) {
        Bbm92Scenario link = Bbm92Scenario.pulsed(lossDb, middle);
        EntangledPairSource source = (EntangledPairSource) link.source();
        double lambda = source.meanPairsPerMode();
        double etaA = link.alice().efficiencyAt(0);
        double etaB = link.bob().efficiencyAt(0);
        double pd = Bbm92Scenario.PULSED_DARK_PER_GATE;
        double y0 = 1 - (1 - pd) * (1 - pd);
        double gain = Bbm92ClosedForms.maFungLoGain(lambda, etaA, etaB, y0, y0);
        double errorGain = Bbm92ClosedForms.pulsedErrorGain(lambda, etaA, etaB, source.polarisationError(), pd, pd);
        PairTruth truth = link.sampleTruth(batches, pulses);
        long n = batches * pulses;
        assertEnough(truth);
        assertFraction(Bbm92ClosedForms.pulsedSingles(lambda, etaA, pd), truth.aliceDetections(), n, "Alice");
        assertFraction(Bbm92ClosedForms.pulsedSingles(lambda, etaB, pd), truth.bobDetections(), n, "Bob");
        assertFraction(gain, truth.coincidences(), n, "coincidences (§4.5a Q_λ)");
        assertFraction(Bbm92ClosedForms.pulsedTrueCoincidence(lambda, etaA, etaB), truth.trueCoincidences(), n,
                "true coincidences");
        assertFraction(basisMatch(link), truth.matchedBasis(), truth.coincidences(), "matched share");
        assertFraction(errorGain / gain, truth.matchedBasisErrors(), truth.matchedBasis(), "QBER");
        // §4.5a's own E_λ drops a dark-count factor (1 − p_d)² ≈ 1 − 2·10^-5: the sample cannot tell.
        double maFungLo = Bbm92ClosedForms.maFungLoErrorGain(lambda, etaA, etaB, source.polarisationError(), y0, y0);
        assertFraction(maFungLo / gain, truth.matchedBasisErrors(), truth.matchedBasis(), "QBER (§4.5a E_λ)");
    }

    @ParameterizedTest(name = "{0} dB, source in the middle: {1}")
    @CsvSource({"10, true, 4, 100000000", "10, false, 3, 100000000", "20, true, 12, 200000000",
        "20, false, 10, 200000000"})
    void continuousSourceMatchesReference45b(double lossDb, boolean middle, int batches, long windows) {
        Bbm92Scenario link = Bbm92Scenario.continuous(lossDb, middle);
        ContinuousPairSource source = (ContinuousPairSource) link.source();
        double etaA = link.alice().efficiencyAt(0);
        double etaB = link.bob().efficiencyAt(0);
        double window = source.coincidenceWindowPs() * 1e-12;
        // Two gated detectors per side, each with its dark count per window.
        double darkRate = 2 * Bbm92Scenario.CW_DARK_PER_WINDOW / window;
        double[] neumann = Bbm92ClosedForms.neumann(source.pairRateHz(), etaA, etaB, darkRate, darkRate, window,
                source.coincidenceWindowEfficiency(), source.visibility());
        PairTruth truth = link.sampleTruth(batches, windows);
        long n = batches * windows;
        assertEnough(truth);
        assertFraction((source.pairRateHz() * etaA + darkRate) * window, truth.aliceDetections(), n, "S_A t_CC");
        assertFraction((source.pairRateHz() * etaB + darkRate) * window, truth.bobDetections(), n, "S_B t_CC");
        assertFraction(neumann[0] * window, truth.coincidences(), n, "CC_m t_CC");
        assertFraction(source.pairRateHz() * etaA * etaB * source.coincidenceWindowEfficiency() * window,
                truth.trueCoincidences(), n, "CC_true t_CC");
        assertFraction(basisMatch(link), truth.matchedBasis(), truth.coincidences(), "matched share");
        assertFraction(neumann[1], truth.matchedBasisErrors(), truth.matchedBasis(), "QBER");
    }

    // Four detectors per side, photons choosing their basis, cross-basis clicks squashed, per-photon
    // misalignment: no hand-derived closed form, so Bbm92Expectation (exact enumeration) is the oracle.
    private static final Receiver NEAR_RECEIVER = new Receiver(0.9, ThresholdDetector.gated(0.6, 2e-5), 0.02, 0.5);
    private static final Receiver FAR_RECEIVER = new Receiver(0.8, ThresholdDetector.gated(0.5, 1e-5), 0.01, 0.6);

    @Test
    void pulsedPassiveReceiversWithMisalignmentMatchTheEnumeratedExpectation() {
        Bbm92Arm.BasisChoice passive = Bbm92Arm.BasisChoice.PASSIVE;
        Bbm92Scenario link = new Bbm92Scenario(new EntangledPairSource(1e9, 0.3, 0.97),
                Bbm92Scenario.arm(4, NEAR_RECEIVER, passive), Bbm92Scenario.arm(6, FAR_RECEIVER, passive));
        assertMatchesExpectation(link, 5, 4_000_000);
    }

    @Test
    void continuousSourceAtAPassiveAliceMatchesTheExpectation() {
        // Passive dark counts fall in either basis alike, photons by the bias; misalignment composes with e_pol.
        Bbm92Scenario link = new Bbm92Scenario(new ContinuousPairSource(2e7, 1000, 300, 0.97),
                Bbm92Scenario.arm(0, NEAR_RECEIVER, Bbm92Arm.BasisChoice.PASSIVE),
                Bbm92Scenario.arm(10, FAR_RECEIVER, Bbm92Arm.BasisChoice.ACTIVE));
        assertMatchesExpectation(link, 5, 20_000_000);
    }

    @Test
    void pairNumbersAreTwoThermalModesAndVisibilityFlipsWholePulses() {
        // Lossless, dark-free, μ = 1 (λ = 1/2). Each detector of a side sees its own thermal mode, so a side
        // clicks with 1 − (1 + λ)^−2 = 5/9 and double-clicks with (λ/(1 + λ))² = 1/9. One thermal mode of
        // mean μ would give 1/2 and 0; Poisson pairs 1 − e^−1 = 0.632 and (1 − e^−1/2)² = 0.155; splitting
        // the pairs between the modes by fair coins, 0.164 double clicks.
        Receiver perfect = new Receiver(1.0, ThresholdDetector.gated(1.0, 0), 0, 0.5);
        Bbm92Arm arm = Bbm92Scenario.arm(0, perfect, Bbm92Arm.BasisChoice.ACTIVE);
        EntangledPairSource source = new EntangledPairSource(1e9, 1.0, 0.6);
        Bbm92Scenario link = new Bbm92Scenario(source, arm, arm);
        long pulses = 1_000_000;
        PairSample sample = link.sample(1, pulses);
        PairTruth truth = sample.truth();
        assertFraction(5.0 / 9, truth.aliceDetections(), pulses, "Alice's detections");
        assertFraction(1.0 / 9, sample.alice().doubleClicks().bitCount(), pulses, "Alice's double clicks");
        assertFraction(1.0 / 9, sample.bob().doubleClicks().bitCount(), pulses, "Bob's double clicks");
        // Both photons of every pair arrive: every pulse with a pair is a true coincidence.
        assertEquals(truth.coincidences(), truth.trueCoincidences());
        // e_pol = 0.2 flips every pair of a pulse together: E = 1/2 − (1 − 2e) Cov / Q. (Flipping each
        // pair on its own would also break Bob's modes: 0.146 double clicks, not 1/9.)
        double gain = Bbm92ClosedForms.maFungLoGain(0.5, 1, 1, 0, 0);
        double qber = Bbm92ClosedForms.pulsedErrorGain(0.5, 1, 1, source.polarisationError(), 0, 0) / gain;
        assertFraction(qber, truth.matchedBasisErrors(), truth.matchedBasis(), "QBER");
    }

    private static void assertMatchesExpectation(Bbm92Scenario link, int batches, long pulses) {
        Bbm92Expectation expected = link.expectation();
        PairTruth truth = link.sampleTruth(batches, pulses);
        long n = batches * pulses;
        assertEnough(truth);
        assertFraction(expected.aliceDetectionProbability(), truth.aliceDetections(), n, "Alice's detections");
        assertFraction(expected.bobDetectionProbability(), truth.bobDetections(), n, "Bob's detections");
        assertFraction(expected.coincidenceProbability(), truth.coincidences(), n, "coincidences");
        assertFraction(expected.trueCoincidenceProbability(), truth.trueCoincidences(), n, "true coincidences");
        assertFraction(expected.matchedBasisProbability() / expected.coincidenceProbability(), truth.matchedBasis(),
                truth.coincidences(), "matched share");
        assertFraction(expected.qber(), truth.matchedBasisErrors(), truth.matchedBasis(), "QBER");
    }

    /** Active receivers choose bases independently of the clicks: q_A q_B + (1 − q_A)(1 − q_B). */
    private static double basisMatch(Bbm92Scenario link) {
        double qA = link.alice().receiver().basisBiasX();
        double qB = link.bob().receiver().basisBiasX();
        return qA * qB + (1 - qA) * (1 - qB);
    }

    private static void assertEnough(PairTruth truth) {
        assertTrue(truth.aliceDetections() + truth.bobDetections() >= 1_000_000, () -> "too few detections: " + truth);
        assertTrue(truth.coincidences() >= 40_000, () -> "too few coincidences: " + truth);
    }

    private static void assertFraction(double p, long count, long trials, String what) {
        double sigma = Math.sqrt(p * (1 - p) / trials);
        double observed = count / (double) trials;
        assertTrue(Math.abs(observed - p) <= SIGMAS * sigma, () -> what + ": observed " + observed + " of " + trials
                + ", expected " + p + " ± " + SIGMAS + " × " + sigma);
    }
}
