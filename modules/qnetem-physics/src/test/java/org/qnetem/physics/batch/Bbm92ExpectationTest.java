package org.qnetem.physics.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qnetem.physics.channel.FibreChannel;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.detector.ThresholdDetector;
import org.qnetem.physics.source.ContinuousPairSource;
import org.qnetem.physics.source.EntangledPairSource;

class Bbm92ExpectationTest {

    @ParameterizedTest(name = "μ = {0}, η_A = {1}, η_B = {2}, p_d = {3}, V = {4}, q_B = {5}")
    @CsvSource({"0.1, 0.5, 0.05, 1e-5, 0.98, 0.5", "1.0, 1.0, 1.0, 0, 0.6, 0.5", "0.02, 0.2, 0.001, 1e-6, 0.99, 0.8",
        "0.6, 0.9, 0.3, 1e-3, 0.9, 0.3"})
    void pulsedEnumerationEqualsTheHandDerivedClosedForms(double mu, double etaA, double etaB, double pd,
                                                         double visibility, double bobBias) {
        EntangledPairSource source = new EntangledPairSource(1e9, mu, visibility);
        Bbm92Arm alice = lossless(etaA, pd, 0, 0.5, Bbm92Arm.BasisChoice.ACTIVE);
        Bbm92Arm bob = lossless(etaB, pd, 0, bobBias, Bbm92Arm.BasisChoice.ACTIVE);
        Bbm92Expectation expected = Bbm92Expectation.of(source, alice, bob, 0);
        double lambda = mu / 2;
        double y0 = 1 - (1 - pd) * (1 - pd);
        double gain = Bbm92ClosedForms.maFungLoGain(lambda, etaA, etaB, y0, y0);
        double match = 0.5 * bobBias + 0.5 * (1 - bobBias);
        assertRelative(Bbm92ClosedForms.pulsedSingles(lambda, etaA, pd), expected.aliceDetectionProbability(), "Alice");
        assertRelative(Bbm92ClosedForms.pulsedSingles(lambda, etaB, pd), expected.bobDetectionProbability(), "Bob");
        assertRelative(gain, expected.coincidenceProbability(), "Q_λ");
        assertRelative(Bbm92ClosedForms.pulsedTrueCoincidence(lambda, etaA, etaB),
                expected.trueCoincidenceProbability(), "true coincidences");
        assertRelative(gain * match, expected.matchedBasisProbability(), "matched");
        assertRelative(match * Bbm92ClosedForms.pulsedErrorGain(lambda, etaA, etaB, source.polarisationError(), pd, pd),
                expected.matchedErrorProbability(), "matched errors");
        // Two thermal modes, one per detector: a side double-clicks when both of its modes deliver.
        double bothModes = Math.pow(lambda * etaA / (1 + lambda * etaA), 2);
        double noDark = (1 - pd) * (1 - pd);
        double doubleClick = noDark * bothModes + 2 * pd * (1 - pd) * (1 - 1 / (1 + lambda * etaA)) + pd * pd;
        assertRelative(doubleClick, expected.aliceDoubleClickProbability(), "Alice's double clicks");
    }

    @Test
    void passiveReceiversChangeWhereClicksLandNotWhetherTheyHappen() {
        // Whether a side clicks depends only on its photons and its four detectors' dark counts.
        EntangledPairSource source = new EntangledPairSource(1e9, 0.4, 0.97);
        double pd = 1e-4;
        Bbm92Arm alice = lossless(0.3, pd, 0.02, 0.5, Bbm92Arm.BasisChoice.PASSIVE);
        Bbm92Arm bob = lossless(0.1, pd, 0.01, 0.7, Bbm92Arm.BasisChoice.PASSIVE);
        Bbm92Expectation expected = Bbm92Expectation.of(source, alice, bob, 0);
        double y0 = 1 - Math.pow(1 - pd, 4);
        assertRelative(Bbm92ClosedForms.maFungLoGain(0.2, 0.3, 0.1, y0, y0), expected.coincidenceProbability(), "Q");
        assertRelative(1 - (1 - y0) / Math.pow(1 + 0.2 * 0.3, 2), expected.aliceDetectionProbability(), "Alice");
        PairLinkPhysics physics = new PairLinkPhysics(source, alice, bob, 0);
        assertRelative(physics.aliceDetectionProbability(), expected.aliceDetectionProbability(), "sampler's singles");
        assertRelative(physics.bobDetectionProbability(), expected.bobDetectionProbability(), "sampler's singles");
    }

    @Test
    void singlePairsErrWithTheComposedFlipProbability() {
        // λ → 0 without dark counts: every coincidence is one pair, wrong when an odd number of the
        // source's flip and the two misalignments happen: 1 − 2e = (1 − 2e_pol)(1 − 2e_A)(1 − 2e_B).
        EntangledPairSource source = new EntangledPairSource(1e9, 2e-7, 0.96);
        for (Bbm92Arm.BasisChoice choice : Bbm92Arm.BasisChoice.values()) {
            Bbm92Arm alice = lossless(0.4, 0, 0.03, 0.5, choice);
            Bbm92Arm bob = lossless(0.2, 0, 0.01, 0.5, choice);
            double expected = (1 - 0.96 * 0.94 * 0.98) / 2;
            assertEquals(expected, Bbm92Expectation.of(source, alice, bob, 0).qber(), 1e-6, choice.name());
        }
    }

    @Test
    void reference45aExampleKeyRates() {
        // REFERENCE §4.5a [C]: source in the middle, α = 0.21 dB/km, η_det = 0.145, Y_0 = 1.7e-6 per side,
        // e_d = 1.5 % (V = 0.97), f = 1.22, λ = 0.05. R = ½ Q [1 − f h(E) − h(E)] per pulse, given to two
        // figures; we ask for 3 %. QBER: the reference quotes 5.7–5.8 % at λ_opt; at λ = 0.05 it is 5.2–5.8 %.
        double pd = 1 - Math.sqrt(1 - 1.7e-6);
        Receiver receiver = new Receiver(1.0, ThresholdDetector.gated(0.145, pd), 0, 0.5);
        double[] totalKm = {0, 50, 100, 150, 200};
        double[] rates = {4.1e-4, 3.3e-5, 2.9e-6, 2.5e-7, 2.2e-8};
        for (int i = 0; i < totalKm.length; i++) {
            Bbm92Arm arm = new Bbm92Arm(FibreChannel.smf28(totalKm[i] / 2, 0.21, 0), receiver,
                    Bbm92Arm.BasisChoice.ACTIVE);
            Bbm92Expectation expected = Bbm92Expectation.of(new EntangledPairSource(1e6, 0.1, 0.97), arm, arm, 0);
            double qber = expected.qber();
            double rate = 0.5 * expected.coincidenceProbability() * (1 - 2.22 * binaryEntropy(qber));
            assertEquals(rates[i], rate, 0.03 * rates[i], "R at " + totalKm[i] + " km");
            assertTrue(qber > 0.050 && qber < 0.059, "QBER at " + totalKm[i] + " km: " + qber);
        }
    }

    @Test
    void reference45bExample() {
        // REFERENCE §4.5b [C]: B = 1e7 /s, η = 0.5 × 0.8 per side, DC = 100 /s per side, t_CC = 0.5 ns,
        // t_Δ = 0.1 ns, V = 0.98: QBER 1.24 %, and with f = 1.1 (the Neumann-model code's), secret key
        // 6.4e5, 6.4e4, 6.4e3, 6.4e2, 64 b/s at 0–40 dB of loss (here on Bob's side).
        ContinuousPairSource source = new ContinuousPairSource(1e7, 500, 100, 0.98);
        // 100 /s per side is 50 /s in each of two detectors: 2.5e-8 per 500 ps window.
        Receiver receiver = new Receiver(0.5, ThresholdDetector.gated(0.8, 2.5e-8), 0, 0.5);
        Bbm92Arm alice = new Bbm92Arm(FibreChannel.smf28(0, 0.2, 0), receiver, Bbm92Arm.BasisChoice.ACTIVE);
        double[] secretRates = {6.4e5, 6.4e4, 6.4e3, 6.4e2, 64};
        for (int i = 0; i < secretRates.length; i++) {
            Bbm92Arm bob = new Bbm92Arm(FibreChannel.smf28(50.0 * i, 0.2, 0), receiver, Bbm92Arm.BasisChoice.ACTIVE);
            Bbm92Expectation expected = Bbm92Expectation.of(source, alice, bob, 0);
            double[] neumann = Bbm92ClosedForms.neumann(1e7, 0.4, 0.4 * Math.pow(10, -i), 100, 100, 500e-12,
                    source.coincidenceWindowEfficiency(), 0.98);
            assertEquals(neumann[0], expected.coincidenceRateHz(), 1e-9 * neumann[0], "CC_m at " + 10 * i + " dB");
            assertEquals(neumann[1], expected.qber(), 1e-9 * neumann[1], "E at " + 10 * i + " dB");
            // Unbiased active bases agree half the time: q = ½ of CC_m is sifted.
            assertEquals(0.5 * neumann[0], expected.siftedRateBps(), 1e-9 * neumann[0], "sifted at " + 10 * i + " dB");
            double secret = 0.5 * expected.coincidenceRateHz() * (1 - 2.1 * binaryEntropy(expected.qber()));
            assertEquals(secretRates[i], secret, 0.01 * secretRates[i], "secret key rate at " + 10 * i + " dB");
        }
        Bbm92Arm bob = new Bbm92Arm(FibreChannel.smf28(0, 0.2, 0), receiver, Bbm92Arm.BasisChoice.ACTIVE);
        assertEquals(0.0124, Bbm92Expectation.of(source, alice, bob, 0).qber(), 0.00005);
    }

    @Test
    void continuousWindowsBeyondFirstOrderAreRefused() {
        // η = 1 at both ends: every photon's partner is detected, so no click is left to be accidental.
        Bbm92Arm perfect = lossless(1.0, 0, 0, 0.5, Bbm92Arm.BasisChoice.ACTIVE);
        ContinuousPairSource bright = new ContinuousPairSource(1e8, 1000, 10, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bbm92Expectation.of(bright, perfect, perfect, 0));
        assertTrue(e.getMessage().contains("first-order window model"), e.getMessage());
    }

    @Test
    void gaussLegendreIntegratesPolynomialsExactly() {
        GaussLegendre rule = new GaussLegendre(24);
        for (int degree = 0; degree < 48; degree++) {
            double sum = 0;
            for (int i = 0; i < rule.nodes.length; i++) {
                sum += rule.weights[i] * Math.pow(rule.nodes[i], degree);
            }
            assertEquals(1.0 / (degree + 1), sum, 1e-14, "x^" + degree);
        }
    }

    /** A zero-length arm whose receiver has total efficiency {@code eta}. */
    private static Bbm92Arm lossless(double eta, double pd, double misalignment, double biasX,
                                     Bbm92Arm.BasisChoice choice) {
        return new Bbm92Arm(FibreChannel.smf28(0, 0.2, 0),
                new Receiver(1.0, ThresholdDetector.gated(eta, pd), misalignment, biasX), choice);
    }

    private static double binaryEntropy(double x) {
        return -x * Math.log(x) / Math.log(2) - (1 - x) * Math.log1p(-x) / Math.log(2);
    }

    /**
     * Within 10^-9 relative, or 10^-14 absolute: inclusion–exclusion sums terms near 1, so rounding
     * leaves an absolute error of some 10^-16 per term.
     */
    private static void assertRelative(double expected, double actual, String what) {
        assertEquals(expected, actual, Math.max(1e-9 * Math.abs(expected), 1e-14), what);
    }
}
