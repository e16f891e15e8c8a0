package org.qnetem.qkd.sifting;

import org.qnetem.physics.batch.Bbm92Arm;
import org.qnetem.physics.batch.Bbm92BatchSampler;
import org.qnetem.physics.batch.Bbm92Expectation;
import org.qnetem.physics.batch.PairSample;
import org.qnetem.physics.batch.PhotonBatch;
import org.qnetem.physics.channel.FibreChannel;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.detector.ThresholdDetector;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.physics.source.ContinuousPairSource;
import org.qnetem.physics.source.EntangledPairSource;
import org.qnetem.physics.source.SourceDescriptor;

/** A BBM92 link for the sifting tests: the physics sampler and both engines, joined in memory. */
record Bbm92Link(SourceDescriptor source, Bbm92Arm alice, Bbm92Arm bob) {

    static final String LINK = "ALICE-BOB";
    static final long SEED = 92;

    /**
     * REFERENCE §4.5a's example at 50 km: source in the middle, 0.21 dB/km, η_det = 0.145,
     * Y_0 = 1.7e-6 per side, e_d = 1.5 % (V = 0.97), λ = 0.05 (μ = 0.1), passive basis choice (q = ½).
     */
    static Bbm92Link pulsedReference() {
        EntangledPairSource source = new EntangledPairSource(1e9, 0.1, 0.97);
        // Four detectors per passive receiver share the side's background yield.
        Receiver receiver = new Receiver(1.0, ThresholdDetector.gated(0.145, 1.7e-6 / 4), 0, 0.5);
        Bbm92Arm arm = new Bbm92Arm(FibreChannel.smf28(25, 0.21, 0), receiver, Bbm92Arm.BasisChoice.PASSIVE);
        return new Bbm92Link(source, arm, arm);
    }

    /**
     * REFERENCE §4.5b's example at 10 dB total loss, split evenly: B = 1e7 pairs/s, η = 0.5 × 0.8 per
     * side, 100 dark counts/s per side, t_CC = 0.5 ns, t_Δ = 0.1 ns, V = 0.98, active receivers at q = ½.
     */
    static Bbm92Link continuousReference() {
        ContinuousPairSource source = new ContinuousPairSource(1e7, 500, 100, 0.98);
        // 50 counts/s per detector over a 500 ps window.
        Receiver receiver = new Receiver(0.5, ThresholdDetector.gated(0.8, 50 * 500e-12), 0, 0.5);
        Bbm92Arm arm = new Bbm92Arm(FibreChannel.smf28(25, 0.2, 0), receiver, Bbm92Arm.BasisChoice.ACTIVE);
        return new Bbm92Link(source, arm, arm);
    }

    /**
     * No noise: V = 1, no dark counts, misalignment or timing jitter, and a CW source so dim (10⁻⁷ pairs
     * per 1 ns window) that two unrelated photons share a window once per 10⁷ coincidences. (A pulsed
     * source would not do: two pairs in one pulse give errors even without noise.)
     */
    static Bbm92Link noiseless(Bbm92Arm.BasisChoice choice) {
        ContinuousPairSource source = new ContinuousPairSource(100, 1_000, 0, 1.0);
        Receiver receiver = new Receiver(1.0, ThresholdDetector.gated(0.5, 0), 0, 0.5);
        Bbm92Arm arm = new Bbm92Arm(FibreChannel.smf28(0, 0.2, 0), receiver, choice);
        return new Bbm92Link(source, arm, arm);
    }

    Bbm92Expectation expectation() {
        return Bbm92Expectation.of(source, alice, bob, 0);
    }

    PairSample sample(long sequence, long pulses) {
        PhotonBatch batch = new PhotonBatch(LINK, sequence, sequence * pulses * 1_000, pulses, source,
                new StreamKey(SEED, "EPS", "pulse-state", sequence));
        return new Bbm92BatchSampler(source, alice, bob).sample(batch, new StreamKey(SEED, LINK, "bbm92", sequence));
    }

    /** Both ends' sifted blocks of one batch. */
    record Halves(SiftedBlock alice, SiftedBlock bob) {
    }

    /** Sifts {@code sample} through fresh engines, Bob's detections arriving before Alice's announcement. */
    static Halves sift(PairSample sample) {
        Bbm92Announcer announcer = new Bbm92Announcer(LINK);
        Bbm92Responder responder = new Bbm92Responder(LINK);
        if (responder.onDetections(sample.bob()).isPresent()) {
            throw new AssertionError("sifted without Alice's announcement");
        }
        Bbm92Responder.Sifted bob = responder.onSiftAnnouncement(announcer.onDetections(sample.alice()))
                .orElseThrow();
        return new Halves(announcer.onSiftResponse(bob.response()), bob.block());
    }
}
