package org.qnetem.physics.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qnetem.physics.attack.Attack;
import org.qnetem.physics.channel.FibreChannel;
import org.qnetem.physics.detector.GatedTiming;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.detector.ThresholdDetector;
import org.qnetem.physics.source.SinglePhotonSource;
import org.qnetem.physics.source.WeakCoherentSource;

class Bb84ExpectationTest {

    private static final FibreChannel NO_FIBRE = FibreChannel.smf28(0, 0.2, 0);
    private static final double EXACT = 1e-12;

    /**
     * μ = 1, η = 1, p_d = 0, e_d = 0.1, unbiased bases. By hand:
     * P = 1 − e^−1 = 0.6321205588; p_c = 1 − e^−0.9 = 0.5934303403; p_w = 1 − e^−0.1 = 0.0951625820;
     * matched errors p_w(1 − p_c) + p_c·p_w/2 = 0.0386893 + 0.0282371 = 0.0669264003;
     * QBER = 0.0669264003 / 0.6321205588 = 0.1058760063 (above e_d: double clicks add errors).
     * Double clicks: ½·p_c·p_w + ½·(1 − e^−0.5)² = 0.0282371 + 0.0774081 = 0.1056452426.
     */
    @Test
    void lossNoiseFreeStrongPulse() {
        Bb84Expectation model = expectation(WeakCoherentSource.single(1e9, 1.0), NO_FIBRE, 1.0, 0, 0.1);
        assertEquals(0.6321205588285577, model.clickProbability(0), EXACT);
        assertEquals(0.10587600629637213, model.qber(), EXACT);
        assertEquals(0.10564524257052958, model.doubleClickProbability(), EXACT);
        assertEquals(0.5, model.basisMatchProbability(), EXACT);
        assertEquals(0.6321205588285577 / 2, model.siftedPerPulse(), EXACT);
        assertEquals(0.6321205588285577e9, model.detectionRateHz(), 1e-3);
        assertEquals(0.6321205588285577e9 / 2, model.siftedRateBps(), 1e-3);
    }

    /**
     * μ = 0.5, η = 0.1 (detector efficiency), so m = 0.05; p_d = 1e-3, e_d = 0.02. By hand:
     * P = 1 − 0.999²·e^−0.05 = 0.0506720831; p_c = 1 − 0.999·e^−0.049 = 0.0487710514;
     * p_w = 1 − 0.999·e^−0.001 = 0.0019985007; matched errors
     * 0.0019985007·0.9512289486 + ½·0.0487710514·0.0019985007 = 0.0019497662;
     * QBER = 0.0019497662 / 0.0506720831 = 0.0384781137.
     * Double clicks: ½·p_c·p_w + ½·(1 − 0.999·e^−0.025)² = 0.0003780908.
     */
    @Test
    void darkCountsAndMisalignment() {
        Bb84Expectation model = expectation(WeakCoherentSource.single(1e9, 0.5), NO_FIBRE, 0.1, 1e-3, 0.02);
        assertEquals(0.05067208311886284, model.clickProbability(), EXACT);
        assertEquals(0.03847811372763523, model.qber(), EXACT);
        assertEquals(0.03847811372763523, model.qber(0), EXACT);
        assertEquals(0.00037809081365876345, model.doubleClickProbability(), EXACT);
    }

    @Test
    void noDarkCountsAndPerfectAlignmentMeanNoErrors() {
        Bb84Expectation model = expectation(WeakCoherentSource.single(1e9, 0.5), FibreChannel.smf28(50, 0.2, 0),
                0.1, 0, 0);
        assertEquals(0, model.qber(), 0);
    }

    @Test
    void weakSignalsWithoutDarkCountsErrOnlyByMisalignment() {
        // As m → 0 double clicks vanish and QBER → e_d (the Ma et al. e_d·(1 − e^−ημ) term alone).
        Bb84Expectation model = expectation(WeakCoherentSource.single(1e9, 1e-6), NO_FIBRE, 1.0, 0, 0.03);
        assertEquals(0.03, model.qber(), 1e-7);
    }

    @Test
    void hugeLossLeavesDarkCountsAndHalfErrors() {
        // 1000 km at 0.2 dB/km: 200 dB; only dark counts click, and they are wrong half the time.
        Bb84Expectation model = expectation(WeakCoherentSource.single(1e9, 0.5), FibreChannel.smf28(1000, 0.2, 0),
                0.1, 1e-5, 0.01);
        assertEquals(0.5, model.qber(), 1e-9);
        assertEquals(1 - (1 - 1e-5) * (1 - 1e-5), model.clickProbability(), 1e-15);
    }

    @Test
    void classesAverageWithTheirProbabilitiesAndBasesBias() {
        WeakCoherentSource decoy = new WeakCoherentSource(1e9, new double[] {0.5, 0.1, 0.0002},
                new double[] {0.8, 0.15, 0.05}, 0.9);
        Receiver receiver = new Receiver(1.0, ThresholdDetector.gated(0.1, 6e-7), 0.01, 0.8);
        Bb84Expectation model = new Bb84Expectation(decoy, FibreChannel.smf28(25, 0.2, 0), receiver);
        double clicks = 0;
        double errors = 0;
        for (int k = 0; k < 3; k++) {
            clicks += decoy.probability(k) * model.clickProbability(k);
            errors += decoy.probability(k) * model.qber(k) * model.clickProbability(k);
        }
        assertEquals(clicks, model.clickProbability(), 1e-15);
        assertEquals(errors / clicks, model.qber(), 1e-12);
        assertEquals(0.9 * 0.8 + 0.1 * 0.2, model.basisMatchProbability(), EXACT);
        assertEquals(Math.pow(10, -0.5) * 0.1, model.transmittance(), 1e-15);
    }

    /**
     * One photon with probability 0.6, η = 0.5, p_d = 1e-3, e_d = 0.02. With q = 1 − p_d and
     * G(u) = 0.4 + 0.6(1 − u): any click 1 − q²·G(0.5) = 1 − 0.998001·0.7 = 0.3013993; in the matched
     * basis correct only q·G(0.01) − q²·G(0.5) = 0.993006 − 0.6986007 = 0.2944053, wrong only
     * q·G(0.49) − q²·G(0.5) = 0.705294 − 0.6986007 = 0.0066933, double 0.3013993 − 0.2944053 − 0.0066933
     * = 0.0003007; QBER (0.0066933 + 0.0003007 / 2) / 0.3013993 = 0.0227059.
     */
    @Test
    void singlePhotonSourceByHand() {
        Receiver receiver = new Receiver(1.0, ThresholdDetector.gated(0.5, 1e-3), 0.02, 0.5);
        Bb84Expectation model = new Bb84Expectation(new SinglePhotonSource(1e9, 0.6, 0.5), 1.0, receiver,
                Attack.NONE);
        assertEquals(0.3013993, model.clickProbability(), 1e-12);
        assertEquals((0.0066933 + 0.0003007 / 2) / 0.3013993, model.qber(), 1e-12);
        assertEquals(0.3013993 / 2, model.siftedPerPulse(), 1e-12);
    }

    /** REFERENCE.md §4.1: a non-paralysable dead time of n_d slots turns R into R / (1 + R n_d). */
    @Test
    void deadTimeCapsTheClickRate() {
        WeakCoherentSource decoy = new WeakCoherentSource(1e9, new double[] {0.5, 0.1, 0.0002},
                new double[] {0.8, 0.15, 0.05}, 0.5);
        double transmittance = FibreChannel.smf28(10, 0.2, 0).transmittance();
        Bb84Expectation free = new Bb84Expectation(decoy, transmittance,
                new Receiver(1.0, ThresholdDetector.gated(0.2, 1e-5), 0.01, 0.5), Attack.NONE);
        Bb84Expectation dead = new Bb84Expectation(decoy, transmittance,
                new Receiver(1.0, new ThresholdDetector(0.2, new GatedTiming(1e-5, 20), 0, 0), 0.01, 0.5),
                Attack.NONE);
        double r = free.clickProbability();
        assertEquals(r / (1 + 20 * r), dead.clickProbability(), 1e-15);
        // Dead slots are independent of the pulse in a live slot: classes and errors keep their proportions.
        assertEquals(free.qber(), dead.qber(), 1e-15);
        assertEquals(free.clickProbability(1) / r, dead.clickProbability(1) / dead.clickProbability(), 1e-12);
    }

    /**
     * Lim et al.'s detector model, REFERENCE.md §4.1: clicks R_k = D_k (1 + p_ap), and afterpulses add
     * p_ap D_k / 2 to the errors. Ours agrees on the totals to first order in p_ap (the tolerance below,
     * (p_ap² + p_ap D) D, is the size of the next terms), but places each afterpulse in whichever
     * pulse's slot it falls, so per class it adds p_ap times the average D rather than p_ap D_k: the
     * vacuum decoy's gain is then mostly afterpulses.
     */
    @Test
    void afterpulsesAddPApTimesTheClicksToFirstOrder() {
        WeakCoherentSource decoy = new WeakCoherentSource(1e9, new double[] {0.5, 0.1, 0.0002},
                new double[] {0.8, 0.15, 0.05}, 0.5);
        double transmittance = FibreChannel.smf28(50, 0.2, 0).transmittance();
        double pAp = 0.04;
        Bb84Expectation without = new Bb84Expectation(decoy, transmittance,
                new Receiver(1.0, ThresholdDetector.gated(0.1, 6e-7), 0.005, 0.5), Attack.NONE);
        Bb84Expectation with = new Bb84Expectation(decoy, transmittance,
                new Receiver(1.0, new ThresholdDetector(0.1, new GatedTiming(6e-7, 0), pAp, 0), 0.005, 0.5),
                Attack.NONE);
        double d = without.clickProbability();
        double tolerance = (pAp * pAp + pAp * d) * d;
        assertEquals(d * (1 + pAp), with.clickProbability(), tolerance);
        double errorsWithout = without.qber() * without.siftedPerPulse();
        double errorsWith = with.qber() * with.siftedPerPulse();
        assertEquals(errorsWithout + pAp * without.siftedPerPulse() / 2, errorsWith, tolerance);
        double vacuumAfterpulses = with.afterpulseProbability();
        assertEquals(without.clickProbability(2) + vacuumAfterpulses, with.clickProbability(2),
                1e-3 * with.clickProbability(2));
        assertTrue(vacuumAfterpulses > 10 * without.clickProbability(2));
    }

    private static Bb84Expectation expectation(WeakCoherentSource source, FibreChannel channel,
                                               double detectorEfficiency, double darkCount, double misalignment) {
        Receiver receiver = new Receiver(1.0, ThresholdDetector.gated(detectorEfficiency, darkCount), misalignment, 0.5);
        return new Bb84Expectation(source, channel, receiver);
    }
}
