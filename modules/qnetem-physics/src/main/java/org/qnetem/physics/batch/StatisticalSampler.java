package org.qnetem.physics.batch;

import org.qnetem.physics.model.Bb84Expectation;
import org.qnetem.physics.random.BinomialSampler;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.source.Bb84Source;

/**
 * Statistical fidelity: draws a batch's counts from the same detection model the batch samplers follow
 * ({@link Bb84Expectation}, {@link Bbm92Expectation}) without drawing a single click. Per batch of N
 * pulses: the pulses of each intensity class (a multinomial, drawn as successive binomials), the class's
 * detections among them, of those the sifted ones (bases matched), of those the key-basis ones (X at both
 * ends; the rest are test-basis), and the errors in each at the class's QBER. Every draw is a
 * {@link BinomialSampler} draw from the batch's own stream, so a batch's counts depend only on its key.
 *
 * <p>What is lost against the full sampler: correlations inside a batch (dead time after a click within
 * the batch, the rested receiver at each batch's start) enter only through the model's stationary
 * averages, and double clicks are drawn as a share of all detections rather than per class.
 */
public final class StatisticalSampler {

    private final double[] classProbability;
    private final double[] clickProbability;
    private final double[] siftedGivenClick;
    private final double[] qber;
    private final double keyShare;
    private final double[] doubleClickPerPulse;

    private StatisticalSampler(double[] classProbability, double[] clickProbability, double[] siftedGivenClick,
                               double[] qber, double keyShare, double[] doubleClickPerPulse) {
        this.classProbability = classProbability;
        this.clickProbability = clickProbability;
        this.siftedGivenClick = siftedGivenClick;
        this.qber = qber;
        this.keyShare = keyShare;
        this.doubleClickPerPulse = doubleClickPerPulse;
    }

    /** Decoy BB84 with {@code source} at Alice and the detection model {@code link} at Bob. */
    public static StatisticalSampler decoyBb84(Bb84Source source, Bb84Expectation link) {
        int classes = source.classCount();
        double[] probability = new double[classes];
        double[] click = new double[classes];
        double[] sifted = new double[classes];
        double[] error = new double[classes];
        for (int k = 0; k < classes; k++) {
            probability[k] = source.probability(k);
            click[k] = link.clickProbability(k);
            sifted[k] = click[k] == 0 ? 0 : Math.min(1, link.siftedProbability(k) / click[k]);
            error[k] = link.siftedProbability(k) == 0 ? 0 : link.qber(k);
        }
        double bothX = source.basisBiasX() * link.kinds().optics().receiver().basisBiasX();
        double total = link.clickProbability();
        return new StatisticalSampler(probability, click, sifted, error, bothX / link.basisMatchProbability(),
                new double[] {total == 0 ? 0 : link.doubleClickProbability()});
    }

    /** BBM92 with receivers choosing X with probabilities {@code aliceX} and {@code bobX}. */
    public static StatisticalSampler bbm92(Bbm92Expectation link, double aliceX, double bobX) {
        return bbm92(link, link.matchedErrorProbability(), aliceX, bobX);
    }

    /**
     * As {@link #bbm92(Bbm92Expectation, double, double)}, with {@code matchedErrors} (per pulse) in place of the
     * link's own: an eavesdropper's errors ({@link PairInterceptResend#matchedErrorProbability}).
     */
    public static StatisticalSampler bbm92(Bbm92Expectation link, double matchedErrors, double aliceX, double bobX) {
        double coincidence = link.coincidenceProbability();
        double matched = link.matchedBasisProbability();
        double bothX = aliceX * bobX;
        return new StatisticalSampler(new double[] {1}, new double[] {coincidence},
                new double[] {coincidence == 0 ? 0 : Math.min(1, matched / coincidence)},
                new double[] {matched == 0 ? 0 : matchedErrors / matched},
                bothX / (bothX + (1 - aliceX) * (1 - bobX)),
                new double[] {link.aliceDoubleClickProbability(), link.bobDoubleClickProbability()});
    }

    public int classes() {
        return classProbability.length;
    }

    /** The counts of a batch of {@code pulses} pulses, drawn from {@code stream}. */
    public StatisticalCounts sample(long pulses, RandomStream stream) {
        int classes = classes();
        long[] key = new long[classes];
        long[] keyErrors = new long[classes];
        long[] test = new long[classes];
        long[] testErrors = new long[classes];
        long detections = 0;
        long pulsesLeft = pulses;
        double probabilityLeft = 1;
        for (int k = 0; k < classes; k++) {
            long classPulses = k == classes - 1 ? pulsesLeft : BinomialSampler.binomial(stream, pulsesLeft,
                    Math.min(1, classProbability[k] / probabilityLeft));
            pulsesLeft -= classPulses;
            probabilityLeft -= classProbability[k];
            long clicks = BinomialSampler.binomial(stream, classPulses, clickProbability[k]);
            detections += clicks;
            long sifted = BinomialSampler.binomial(stream, clicks, siftedGivenClick[k]);
            key[k] = BinomialSampler.binomial(stream, sifted, keyShare);
            test[k] = sifted - key[k];
            keyErrors[k] = BinomialSampler.binomial(stream, key[k], qber[k]);
            testErrors[k] = BinomialSampler.binomial(stream, test[k], qber[k]);
        }
        long doubleClicks = 0;
        for (double perPulse : doubleClickPerPulse) {
            doubleClicks += BinomialSampler.binomial(stream, pulses, perPulse);
        }
        return new StatisticalCounts(pulses, detections, doubleClicks, key, keyErrors, test, testErrors);
    }
}
