package org.qnetem.physics.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.qnetem.physics.source.AtMostOnePhoton;
import org.qnetem.physics.source.PhotonNumber;
import org.qnetem.physics.source.PoissonPhotonNumber;

class ClickDistributionTest {

    private static final double EXACT = 1e-15;

    /**
     * μ = 1, t = 1, s = 0.1, no dark counts: the detectors see independent Poisson means 0.9 and 0.1,
     * so p_c = 1 − e^−0.9 = 0.5934303403 and p_w = 1 − e^−0.1 = 0.0951625820 click independently.
     */
    @Test
    void poissonPhotonsMakeIndependentDetectors() {
        ClickDistribution clicks = ClickDistribution.of(new PoissonPhotonNumber(1), 1, 0.1, 0);
        double pc = 0.5934303402594009;
        double pw = 0.09516258196404048;
        assertEquals(pc * (1 - pw), clicks.correctOnly(), EXACT);
        assertEquals(pw * (1 - pc), clicks.wrongOnly(), EXACT);
        assertEquals(pc * pw, clicks.doubleClick(), EXACT);
        assertEquals(1 - Math.exp(-1), clicks.total(), EXACT);
    }

    /**
     * One photon with probability 0.6, registered with t = 0.5, wrong detector with s = 0.02, dark
     * counts 1e-3 per detector (q = 1 − p_d). With G(u) = 0.4 + 0.6(1 − u):
     * correct only = q·G(0.01) − q²·G(0.5), wrong only = q·G(0.49) − q²·G(0.5), any = 1 − q²·G(0.5).
     */
    @Test
    void aSinglePhotonNeverClicksBothDetectorsWithoutADarkCount() {
        PhotonNumber photon = new AtMostOnePhoton(0.6);
        double q = 1 - 1e-3;
        ClickDistribution clicks = ClickDistribution.of(photon, 0.5, 0.02, 1e-3);
        double correctSilent = q * (0.4 + 0.6 * (1 - 0.5 * 0.98));
        double wrongSilent = q * (0.4 + 0.6 * (1 - 0.5 * 0.02));
        double bothSilent = q * q * (0.4 + 0.6 * 0.5);
        assertEquals(wrongSilent - bothSilent, clicks.correctOnly(), EXACT);
        assertEquals(correctSilent - bothSilent, clicks.wrongOnly(), EXACT);
        assertEquals(1 - bothSilent, clicks.total(), EXACT);
        ClickDistribution noDark = ClickDistribution.of(photon, 0.5, 0.02, 0);
        assertEquals(0, noDark.doubleClick(), EXACT);
        assertEquals(0.6 * 0.5 * 0.98, noDark.correctOnly(), EXACT);
    }

    @Test
    void theLinearFormAgreesWithTheLogarithmicOne() {
        PoissonPhotonNumber photons = new PoissonPhotonNumber(0.5);
        ClickDistribution precise = ClickDistribution.of(photons, 0.03, 0.01, 6e-7);
        ClickDistribution linear = ClickDistribution.ofGroup(t -> Math.exp(-0.5 * t), 1, 0.03, 0.01, 6e-7);
        assertEquals(precise.correctOnly(), linear.correctOnly(), 1e-15);
        assertEquals(precise.wrongOnly(), linear.wrongOnly(), 1e-15);
        assertEquals(precise.doubleClick(), linear.doubleClick(), 1e-15);
    }

    @Test
    void tinyProbabilitiesKeepTheirRelativePrecision() {
        // 300 dB of loss and an ultra-low-noise detector: only 2 p_d = 4e-11 can click.
        ClickDistribution clicks = ClickDistribution.of(new PoissonPhotonNumber(0.5), 1e-30, 0.01, 2e-11);
        assertEquals(4e-11, clicks.total(), 1e-20);
        assertEquals(2e-11, clicks.correctOnly(), 1e-20);
    }

    @Test
    void withoutSubtractsEachCategory() {
        ClickDistribution left = new ClickDistribution(0.3, 0.2, 0.1).without(new ClickDistribution(0.1, 0.2, 0.05));
        assertEquals(0.2, left.correctOnly(), EXACT);
        assertEquals(0, left.wrongOnly(), EXACT);
        assertEquals(0.05, left.doubleClick(), EXACT);
    }
}
