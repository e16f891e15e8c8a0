package org.qnetem.physics.batch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetem.physics.detector.GatedTiming;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.detector.ThresholdDetector;
import org.qnetem.physics.model.Bb84Expectation;

/**
 * Monte Carlo against the analytic model for the parameter sets of {@link Links}: per intensity
 * class, the gain (detections per pulse) and the error rate of the matched-basis detections; and
 * the sifted, double-click and afterpulse rates. Each set is sampled in 40 batches at a fixed seed,
 * over at least 10^6 detections, and every figure must lie within 4 standard errors (estimated from
 * the spread between batches, see {@link BatchMeans}) of the model's stationary expectation.
 */
class DetectorStatisticsTest {

    private static final double SIGMAS = 4;
    private static final int BATCHES = 40;
    private static final double MIN_DETECTIONS = 1e6;

    @Test
    void gatedInGaAsWithAfterpulsesAndDeadTimeOverShortFibre() {
        assertMatchesModel(Links.IN_GAAS, 100);
    }

    @Test
    void freeRunningSnspdOverLongFibre() {
        assertMatchesModel(Links.SNSPD, 200);
    }

    @Test
    void oneIntensityWithoutDecoysAndNoisyDetectors() {
        assertMatchesModel(Links.NO_DECOYS, 300);
    }

    @Test
    void singlePhotonSource() {
        assertMatchesModel(Links.SINGLE_PHOTONS, 400);
    }

    /** The dead time matters in these tests: without it the InGaAs link would click twice as often. */
    @Test
    void theInGaAsLinkIsSaturated() {
        Bb84Expectation model = Links.IN_GAAS.expectation();
        Bb84Expectation withoutDeadTime = new Bb84Scenario(Links.IN_GAAS.source(), Links.IN_GAAS.channel(),
                new Receiver(1.0, new ThresholdDetector(0.2, new GatedTiming(1e-5, 0), 0.05, 60), 0.01, 0.5))
                .expectation();
        double ratio = model.clickProbability() / withoutDeadTime.clickProbability();
        assertTrue(ratio > 0.45 && ratio < 0.55, "dead time keeps " + ratio + " of the clicks");
    }

    private static void assertMatchesModel(Bb84Scenario link, long firstSequence) {
        Bb84Expectation model = link.expectation();
        long pulses = (long) Math.ceil(1.05 * MIN_DETECTIONS / (BATCHES * model.clickProbability()));
        List<BatchSample> samples = link.samples(firstSequence, BATCHES, pulses);
        BatchMeans detections = BatchMeans.perPulse(samples, GroundTruth::detections);
        assertTrue(detections.total() >= MIN_DETECTIONS, "only " + detections.total() + " detections");
        detections.assertWithin(SIGMAS, model.clickProbability(), "detections per pulse");
        for (int k = 0; k < link.source().classCount(); k++) {
            int c = k;
            BatchMeans.perPulse(samples, truth -> truth.detectionsOfClass(c))
                    .assertWithin(SIGMAS, link.source().probability(k) * model.clickProbability(k),
                            "class " + k + " detections per pulse");
            BatchMeans.ratio(samples, truth -> truth.matchedErrorsOfClass(c), truth -> truth.matchedOfClass(c))
                    .assertWithin(SIGMAS, model.qber(k), "class " + k + " matched-basis error rate");
        }
        BatchMeans.perPulse(samples, GroundTruth::matchedBasis)
                .assertWithin(SIGMAS, model.siftedPerPulse(), "matched-basis detections per pulse");
        BatchMeans.ratio(samples, GroundTruth::matchedBasisErrors, GroundTruth::matchedBasis)
                .assertWithin(SIGMAS, model.qber(), "matched-basis error rate");
        BatchMeans.perPulse(samples, GroundTruth::doubleClicks)
                .assertWithin(SIGMAS, model.doubleClickProbability(), "double clicks per pulse");
        if (model.afterpulseProbability() > 0) {
            BatchMeans.perPulse(samples, GroundTruth::afterpulses)
                    .assertWithin(SIGMAS, model.afterpulseProbability(), "afterpulses per pulse");
        }
    }
}
