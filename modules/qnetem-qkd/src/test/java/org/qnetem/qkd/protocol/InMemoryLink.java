package org.qnetem.qkd.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.qnetem.physics.attack.Attack;
import org.qnetem.physics.batch.BatchSample;
import org.qnetem.physics.batch.Bb84BatchSampler;
import org.qnetem.physics.batch.GroundTruth;
import org.qnetem.physics.batch.PhotonBatch;
import org.qnetem.physics.channel.FibreChannel;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.detector.ThresholdDetector;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.physics.source.WeakCoherentSource;

/**
 * Alice's and Bob's decoy-BB84 engines joined in memory: photon batches go through the real sampler,
 * classical messages through a {@link MessageExchange}.
 */
final class InMemoryLink {

    static final String LINK = "ALICE-BOB";

    final WeakCoherentSource source;
    final Receiver receiver;
    final FibreChannel fibre;
    final DecoyBb84Alice alice;
    final DecoyBb84Bob bob;
    final Map<Long, BlockOutcome> aliceOutcomes;
    final Map<Long, BlockOutcome> bobOutcomes;
    final List<GroundTruth> truths = new ArrayList<>();
    private final Bb84BatchSampler sampler;
    private final StreamKey channelKeys;
    /** Alice is its end a; a test may alter messages on it. */
    final MessageExchange channel;
    private long nextBatch;

    /** Intensities, probabilities and basis bias near the optimum of Lim et al.'s bound for 10^6-bit blocks. */
    static final WeakCoherentSource MEGABIT_BLOCKS = new WeakCoherentSource(1e9, new double[] {0.53, 0.26, 2e-4},
            new double[] {0.28, 0.5, 0.22}, 0.8);
    /** The same for 10^5-bit blocks (bin/qnetem rate --block-bits 100000 at 25 km). */
    static final WeakCoherentSource HUNDRED_KILOBIT_BLOCKS = new WeakCoherentSource(1e9,
            new double[] {0.55, 0.21, 2e-4}, new double[] {0.15, 0.54, 0.31}, 0.7);

    InMemoryLink(double lengthKm, Attack attack, PostProcessingSettings settings, long seed) {
        this(MEGABIT_BLOCKS, lengthKm, attack, settings, seed);
    }

    /** Bob picks his basis with the source's bias, behind a gated InGaAs detector (η 10 %, p_dc 6e-7, e_d 1 %). */
    InMemoryLink(WeakCoherentSource source, double lengthKm, Attack attack, PostProcessingSettings settings,
                 long seed) {
        this(source, lengthKm, attack, settings, seed, Incarnation.FIRST, Incarnation.FIRST);
    }

    /** Alice and Bob in the lives given; batches start at Alice's life's first batch. */
    InMemoryLink(WeakCoherentSource source, double lengthKm, Attack attack, PostProcessingSettings settings,
                 long seed, Incarnation aliceLife, Incarnation bobLife) {
        this.source = source;
        receiver = new Receiver(1.0, ThresholdDetector.gated(0.1, 6e-7), 0.01, source.basisBiasX());
        fibre = FibreChannel.smf28(lengthKm, 0.2, 0);
        sampler = new Bb84BatchSampler(source, fibre, receiver, attack);
        channelKeys = new StreamKey(seed, LINK, "channel", 0);
        alice = new DecoyBb84Alice(LINK, source, seed, aliceLife, settings, new RecordEncoder());
        bob = new DecoyBb84Bob(LINK, source, seed, bobLife, settings, new RecordEncoder());
        nextBatch = aliceLife.firstBatch();
        channel = new MessageExchange(alice::onFrame, bob::onFrame);
        aliceOutcomes = channel.outcomesA;
        bobOutcomes = channel.outcomesB;
    }

    /** Sends batches of {@code pulses} until Bob has finished {@code blocks} blocks or {@code maxBatches} went. */
    InMemoryLink runUntilBlocks(int blocks, long pulses, long maxBatches) {
        for (long b = 0; b < maxBatches && bobOutcomes.size() < blocks; b++) {
            long sequence = nextBatch++;
            long time = Math.round(sequence * pulses * 1e12 / source.clockHz());
            PhotonBatch batch = alice.emit(sequence, time, pulses);
            BatchSample sample = sampler.sample(batch, channelKeys.withSequence(sequence));
            truths.add(sample.truth());
            channel.fromB(bob.onDetections(sample.detections(), time));
            channel.pump(time);
        }
        return this;
    }

    List<KeyBlock> keyBlocks(Map<Long, BlockOutcome> outcomes) {
        return MessageExchange.keyBlocks(outcomes);
    }
}
