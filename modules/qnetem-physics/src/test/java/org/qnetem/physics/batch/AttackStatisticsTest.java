package org.qnetem.physics.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetem.physics.attack.DetectorBlinding;
import org.qnetem.physics.attack.InterceptResend;
import org.qnetem.physics.attack.PhotonNumberSplitting;
import org.qnetem.physics.channel.FibreChannel;
import org.qnetem.physics.detector.BlindingMonitor;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.detector.ThresholdDetector;
import org.qnetem.physics.model.Bb84Expectation;
import org.qnetem.physics.source.WeakCoherentSource;

/**
 * Attacks sampled against their expectations and against the honest link, at fixed seeds, in 40
 * batches; statistical figures within 4 standard errors ({@link BatchMeans}).
 */
class AttackStatisticsTest {

    private static final double SIGMAS = 4;
    private static final int BATCHES = 40;

    @Test
    void interceptResendOnAFractionFRaisesTheQberByFOverFour() {
        // No misalignment and hardly any dark counts: the honest QBER is ~1e-7, so the rise is f/4.
        Receiver clean = new Receiver(1.0, ThresholdDetector.gated(0.1, 1e-9), 0, 0.5);
        Bb84Scenario link = new Bb84Scenario(WeakCoherentSource.single(1e9, 0.5), FibreChannel.smf28(25, 0.2, 0),
                clean);
        double f = 0.4;
        List<BatchSample> samples = link.under(new InterceptResend(f)).samples(500, BATCHES, 2_000_000);
        BatchMeans qber = BatchMeans.ratio(samples, GroundTruth::matchedBasisErrors, GroundTruth::matchedBasis);
        qber.assertWithin(SIGMAS, link.expectation().qber() + f / 4, "QBER under intercept-resend");
        assertTrue(link.expectation().qber() < 1e-6);
        BatchMeans.perPulse(samples, GroundTruth::detections)
                .assertWithin(SIGMAS, link.expectation().clickProbability(), "detections per pulse (honest rate)");
        BatchMeans.ratio(samples, GroundTruth::eveKnownMatched, GroundTruth::matchedBasis).assertWithin(SIGMAS,
                link.under(new InterceptResend(f)).expectation().eveKnownSiftedPerPulse()
                        / link.expectation().siftedPerPulse(), "sifted bits Eve knows");
    }

    @Test
    void interceptResendOnASaturatedDecoyLinkMatchesItsExpectationPerClass() {
        Bb84Scenario attacked = Links.IN_GAAS.under(new InterceptResend(0.25));
        Bb84Expectation model = attacked.expectation();
        List<BatchSample> samples = attacked.samples(600, BATCHES, 1_000_000);
        for (int k = 0; k < 3; k++) {
            int c = k;
            BatchMeans.ratio(samples, truth -> truth.matchedErrorsOfClass(c), truth -> truth.matchedOfClass(c))
                    .assertWithin(SIGMAS, model.qber(k), "class " + k + " QBER");
        }
        BatchMeans.perPulse(samples, GroundTruth::eveKnownMatched)
                .assertWithin(SIGMAS, model.eveKnownSiftedPerPulse(), "sifted bits Eve knows per pulse");
    }

    @Test
    void photonNumberSplittingKeepsRateAndQberWhileEveLearnsMostBits() {
        Bb84Scenario honest = Bb84Scenario.decoyLink(100, 6e-7);
        Bb84Scenario attacked = honest.under(new PhotonNumberSplitting());
        Bb84Expectation model = attacked.expectation();
        List<BatchSample> samples = attacked.samples(700, BATCHES, 100_000_000);
        BatchMeans.perPulse(samples, GroundTruth::detections)
                .assertWithin(SIGMAS, honest.expectation().clickProbability(), "detections per pulse (honest rate)");
        BatchMeans qber = BatchMeans.ratio(samples, GroundTruth::matchedBasisErrors, GroundTruth::matchedBasis);
        qber.assertWithin(SIGMAS, model.qber(), "QBER under PNS");
        assertEquals(honest.expectation().qber(), model.qber(), 1e-4);
        BatchMeans known = BatchMeans.ratio(samples, GroundTruth::eveKnownMatched, GroundTruth::matchedBasis);
        known.assertWithin(SIGMAS, model.eveKnownSiftedPerPulse() / model.siftedPerPulse(), "sifted bits Eve knows");
        assertTrue(known.value() > 0.99, "Eve knows " + known.value());
        // What gives Eve away: the weak decoy's gain, far below the honest one.
        BatchMeans.perPulse(samples, truth -> truth.detectionsOfClass(1))
                .assertWithin(SIGMAS, 0.15 * model.clickProbability(1), "weak decoy detections per pulse");
        assertTrue(model.clickProbability(1) < 0.3 * honest.expectation().clickProbability(1));
    }

    @Test
    void blindingLeavesNoErrorsAndEveEveryBitUnlessTheMonitorLooks() {
        Bb84Scenario honest = Links.IN_GAAS;
        List<BatchSample> samples = honest.under(new DetectorBlinding()).samples(800, BATCHES, 1_000_000);
        BatchMeans.perPulse(samples, GroundTruth::detections)
                .assertWithin(SIGMAS, honest.expectation().clickProbability(), "detections per pulse (honest rate)");
        for (BatchSample sample : samples) {
            GroundTruth truth = sample.truth();
            assertEquals(0, truth.matchedBasisErrors());
            assertEquals(truth.matchedBasis(), truth.eveKnownMatched());
            assertEquals(0, truth.afterpulses());
            assertEquals(0, truth.monitorClicks());
            assertFalse(truth.monitorAlarm());
        }
    }

    @Test
    void theBlindingMonitorFiresUnderBlindingAndOnlyThen() {
        Receiver monitored = new Receiver(1.0, ThresholdDetector.gated(0.1, 6e-7), 0.01, 0.5,
                new BlindingMonitor(0.01, 3));
        Bb84Scenario honest = new Bb84Scenario(Bb84Scenario.DECOY, FibreChannel.smf28(25, 0.2, 0), monitored);
        List<BatchSample> honestSamples = honest.samples(900, BATCHES, 4_000_000);
        for (BatchSample sample : honestSamples) {
            assertEquals(0, sample.truth().monitorClicks());
            assertFalse(sample.truth().monitorAlarm());
        }
        BatchMeans.perPulse(honestSamples, GroundTruth::detections)
                .assertWithin(SIGMAS, honest.expectation().clickProbability(), "honest detections with test slots");
        Bb84Scenario blinded = honest.under(new DetectorBlinding());
        List<BatchSample> blindedSamples = blinded.samples(900, BATCHES, 4_000_000);
        BatchMeans.perPulse(blindedSamples, GroundTruth::monitorClicks)
                .assertWithin(SIGMAS, blinded.expectation().monitorClicksPerPulse(), "monitor clicks per pulse");
        for (BatchSample sample : blindedSamples) {
            assertTrue(sample.truth().monitorAlarm(), sample.truth().monitorClicks() + " monitor clicks");
        }
    }
}
