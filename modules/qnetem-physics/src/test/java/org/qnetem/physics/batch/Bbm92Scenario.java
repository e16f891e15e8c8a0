package org.qnetem.physics.batch;

import org.qnetem.physics.channel.FibreChannel;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.detector.ThresholdDetector;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.physics.source.ContinuousPairSource;
import org.qnetem.physics.source.EntangledPairSource;
import org.qnetem.physics.source.SourceDescriptor;

/** One BBM92 link's physics, and helpers to sample it, shared by the pair-sampler tests. */
record Bbm92Scenario(SourceDescriptor source, Bbm92Arm alice, Bbm92Arm bob) {

    static final long SEED = 20250607;
    static final double DETECTOR_EFFICIENCY = 0.5;
    static final double PULSED_DARK_PER_GATE = 1e-5;
    /** 1000 dark counts per second per detector, in a 500 ps window. */
    static final double CW_DARK_PER_WINDOW = 5e-7;

    /** μ = 0.1 (λ = 0.05), V = 0.98, active receivers without misalignment; Bob favours X (q = 0.7). */
    static Bbm92Scenario pulsed(double totalLossDb, boolean sourceInMiddle) {
        return activeLink(new EntangledPairSource(1e9, 0.1, 0.98), totalLossDb, sourceInMiddle, PULSED_DARK_PER_GATE);
    }

    /** B = 2·10^7 pairs/s, t_CC = 500 ps, t_Δ = 400 ps (η_tCC = 0.86), V = 0.98, as {@link #pulsed} otherwise. */
    static Bbm92Scenario continuous(double totalLossDb, boolean sourceInMiddle) {
        return activeLink(new ContinuousPairSource(2e7, 500, 400, 0.98), totalLossDb, sourceInMiddle,
                CW_DARK_PER_WINDOW);
    }

    private static Bbm92Scenario activeLink(SourceDescriptor source, double totalLossDb, boolean sourceInMiddle,
                                            double darkCount) {
        double aliceLoss = sourceInMiddle ? totalLossDb / 2 : 0;
        Receiver aliceReceiver = new Receiver(1.0, ThresholdDetector.gated(DETECTOR_EFFICIENCY, darkCount), 0, 0.5);
        Receiver bobReceiver = new Receiver(1.0, ThresholdDetector.gated(DETECTOR_EFFICIENCY, darkCount), 0, 0.7);
        return new Bbm92Scenario(source, arm(aliceLoss, aliceReceiver, Bbm92Arm.BasisChoice.ACTIVE),
                arm(totalLossDb - aliceLoss, bobReceiver, Bbm92Arm.BasisChoice.ACTIVE));
    }

    /** A fibre of {@code lossDb} at 0.2 dB/km. */
    static Bbm92Arm arm(double lossDb, Receiver receiver, Bbm92Arm.BasisChoice choice) {
        return new Bbm92Arm(FibreChannel.smf28(lossDb / 0.2, 0.2, 0), receiver, choice);
    }

    Bbm92BatchSampler sampler() {
        return new Bbm92BatchSampler(source, alice, bob);
    }

    Bbm92Expectation expectation() {
        return Bbm92Expectation.of(source, alice, bob, 0);
    }

    PhotonBatch batch(long sequence, long pulses) {
        return new PhotonBatch("A-B", sequence, 1_000_000L * sequence, pulses, source,
                new StreamKey(SEED, "EPS", "pulse-state", sequence));
    }

    static StreamKey key(long sequence) {
        return new StreamKey(SEED, "A-B", "bbm92", sequence);
    }

    PairSample sample(long sequence, long pulses) {
        return sampler().sample(batch(sequence, pulses), key(sequence));
    }

    /** The summed ground truth of {@code batches} batches of {@code pulses} pulses each. */
    PairTruth sampleTruth(int batches, long pulses) {
        Bbm92BatchSampler sampler = sampler();
        PairTruth total = new PairTruth(0, 0, 0, 0, 0, 0);
        for (int sequence = 0; sequence < batches; sequence++) {
            total = total.plus(sampler.sample(batch(sequence, pulses), key(sequence)).truth());
        }
        return total;
    }
}
