package org.qnetem.physics.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qnetem.physics.channel.FibreChannel;
import org.qnetem.physics.detector.BlindingMonitor;
import org.qnetem.physics.detector.GatedTiming;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.detector.ThresholdDetector;
import org.qnetem.physics.model.Bb84Expectation;
import org.qnetem.physics.source.WeakCoherentSource;

/** The attacks' closed-form consequences, through {@link Bb84Expectation}. */
class AttackModelTest {

    private static final WeakCoherentSource DECOY = new WeakCoherentSource(1e9, new double[] {0.5, 0.1, 0.0002},
            new double[] {0.8, 0.15, 0.05}, 0.5);
    private static final Receiver GATED = new Receiver(1.0, ThresholdDetector.gated(0.1, 6e-7), 0.01, 0.5);

    @Test
    void interceptResendAddsAQuarterOfTheFractionLessHalfTheHonestErrors() {
        double transmittance = FibreChannel.smf28(25, 0.2, 0).transmittance();
        Bb84Expectation honest = new Bb84Expectation(DECOY, transmittance, GATED, Attack.NONE);
        double f = 0.4;
        Bb84Expectation attacked = new Bb84Expectation(DECOY, transmittance, GATED, new InterceptResend(f));
        for (int k = 0; k < 3; k++) {
            assertEquals(honest.clickProbability(k), attacked.clickProbability(k), 1e-15, "class " + k + " gain");
            double e = honest.qber(k);
            assertEquals(e + f * (0.25 - e / 2), attacked.qber(k), 1e-12, "class " + k + " QBER");
        }
        // Eve knows the sifted bits of non-empty pulses she measured in Alice's basis: about f/2 of them.
        double known = attacked.eveKnownSiftedPerPulse() / attacked.siftedPerPulse();
        assertEquals(f / 2, known, 0.01);
        assertTrue(known < f / 2);
    }

    @Test
    void interceptResendOnEveryPulseOfANoiselessLinkGivesAQuarter() {
        Receiver perfect = new Receiver(1.0, ThresholdDetector.gated(0.1, 0), 0, 0.5);
        Bb84Expectation attacked = new Bb84Expectation(WeakCoherentSource.single(1e9, 0.5), 0.1, perfect,
                new InterceptResend(1));
        assertEquals(0.25, attacked.qber(), 1e-15);
    }

    @Test
    void photonNumberSplittingAtMediumRangeBlocksSomeSinglePhotons() {
        PhotonNumberSplitting.Blocking blocking = assertHidesAndLearns(25, 0.6);
        assertTrue(blocking.singles() > 0 && blocking.singles() < 1, "b1 = " + blocking.singles());
        assertEquals(0, blocking.multis());
    }

    @Test
    void photonNumberSplittingAtLongRangeAlsoBlocksMultiPhotonPulses() {
        PhotonNumberSplitting.Blocking blocking = assertHidesAndLearns(100, 0.99);
        assertEquals(1, blocking.singles());
        assertTrue(blocking.multis() > 0 && blocking.multis() < 1, "b2 = " + blocking.multis());
    }

    @Test
    void photonNumberSplittingCannotHideAtShortRange() {
        // At 0 km even forwarding every single photon leaves Bob short of clicks: b1 stays 0.
        LinkOptics optics = new LinkOptics(DECOY, 1, GATED);
        assertEquals(new PhotonNumberSplitting.Blocking(0, 0), new PhotonNumberSplitting().blocking(optics));
    }

    /** Same clicks, nearly the same QBER, decoy gains out of line, and Eve knows most sifted bits. */
    private static PhotonNumberSplitting.Blocking assertHidesAndLearns(double km, double minimumKnown) {
        double transmittance = FibreChannel.smf28(km, 0.2, 0).transmittance();
        PhotonNumberSplitting pns = new PhotonNumberSplitting();
        Bb84Expectation honest = new Bb84Expectation(DECOY, transmittance, GATED, Attack.NONE);
        Bb84Expectation attacked = new Bb84Expectation(DECOY, transmittance, GATED, pns);
        assertEquals(honest.clickProbability(), attacked.clickProbability(), 1e-15);
        assertEquals(honest.qber(), attacked.qber(), 0.003);
        // The decoys betray it: the weak decoy's gain falls well below the honest one.
        assertTrue(attacked.clickProbability(1) < 0.8 * honest.clickProbability(1));
        double known = attacked.eveKnownSiftedPerPulse() / attacked.siftedPerPulse();
        assertTrue(known > minimumKnown && known < 1, "Eve knows " + known);
        return pns.blocking(new LinkOptics(DECOY, transmittance, GATED));
    }

    @Test
    void blindingKeepsTheRateWithoutErrorsAndEveKnowsEverySiftedBit() {
        double transmittance = FibreChannel.smf28(50, 0.2, 0).transmittance();
        Receiver deadTimeAndAfterpulses = new Receiver(1.0,
                new ThresholdDetector(0.2, new GatedTiming(1e-5, 20), 0.05, 0), 0.01, 0.5);
        Bb84Expectation honest = new Bb84Expectation(DECOY, transmittance, deadTimeAndAfterpulses, Attack.NONE);
        Bb84Expectation blinded = new Bb84Expectation(DECOY, transmittance, deadTimeAndAfterpulses,
                new DetectorBlinding());
        assertEquals(honest.clickProbability(), blinded.clickProbability(), 1e-15);
        assertEquals(0, blinded.qber());
        assertEquals(blinded.siftedPerPulse(), blinded.eveKnownSiftedPerPulse(), 1e-18);
        assertEquals(0, blinded.afterpulseProbability());
        assertEquals(0, blinded.monitorClicksPerPulse());
    }

    @Test
    void aBlindingMonitorSeesTriggersInItsTestSlotsAndNothingOtherwise() {
        double transmittance = FibreChannel.smf28(50, 0.2, 0).transmittance();
        Receiver monitored = new Receiver(1.0, ThresholdDetector.gated(0.1, 6e-7), 0.01, 0.5,
                new BlindingMonitor(0.01, 1));
        Bb84Expectation honest = new Bb84Expectation(DECOY, transmittance, monitored, Attack.NONE);
        Bb84Expectation unmonitored = new Bb84Expectation(DECOY, transmittance, GATED, Attack.NONE);
        assertEquals(0, honest.monitorClicksPerPulse());
        assertEquals(0.99 * unmonitored.clickProbability(), honest.clickProbability(), 1e-15);
        Bb84Expectation blinded = new Bb84Expectation(DECOY, transmittance, monitored, new DetectorBlinding());
        assertEquals(honest.clickProbability(), blinded.clickProbability(), 1e-15);
        // Test slots are 1 % of the slots, and a blinded detector clicks in them as often as in any.
        assertEquals(0.01 / 0.99 * blinded.clickProbability(), blinded.monitorClicksPerPulse(), 1e-15);
    }

    @Test
    void eveActsOnTheFractionSheChoosesInHerBasis() {
        PulseKinds kinds = new InterceptResend(0.3).kinds(new LinkOptics(DECOY, 0.1, GATED));
        assertEquals(0.7, kinds.actionProbability(PulseKinds.PASS, true), 1e-15);
        assertEquals(0.15, kinds.actionProbability(PulseKinds.SAME_BASIS, true), 1e-15);
        assertEquals(0.15, kinds.actionProbability(PulseKinds.CONJUGATE_BASIS, false), 1e-15);
    }
}
