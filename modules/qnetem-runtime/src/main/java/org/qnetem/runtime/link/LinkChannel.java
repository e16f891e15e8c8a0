package org.qnetem.runtime.link;

import java.util.List;
import java.util.Optional;
import org.qnetem.physics.batch.BatchSample;
import org.qnetem.physics.batch.Bb84BatchSampler;
import org.qnetem.physics.batch.Bbm92BatchSampler;
import org.qnetem.physics.batch.DetectionBatch;
import org.qnetem.physics.batch.GroundTruth;
import org.qnetem.physics.batch.PairInterceptResend;
import org.qnetem.physics.batch.PairSample;
import org.qnetem.physics.batch.PairTruth;
import org.qnetem.physics.batch.PhotonBatch;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.runtime.fault.LinkConditions;
import org.qnetem.runtime.topology.LinkSpec;

/** The quantum channel physics of one link: what the receivers record of a batch, and its ground truth. */
sealed interface LinkChannel {

    /** Purpose suffix of the stream an intercept-resend on a BBM92 batch draws from. */
    String INTERCEPT_RESEND_PURPOSE = "/intercept-resend";

    /** The link under {@code conditions} (on BBM92, the faults the fault book lets through: see LinkConditions). */
    static LinkChannel of(LinkSpec spec, LinkConditions conditions) {
        return switch (spec.protocol()) {
            case DECOY_BB84 -> new Bb84(new Bb84BatchSampler(spec.weakCoherentSource(),
                    conditions.channel(spec.fibre()), conditions.receiver(spec.receiver()), conditions.attack()));
            case BBM92 -> new Bbm92(new Bbm92BatchSampler(spec.source(), spec.armA(), conditions.armB(spec.armB())),
                    conditions.pairAttack(spec.sourcePositionKm() > 0, spec.sourcePositionKm() < spec.fibre().lengthKm()),
                    spec.armA().receiver().basisBiasX(), spec.armB().receiver().basisBiasX());
        };
    }

    Sampled sample(PhotonBatch batch, StreamKey key);

    /** A record for one end's node. */
    record Delivery(LinkRole role, DetectionBatch detections) {
    }

    /**
     * What a batch gave: the records to deliver, and its ground-truth counts.
     *
     * @param detections   decoy BB84: pulses at which Bob's detectors clicked; BBM92: coincidences, pulses
     *                     (windows) at which both ends' detectors clicked
     * @param doubleClicks detections whose outcome was squashed to a random bit, at both ends for BBM92
     * @param matched      detections (coincidences) in matching bases: what sifting keeps
     * @param matchedErrors of those, the ones whose two bits differ
     * @param eveKnownMatched of the matched ones, those whose bit Eve knows
     * @param monitorClicks clicks in Bob's blinding-monitor test gates, and whether they raised its alarm
     */
    record Sampled(List<Delivery> deliveries, long detections, long doubleClicks, long matched, long matchedErrors,
                   long eveKnownMatched, long monitorClicks, boolean monitorAlarm) {
    }

    record Bb84(Bb84BatchSampler sampler) implements LinkChannel {
        @Override
        public Sampled sample(PhotonBatch batch, StreamKey key) {
            BatchSample sample = sampler.sample(batch, key);
            GroundTruth truth = sample.truth();
            return new Sampled(List.of(new Delivery(LinkRole.RECEIVER, sample.detections())), truth.detections(),
                    truth.doubleClicks(), truth.matchedBasis(), truth.matchedBasisErrors(), truth.eveKnownMatched(),
                    truth.monitorClicks(), truth.monitorAlarm());
        }
    }

    /**
     * The sampler's "alice" arm is end a's, its "bob" arm end b's; an intercept-resend rewrites the sampled bits
     * from its own stream (the batch's key with {@link #INTERCEPT_RESEND_PURPOSE}), so the clicks are the
     * honest link's.
     */
    record Bbm92(Bbm92BatchSampler sampler, Optional<PairInterceptResend> attack, double biasXA, double biasXB)
            implements LinkChannel {
        @Override
        public Sampled sample(PhotonBatch batch, StreamKey key) {
            PairSample sample = sampler.sample(batch, key);
            long eveKnown = 0;
            if (attack.isPresent()) {
                PairInterceptResend.Attacked attacked = attack.get().apply(sample, biasXA, biasXB,
                        new RandomStream(key.withPurpose(key.purpose() + INTERCEPT_RESEND_PURPOSE)));
                sample = attacked.sample();
                eveKnown = attacked.eveKnownMatched();
            }
            PairTruth truth = sample.truth();
            long doubleClicks = sample.alice().doubleClicks().bitCount() + sample.bob().doubleClicks().bitCount();
            return new Sampled(List.of(new Delivery(LinkRole.TRANSMITTER, sample.alice()),
                    new Delivery(LinkRole.RECEIVER, sample.bob())), truth.coincidences(), doubleClicks,
                    truth.matchedBasis(), truth.matchedBasisErrors(), eveKnown, 0, false);
        }
    }
}
