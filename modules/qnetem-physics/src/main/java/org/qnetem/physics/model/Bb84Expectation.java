package org.qnetem.physics.model;

import java.util.function.ToDoubleFunction;
import org.qnetem.physics.attack.Attack;
import org.qnetem.physics.attack.LinkOptics;
import org.qnetem.physics.attack.PulseKinds;
import org.qnetem.physics.channel.FibreChannel;
import org.qnetem.physics.detector.ClickDistribution;
import org.qnetem.physics.detector.ClickRenewal;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.source.Bb84Source;

/**
 * Expectations, per emitted pulse unless a rate is asked for, of the BB84 detection model that
 * {@code Bb84BatchSampler} samples, attack included.
 *
 * <p>The model. In a live slot a class-k pulse reaches Bob as one of the {@link PulseKinds} of the
 * attack (the honest link has one kind per class: its photons, Poisson or at most one, each
 * registered with probability η = channel × receiver efficiency; {@link ClickDistribution} shows how
 * misalignment, dark counts and double clicks follow). Alice picks X with probability q_A, Bob with
 * q_B, independently; a double click and an afterpulse each yield a random bit. Sums over a live
 * slot are exact. Dead time, afterpulses and monitor test slots enter through the stationary shares
 * of {@link ClickRenewal}, exact in the long run (with no afterpulses or test slots the click rate is
 * P/(1 + P n_d), REFERENCE.md §4.1's R/(1 + Rτ)); each batch starts with a rested receiver, which
 * adds less than n_d times the click rate to a batch's clicks.
 *
 * <p>Probabilities are computed with {@link StrictMath}, so the sampler's tables, built from them,
 * are the same on every JVM.
 */
public final class Bb84Expectation {

    private final Bb84Source source;
    private final double transmittance;
    private final PulseKinds kinds;
    private final LiveSlotOutcomes[] perClass;
    private final ClickRenewal renewal;

    /** The honest link over a fibre of constant loss. */
    public Bb84Expectation(Bb84Source source, FibreChannel channel, Receiver receiver) {
        this(source, channel.transmittance(), receiver, Attack.NONE);
    }

    public Bb84Expectation(Bb84Source source, double channelTransmittance, Receiver receiver, Attack attack) {
        this.source = source;
        LinkOptics optics = new LinkOptics(source, channelTransmittance, receiver);
        transmittance = optics.transmittance();
        kinds = attack.kinds(optics);
        perClass = new LiveSlotOutcomes[source.classCount()];
        double clickPerLiveSlot = 0;
        for (int k = 0; k < perClass.length; k++) {
            perClass[k] = LiveSlotOutcomes.of(kinds, k);
            clickPerLiveSlot += source.probability(k) * perClass[k].clicks;
        }
        renewal = new ClickRenewal(clickPerLiveSlot, kinds.deadSlots(), kinds.afterpulseProbability(),
                kinds.testSlotFraction());
    }

    /** The pulse kinds of the link under its attack, from which the sampler builds its tables. */
    public PulseKinds kinds() {
        return kinds;
    }

    /** η: the probability that one emitted photon reaches a detector and is registered (no attack). */
    public double transmittance() {
        return transmittance;
    }

    /** Q_k: registered detections of class-k pulses per class-k pulse (the gain), afterpulses included. */
    public double clickProbability(int k) {
        return renewal.liveNonTestWeight() * perClass[k].clicks + renewal.afterpulsesPerSlot();
    }

    /** Registered detections per pulse. */
    public double clickProbability() {
        return renewal.clicksPerSlot();
    }

    /** q_A·q_B + (1−q_A)(1−q_B): probability that Bob's basis choice is Alice's. */
    public double basisMatchProbability() {
        double aliceX = source.basisBiasX();
        double bobX = kinds.optics().receiver().basisBiasX();
        return aliceX * bobX + (1 - aliceX) * (1 - bobX);
    }

    /** Detections of class-k pulses in Alice's basis, per class-k pulse. */
    public double siftedProbability(int k) {
        return renewal.liveNonTestWeight() * perClass[k].sifted
                + renewal.afterpulsesPerSlot() * basisMatchProbability();
    }

    /** Detections in Alice's basis per pulse. */
    public double siftedPerPulse() {
        double sum = 0;
        for (int k = 0; k < perClass.length; k++) {
            sum += source.probability(k) * siftedProbability(k);
        }
        return sum;
    }

    /** Error rate of class-k detections in Alice's basis; NaN if there can be none. */
    public double qber(int k) {
        return siftedErrorProbability(k) / siftedProbability(k);
    }

    /** Error rate of all detections in Alice's basis; NaN if there can be none. */
    public double qber() {
        double errors = 0;
        for (int k = 0; k < perClass.length; k++) {
            errors += source.probability(k) * siftedErrorProbability(k);
        }
        return errors / siftedPerPulse();
    }

    /** Probability per pulse that both detectors of Bob's basis click. */
    public double doubleClickProbability() {
        return renewal.liveNonTestWeight() * classAverage(sums -> sums.doubleClicks);
    }

    /** Afterpulse detections per pulse. */
    public double afterpulseProbability() {
        return renewal.afterpulsesPerSlot();
    }

    /** Detections in Alice's basis whose bit Eve knows, per pulse. */
    public double eveKnownSiftedPerPulse() {
        return renewal.liveNonTestWeight() * classAverage(sums -> sums.eveKnownSifted)
                + renewal.afterpulsesPerSlot() * classAverage(sums -> sums.eveKnownSiftedAfterpulse);
    }

    /** Clicks in the blinding monitor's test slots per pulse. */
    public double monitorClicksPerPulse() {
        return renewal.liveTestWeight() * classAverage(sums -> sums.testSlotClicks);
    }

    public double detectionRateHz() {
        return source.clockHz() * clickProbability();
    }

    public double siftedRateBps() {
        return source.clockHz() * siftedPerPulse();
    }

    private double siftedErrorProbability(int k) {
        return renewal.liveNonTestWeight() * perClass[k].siftedErrors
                + renewal.afterpulsesPerSlot() * basisMatchProbability() / 2;
    }

    private double classAverage(ToDoubleFunction<LiveSlotOutcomes> field) {
        double sum = 0;
        for (int k = 0; k < perClass.length; k++) {
            sum += source.probability(k) * field.applyAsDouble(perClass[k]);
        }
        return sum;
    }
}
