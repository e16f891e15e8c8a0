package org.qnetem.physics.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qnetem.physics.model.DecoyBb84AsymptoticTest.assertRelative;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** REFERENCE §4.5a [C]: source in the middle, α 0.21, η_det 0.145, Y_0 1.7e-6 per side, e_d 1.5 %, f 1.22, q ½. */
class Bbm92PulsedTest {

    private static final Bbm92Pulsed MODEL = new Bbm92Pulsed(1.22, 0.5);

    private static Bbm92Pulsed.PairLink link(double totalKm) {
        return Bbm92Pulsed.PairLink.sourceInTheMiddle(0.21 * totalKm, 0.145, 1.7e-6, 0.015);
    }

    /** R per pulse at the optimal λ; REFERENCE gives two significant figures, λ_opt ≈ 0.05, QBER 5.7–5.8 %. */
    @ParameterizedTest(name = "{0} km")
    @CsvSource({"0, 4.1e-4", "50, 3.3e-5", "100, 2.9e-6", "150, 2.5e-7", "200, 2.2e-8"})
    void referenceExample(double totalKm, double bitsPerPulse) {
        KeyRate rate = MODEL.rate(link(totalKm));
        assertRelative(bitsPerPulse, rate.secretBitsPerPulse(), 0.02);
        assertEquals(0.05, rate.intensity() / 2, 0.01);
        assertEquals(0.0575, rate.qber(), 0.001);
    }

    /** As λ → 0 only the correlated pairs and a vanishing share of darks remain: E → e_d. */
    @Test
    void weakPumpLeavesOnlyMisalignment() {
        Bbm92Pulsed.PairLink noiseless = new Bbm92Pulsed.PairLink(0.3, 0.2, 0, 0, 0.015);
        assertEquals(0.015, MODEL.rate(noiseless, 1e-7).qber(), 1e-6);
    }

    /**
     * One arm lossless with a perfect detector, no darks: A always clicks, so Q = P(B clicks) =
     * 1 − 1/(1 + η_B λ)², the thermal generating function at the other side.
     */
    @Test
    void gainWithOnePerfectArm() {
        Bbm92Pulsed.PairLink link = new Bbm92Pulsed.PairLink(1, 0.1, 0, 0, 0);
        double lambda = 0.2;
        double expected = 1 - 1 / Math.pow(1 + 0.1 * lambda, 2) - 1 / Math.pow(1 + lambda, 2)
                + 1 / Math.pow(1 + lambda + 0.1 * lambda - 0.1 * lambda, 2);
        assertEquals(expected, MODEL.rate(link, 2 * lambda).gain(), 1e-15);
        assertEquals(1 - 1 / Math.pow(1.02, 2), MODEL.rate(link, 2 * lambda).gain(), 1e-15);
    }

    @Test
    void strongPumpMakesErrors() {
        assertTrue(MODEL.rate(link(50), 1.0).qber() > MODEL.rate(link(50), 0.1).qber() + 0.1);
    }
}
