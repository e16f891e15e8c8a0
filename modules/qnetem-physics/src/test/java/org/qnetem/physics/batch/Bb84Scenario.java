package org.qnetem.physics.batch;

import java.util.ArrayList;
import java.util.List;
import org.qnetem.physics.attack.Attack;
import org.qnetem.physics.channel.FibreChannel;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.detector.ThresholdDetector;
import org.qnetem.physics.model.Bb84Expectation;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.physics.source.Bb84Source;
import org.qnetem.physics.source.WeakCoherentSource;

/** One link's physics, and helpers to sample it, shared by the sampler tests. */
record Bb84Scenario(Bb84Source source, FibreChannel channel, Receiver receiver, Attack attack) {

    static final long SEED = 20250101;
    static final WeakCoherentSource DECOY = new WeakCoherentSource(1e9, new double[] {0.5, 0.1, 0.0002},
            new double[] {0.8, 0.15, 0.05}, 0.5);

    Bb84Scenario(Bb84Source source, FibreChannel channel, Receiver receiver) {
        this(source, channel, receiver, Attack.NONE);
    }

    static Bb84Scenario decoyLink(double lengthKm, double darkCountPerGate) {
        Receiver receiver = new Receiver(1.0, ThresholdDetector.gated(0.1, darkCountPerGate), 0.01, 0.5);
        return new Bb84Scenario(DECOY, FibreChannel.smf28(lengthKm, 0.2, 0), receiver);
    }

    static Bb84Scenario lossless(Bb84Source source, double darkCountPerGate) {
        Receiver receiver = new Receiver(1.0, ThresholdDetector.gated(1.0, darkCountPerGate), 0.01, 0.5);
        return new Bb84Scenario(source, FibreChannel.smf28(0, 0.2, 0), receiver);
    }

    Bb84Scenario under(Attack newAttack) {
        return new Bb84Scenario(source, channel, receiver, newAttack);
    }

    Bb84BatchSampler sampler() {
        return new Bb84BatchSampler(source, channel, receiver, attack);
    }

    Bb84Expectation expectation() {
        return new Bb84Expectation(source, channel.transmittance(), receiver, attack);
    }

    PhotonBatch batch(long sequence, long pulses) {
        return new PhotonBatch("A-B", sequence, 1_000_000L * sequence, pulses, source,
                new StreamKey(SEED, "A", "pulse-state", sequence));
    }

    static StreamKey channelKey(long sequence) {
        return new StreamKey(SEED, "A-B", "channel", sequence);
    }

    BatchSample sample(long sequence, long pulses) {
        return sampler().sample(batch(sequence, pulses), channelKey(sequence));
    }

    /** Batches {@code firstSequence}, ... of {@code pulses} pulses each, from one sampler. */
    List<BatchSample> samples(long firstSequence, int batches, long pulses) {
        Bb84BatchSampler sampler = sampler();
        List<BatchSample> samples = new ArrayList<>();
        for (long s = firstSequence; s < firstSequence + batches; s++) {
            samples.add(sampler.sample(batch(s, pulses), channelKey(s)));
        }
        return samples;
    }
}
