package org.qnetem.qkd.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.qnetem.physics.batch.Bbm92Arm;
import org.qnetem.physics.batch.Bbm92BatchSampler;
import org.qnetem.physics.batch.PairSample;
import org.qnetem.physics.batch.PairTruth;
import org.qnetem.physics.batch.PhotonBatch;
import org.qnetem.physics.channel.FibreChannel;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.detector.ThresholdDetector;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.physics.source.ContinuousPairSource;
import org.qnetem.physics.source.SourceDescriptor;

/**
 * The two BBM92 engines joined in memory: pair batches go through the real sampler with the source in
 * the middle, classical messages through a {@link MessageExchange} (the responding end is its end a).
 * The announcing end gets its detections first; the responding end gets its own before the
 * announcement on even batches and after it on odd ones, so both of its sifting orders run.
 */
final class Bbm92InMemoryLink {

    static final String LINK = "ALICE-BOB";

    final SourceDescriptor source;
    final Bbm92RespondingEnd responder;
    final Bbm92AnnouncingEnd announcer;
    final List<PairTruth> truths = new ArrayList<>();
    private final Bbm92BatchSampler sampler;
    private final StreamKey channelKeys;
    private final StreamKey unusedStateKeys;
    /** The responding end is its end a; a test may alter messages on it. */
    final MessageExchange channel;
    private long nextBatch;

    /**
     * REFERENCE §4.5b's CW example with visibility {@code visibility} and {@code lossDb} of fibre on each
     * side of the source: B = 1e7 pairs/s, η = 0.5 × 0.8 per side, 100 dark counts/s per side,
     * t_CC = 0.5 ns, t_Δ = 0.1 ns (V = 0.98 in the example), active receivers at q = ½.
     */
    static Bbm92InMemoryLink continuousReference(double visibility, double lossDbPerSide,
                                                 PostProcessingSettings settings, long seed) {
        ContinuousPairSource source = new ContinuousPairSource(1e7, 500, 100, visibility);
        // 50 counts/s per detector over a 500 ps window.
        Receiver receiver = new Receiver(0.5, ThresholdDetector.gated(0.8, 50 * 500e-12), 0, 0.5);
        Bbm92Arm arm = new Bbm92Arm(FibreChannel.smf28(lossDbPerSide / 0.2, 0.2, 0), receiver,
                Bbm92Arm.BasisChoice.ACTIVE);
        return new Bbm92InMemoryLink(source, arm, arm, settings, seed);
    }

    Bbm92InMemoryLink(SourceDescriptor source, Bbm92Arm announcerArm, Bbm92Arm responderArm,
                      PostProcessingSettings settings, long seed) {
        this.source = source;
        sampler = new Bbm92BatchSampler(source, announcerArm, responderArm);
        channelKeys = new StreamKey(seed, LINK, "bbm92", 0);
        unusedStateKeys = new StreamKey(seed, "EPS", "pulse-state", 0);
        responder = new Bbm92RespondingEnd(LINK, seed, settings, new RecordEncoder());
        announcer = new Bbm92AnnouncingEnd(LINK, seed, settings, new RecordEncoder());
        channel = new MessageExchange(responder::onFrame, announcer::onFrame);
    }

    /**
     * Sends batches of {@code pulses} until the announcing end has finished {@code blocks} blocks or
     * {@code maxBatches} went.
     */
    Bbm92InMemoryLink runUntilBlocks(int blocks, long pulses, long maxBatches) {
        for (long b = 0; b < maxBatches && channel.outcomesB.size() < blocks; b++) {
            long sequence = nextBatch++;
            long time = Math.round(sequence * pulses * 1e12 / source.clockHz());
            PhotonBatch batch = new PhotonBatch(LINK, sequence, time, pulses, source,
                    unusedStateKeys.withSequence(sequence));
            PairSample sample = sampler.sample(batch, channelKeys.withSequence(sequence));
            truths.add(sample.truth());
            channel.fromB(announcer.onDetections(sample.alice(), time));
            if (sequence % 2 == 0) {
                channel.fromA(responder.onDetections(sample.bob(), time));
                channel.pump(time);
            } else {
                channel.pump(time);
                channel.fromA(responder.onDetections(sample.bob(), time));
                channel.pump(time);
            }
        }
        return this;
    }

    Map<Long, BlockOutcome> responderOutcomes() {
        return channel.outcomesA;
    }

    Map<Long, BlockOutcome> announcerOutcomes() {
        return channel.outcomesB;
    }

    List<KeyBlock> keyBlocks(Map<Long, BlockOutcome> outcomes) {
        return MessageExchange.keyBlocks(outcomes);
    }
}
