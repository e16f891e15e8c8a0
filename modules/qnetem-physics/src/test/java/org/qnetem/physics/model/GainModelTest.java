package org.qnetem.physics.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GainModelTest {

    /** Ma et al. 2005: Q_μ = Y_0 + 1 − e^(−ημ), E_μ Q_μ = Y_0/2 + e_d (1 − e^(−ημ)). */
    @Test
    void withoutAfterpulsingItIsMaEtAlsModel() {
        double eta = 0.045 * Math.pow(10, -0.21 * 50 / 10);
        GainModel model = new GainModel(eta, 1.7e-6, 0.033, 0);
        for (double mu : new double[] {0, 0.05, 0.48, 1}) {
            double photonClick = 1 - Math.exp(-eta * mu);
            double maGain = 1.7e-6 + photonClick;
            // The exact gain is lower by the coincidence of a dark count and a photon, Y_0 (1 − e^(−ημ)).
            assertEquals(maGain - 1.7e-6 * photonClick, model.gain(mu), 1e-15);
            assertEquals(0.85e-6 + 0.033 * photonClick, model.errorProbability(mu), 1e-17);
        }
        assertEquals(0.5, model.qber(0), 1e-15);
    }

    /**
     * Lim et al. 2014: D_k = 1 − (1 − 2p_dc) e^(−η k), R_k = D_k (1 + p_ap),
     * e_k = p_dc + e_mis (1 − e^(−η k)) + p_ap D_k / 2. With η = 0.01, p_dc = 6e-7, e_mis = 0.005,
     * p_ap = 0.04, k = 0.5: 1 − e^−0.005 = 0.0049875208; D = 0.0049875208 + 1.2e-6·e^−0.005 = 0.0049887148;
     * R = 1.04 D = 0.0051882634; e = 6e-7 + 2.4937604e-5 + 0.9977430e-4 = 1.2531190e-4; QBER = 0.0241530.
     */
    @Test
    void limDetectorModelByHand() {
        GainModel model = new GainModel(0.01, 2 * 6e-7, 0.005, 0.04);
        double photonClick = -Math.expm1(-0.005);
        double d = 1 - (1 - 1.2e-6) * Math.exp(-0.005);
        assertEquals(0.0049875208, photonClick, 1e-10);
        assertEquals(0.0049887148, d, 1e-10);
        assertEquals(0.0051882634, model.gain(0.5), 1e-10);
        assertEquals(6e-7 + 0.005 * photonClick + 0.04 * d / 2, model.errorProbability(0.5), 1e-16);
        assertEquals(1.2531190e-4, model.errorProbability(0.5), 1e-12);
        assertEquals(0.0241530, model.qber(0.5), 1e-7);
    }

    /** Y_1 = (1 − (1 − Y_0)(1 − η))(1 + p_ap); e_1 Y_1 = Y_0/2 + e_d η + p_ap D_1/2. */
    @Test
    void photonNumberYields() {
        GainModel model = new GainModel(0.2, 1e-3, 0.02, 0.1);
        double d1 = 1 - 0.999 * 0.8;
        assertEquals(d1 * 1.1, model.photonYield(1), 1e-15);
        assertEquals((0.5e-3 + 0.02 * 0.2 + 0.1 * d1 / 2) / (d1 * 1.1), model.photonErrorRate(1), 1e-15);
        assertEquals(1e-3 * 1.1, model.photonYield(0), 1e-18);
        assertEquals(0.5, model.photonErrorRate(0), 1e-15);
        double d2 = 1 - 0.999 * 0.64;
        assertEquals(d2 * 1.1, model.photonYield(2), 1e-15);
    }

    @Test
    void refusesImpossibleParameters() {
        assertThrows(IllegalArgumentException.class, () -> new GainModel(1.5, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new GainModel(0.1, -1e-6, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new GainModel(0.1, 0, 0.6, 0));
        assertThrows(IllegalArgumentException.class, () -> new GainModel(0.1, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new GainModel(0.1, 0, 0, 0).photonYield(-1));
    }
}
