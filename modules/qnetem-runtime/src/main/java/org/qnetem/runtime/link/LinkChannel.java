package org.qnetem.runtime.link;

import java.util.List;
import org.qnetem.physics.batch.BatchSample;
import org.qnetem.physics.batch.Bb84BatchSampler;
import org.qnetem.physics.batch.Bbm92BatchSampler;
import org.qnetem.physics.batch.DetectionBatch;
import org.qnetem.physics.batch.GroundTruth;
import org.qnetem.physics.batch.PairSample;
import org.qnetem.physics.batch.PairTruth;
import org.qnetem.physics.batch.PhotonBatch;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.runtime.topology.LinkSpec;

/** The quantum channel physics of one link: what the receivers record of a batch, and its ground truth. */
sealed interface LinkChannel {

    static LinkChannel of(LinkSpec spec) {
        return switch (spec.protocol()) {
            case DECOY_BB84 -> new Bb84(new Bb84BatchSampler(spec.weakCoherentSource(), spec.fibre(), spec.receiver()));
            case BBM92 -> new Bbm92(new Bbm92BatchSampler(spec.source(), spec.armA(), spec.armB()));
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
     */
    record Sampled(List<Delivery> deliveries, long detections, long doubleClicks, long matched, long matchedErrors) {
    }

    record Bb84(Bb84BatchSampler sampler) implements LinkChannel {
        @Override
        public Sampled sample(PhotonBatch batch, StreamKey key) {
            BatchSample sample = sampler.sample(batch, key);
            GroundTruth truth = sample.truth();
            return new Sampled(List.of(new Delivery(LinkRole.RECEIVER, sample.detections())), truth.detections(),
                    truth.doubleClicks(), truth.matchedBasis(), truth.matchedBasisErrors());
        }
    }

    /** The sampler's "alice" arm is end a's, its "bob" arm end b's. */
    record Bbm92(Bbm92BatchSampler sampler) implements LinkChannel {
        @Override
        public Sampled sample(PhotonBatch batch, StreamKey key) {
            PairSample sample = sampler.sample(batch, key);
            PairTruth truth = sample.truth();
            long doubleClicks = sample.alice().doubleClicks().bitCount() + sample.bob().doubleClicks().bitCount();
            return new Sampled(List.of(new Delivery(LinkRole.TRANSMITTER, sample.alice()),
                    new Delivery(LinkRole.RECEIVER, sample.bob())), truth.coincidences(), doubleClicks,
                    truth.matchedBasis(), truth.matchedBasisErrors());
        }
    }
}
