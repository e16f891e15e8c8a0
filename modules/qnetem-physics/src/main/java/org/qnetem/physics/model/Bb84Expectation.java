package org.qnetem.physics.model;

import org.qnetem.physics.channel.FibreChannel;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.source.WeakCoherentSource;

/**
 * Closed-form expectations of the BB84 detection model that {@code Bb84BatchSampler} samples, per
 * emitted pulse unless a rate is asked for.
 *
 * <p>The model. A pulse of class k carries Poisson photons with mean m_k = η·μ_k at Bob's detectors,
 * η = channel transmittance × receiver efficiency. Bob measures in X with probability q_B (active
 * choice), Alice sent X with probability q_A. Poisson thinning splits the photons between the two
 * threshold detectors of Bob's basis: in the matching basis the correct one gets mean m(1−e_d) and
 * the wrong one m·e_d; in the other basis each gets m/2. Each detector also dark-counts with p_d,
 * independently. So the correct and wrong detectors click independently with
 * <pre>
 *   p_c = 1 − (1−p_d)·exp(−m(1−e)),   p_w = 1 − (1−p_d)·exp(−m·e),   e = e_d (bases match) or 1/2
 * </pre>
 * and some detector clicks with P_k = 1 − (1−p_d)²·exp(−m_k) whatever the bases. A double click
 * yields a uniformly random bit (squashing), so a matched-basis click is wrong with probability
 * p_w(1−p_c) + p_c·p_w/2.
 *
 * <p>Expressions are evaluated with log1p/expm1 so tiny probabilities keep full relative precision.
 */
public final class Bb84Expectation {

    private final WeakCoherentSource source;
    private final double transmittance;
    private final double misalignment;
    private final double basisBiasX;
    private final double logNoDarkCount;

    public Bb84Expectation(WeakCoherentSource source, FibreChannel channel, Receiver receiver) {
        this.source = source;
        transmittance = channel.transmittance() * receiver.efficiency();
        misalignment = receiver.misalignment();
        basisBiasX = receiver.basisBiasX();
        logNoDarkCount = Math.log1p(-receiver.detector().darkCountPerGate());
    }

    /** η: the probability that one emitted photon reaches a detector and is registered. */
    public double transmittance() {
        return transmittance;
    }

    /** m_k: mean photon number of a class-k pulse at Bob's detectors. */
    public double meanPhotonsAtDetectors(int k) {
        return transmittance * source.intensity(k);
    }

    /** P_k: probability that a class-k pulse makes at least one of Bob's detectors click. */
    public double clickProbability(int k) {
        return -Math.expm1(2 * logNoDarkCount - meanPhotonsAtDetectors(k));
    }

    /** Σ_k p_k·P_k. */
    public double clickProbability() {
        double sum = 0;
        for (int k = 0; k < source.classCount(); k++) {
            sum += source.probability(k) * clickProbability(k);
        }
        return sum;
    }

    /** p_c: probability that the detector for Alice's bit clicks on a class-k pulse. */
    public double correctClickProbability(int k, boolean basesMatch) {
        return detectorClickProbability(meanPhotonsAtDetectors(k) * (1 - errorSplit(basesMatch)));
    }

    /** p_w: probability that the detector for the other bit clicks on a class-k pulse. */
    public double wrongClickProbability(int k, boolean basesMatch) {
        return detectorClickProbability(meanPhotonsAtDetectors(k) * errorSplit(basesMatch));
    }

    /** q_A·q_B + (1−q_A)(1−q_B). */
    public double basisMatchProbability() {
        double aliceX = source.basisBiasX();
        return aliceX * basisBiasX + (1 - aliceX) * (1 - basisBiasX);
    }

    /** Clicks in matching bases per pulse; clicks do not depend on the bases, so this factorises. */
    public double siftedPerPulse() {
        return clickProbability() * basisMatchProbability();
    }

    /** Error rate of matched-basis clicks of class k; NaN if class k can never click. */
    public double qber(int k) {
        return matchedErrorProbability(k) / clickProbability(k);
    }

    /** Error rate of all matched-basis clicks, all classes; NaN if nothing can click. */
    public double qber() {
        double errors = 0;
        for (int k = 0; k < source.classCount(); k++) {
            errors += source.probability(k) * matchedErrorProbability(k);
        }
        return errors / clickProbability();
    }

    /** Probability per pulse that both detectors of Bob's basis click. */
    public double doubleClickProbability() {
        double match = basisMatchProbability();
        double sum = 0;
        for (int k = 0; k < source.classCount(); k++) {
            double matched = correctClickProbability(k, true) * wrongClickProbability(k, true);
            double mismatched = correctClickProbability(k, false) * wrongClickProbability(k, false);
            sum += source.probability(k) * (match * matched + (1 - match) * mismatched);
        }
        return sum;
    }

    public double detectionRateHz() {
        return source.clockHz() * clickProbability();
    }

    public double siftedRateBps() {
        return source.clockHz() * siftedPerPulse();
    }

    private double matchedErrorProbability(int k) {
        double correct = correctClickProbability(k, true);
        double wrong = wrongClickProbability(k, true);
        return wrong * (1 - correct) + 0.5 * correct * wrong;
    }

    private double errorSplit(boolean basesMatch) {
        return basesMatch ? misalignment : 0.5;
    }

    private double detectorClickProbability(double meanPhotons) {
        return -Math.expm1(logNoDarkCount - meanPhotons);
    }
}
