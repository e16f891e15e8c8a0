package org.qnetem.bench;

import org.qnetem.physics.batch.Bb84BatchSampler;
import org.qnetem.physics.batch.DetectionBatch;
import org.qnetem.physics.batch.PhotonBatch;
import org.qnetem.physics.channel.FibreChannel;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.detector.ThresholdDetector;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.physics.source.WeakCoherentSource;
import org.qnetem.qkd.sifting.Bb84Transmitter;

/**
 * Real batches of a two-node link with the fibre and receiver of config/two-node.conf (25 km, gated
 * detector of efficiency 0.1, dark counts 6e-7 per gate, 1 % misalignment) and a 1 GHz decoy source
 * (μ = 0.5 / 0.1 / 0.0002 with probabilities 0.8 / 0.15 / 0.05, unbiased bases); about 13,000
 * detections per 10^6 pulses.
 */
final class TwoNodeBatches {

    static final String LINK = "ALICE-BOB";
    static final long SEED = 1;
    static final long PULSES_PER_BATCH = 1_000_000;

    private final WeakCoherentSource source = new WeakCoherentSource(1e9, new double[] {0.5, 0.1, 2e-4},
            new double[] {0.8, 0.15, 0.05}, 0.5);
    private final Bb84BatchSampler sampler = new Bb84BatchSampler(source, FibreChannel.smf28(25, 0.2, 0),
            new Receiver(1.0, ThresholdDetector.gated(0.1, 6e-7), 0.01, 0.5));

    WeakCoherentSource source() {
        return source;
    }

    PhotonBatch photonBatch(long sequence) {
        return photonBatch(sequence, PULSES_PER_BATCH);
    }

    PhotonBatch photonBatch(long sequence, long pulses) {
        return new PhotonBatch(LINK, sequence, sequence * pulses * 1000, pulses, source,
                new StreamKey(SEED, LINK, Bb84Transmitter.PULSE_STATE_PURPOSE, sequence));
    }

    DetectionBatch detections(PhotonBatch batch) {
        return sampler.sample(batch, new StreamKey(SEED, LINK, "channel", batch.sequence())).detections();
    }
}
