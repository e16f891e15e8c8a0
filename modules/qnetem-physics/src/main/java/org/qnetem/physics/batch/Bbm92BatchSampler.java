package org.qnetem.physics.batch;

import java.util.Objects;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.physics.source.ContinuousPairSource;
import org.qnetem.physics.source.EntangledPairSource;
import org.qnetem.physics.source.SourceDescriptor;

/**
 * Samples exactly what both receivers of a BBM92 link record for a batch of pump pulses (pulsed SPDC)
 * or coincidence windows (CW SPDC), in time proportional to the detections rather than the pulses.
 *
 * <p>Every pulse of a batch has the same probability P of a detection at either end (the channels are
 * evaluated once, at the batch's emission time). So the pulses with detections are found by geometric
 * skipping — gap = floor(ln U / ln(1 − P)), U uniform in (0, 1] — with no thinning needed, and each is
 * drawn from the exact conditional law of a pulse given a detection: photon by photon for a pulsed
 * source ({@link PulsedPairSampler}), in REFERENCE §4.5b's first-order event classes for a CW window
 * ({@link WindowPairSampler}); their documentation gives the models. Alice's and Bob's records share
 * the batch's pulse indices; each arrives after its own arm's delay.
 *
 * <p>All draws come, in order, from one {@link RandomStream} of the key given to {@link #sample}, e.g.
 * (run seed, link id, "bbm92", batch sequence); the batch's pulse-state key is not used, since a pair
 * source prepares no per-pulse state. A sampler is immutable and may be shared between threads.
 */
public final class Bbm92BatchSampler {

    /**
     * Pulses are drawn pair by pair, so a pulse costs its pair number; SPDC sources for QKD run at
     * μ ≲ 0.5, where multi-pair emission is already the main source of errors.
     */
    public static final double MAX_MEAN_PAIRS_PER_PULSE = 10;

    // Leaves headroom below the largest Java array for fluctuations above the mean.
    private static final int MAX_EXPECTED_DETECTIONS = 1 << 30;

    private final SourceDescriptor source;
    private final Bbm92Arm alice;
    private final Bbm92Arm bob;

    public Bbm92BatchSampler(SourceDescriptor source, Bbm92Arm alice, Bbm92Arm bob) {
        this.source = Objects.requireNonNull(source, "source");
        this.alice = Objects.requireNonNull(alice, "alice");
        this.bob = Objects.requireNonNull(bob, "bob");
        if (!(source instanceof EntangledPairSource) && !(source instanceof ContinuousPairSource)) {
            throw new IllegalArgumentException("BBM92 needs a pair source, got " + source);
        }
        if (source instanceof EntangledPairSource pulsed && pulsed.meanPairsPerPulse() > MAX_MEAN_PAIRS_PER_PULSE) {
            throw new IllegalArgumentException(pulsed.meanPairsPerPulse() + " pairs per pulse is beyond the "
                    + MAX_MEAN_PAIRS_PER_PULSE + " this sampler draws pair by pair");
        }
    }

    /** Both receivers' records of {@code batch}, with ground truth, drawn from the stream of {@code key}. */
    public PairSample sample(PhotonBatch batch, StreamKey key) {
        if (!source.equals(batch.source())) {
            throw new IllegalArgumentException("batch " + batch.linkId() + "#" + batch.sequence() + " comes from "
                    + batch.source() + " but this sampler models " + source);
        }
        long emission = batch.emissionTimePs();
        PairLinkPhysics physics = new PairLinkPhysics(source, alice, bob, emission);
        long pulses = batch.pulseCount();
        SideRecord aliceRecord = new SideRecord(capacity(pulses, physics.aliceDetectionProbability()));
        SideRecord bobRecord = new SideRecord(capacity(pulses, physics.bobDetectionProbability()));
        PairEventSampler pulse = PairEventSampler.of(physics);
        RandomStream random = new RandomStream(key);
        long coincidences = 0;
        long trueCoincidences = 0;
        long matched = 0;
        long errors = 0;
        double candidate = pulse.candidateProbability();
        double logNotCandidate = Math.log1p(-candidate);
        long index = -1;
        while (candidate > 0) {
            double gap = candidate >= 1 ? 0 : Math.floor(Math.log(random.nextOpenDouble()) / logNotCandidate);
            if (gap >= pulses - 1 - index) {
                break;
            }
            index += 1 + (long) gap;
            pulse.sample(random);
            if (pulse.aliceClicked) {
                aliceRecord.record(index, pulse.aliceBasis, pulse.aliceOutcome, pulse.aliceDoubleClick);
            }
            if (pulse.bobClicked) {
                bobRecord.record(index, pulse.bobBasis, pulse.bobOutcome, pulse.bobDoubleClick);
            }
            if (pulse.aliceClicked && pulse.bobClicked) {
                coincidences++;
                if (pulse.truePair) {
                    trueCoincidences++;
                }
                if (pulse.aliceBasis == pulse.bobBasis) {
                    matched++;
                    if (pulse.aliceOutcome != pulse.bobOutcome) {
                        errors++;
                    }
                }
            }
        }
        PairTruth truth = new PairTruth(aliceRecord.count(), bobRecord.count(), coincidences, trueCoincidences,
                matched, errors);
        return new PairSample(aliceRecord.toBatch(batch, emission + alice.channel().delayPsAt(emission)),
                bobRecord.toBatch(batch, emission + bob.channel().delayPsAt(emission)), truth);
    }

    /** The closed-form expectation of this link for light emitted at {@code emissionTimePs}. */
    public Bbm92Expectation expectationAt(long emissionTimePs) {
        return new Bbm92Expectation(new PairLinkPhysics(source, alice, bob, emissionTimePs));
    }

    /** A little above the mean so the buffers rarely grow; they grow by doubling when they must. */
    private static int capacity(long pulses, double detectionProbability) {
        double mean = pulses * detectionProbability;
        if (mean > MAX_EXPECTED_DETECTIONS) {
            throw new IllegalArgumentException(pulses + " pulses would give about " + (long) mean
                    + " detections at one end, more than one batch holds (" + MAX_EXPECTED_DETECTIONS
                    + "); send shorter batches");
        }
        return (int) (mean + 5 * Math.sqrt(mean) + 16);
    }
}
