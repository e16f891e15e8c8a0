package org.qnetem.physics.batch;

import java.util.Objects;

/**
 * A sampled BBM92 batch: what each receiver recorded, indexed by the same pulses (or coincidence
 * windows) of the batch, and the ground truth.
 */
public record PairSample(DetectionBatch alice, DetectionBatch bob, PairTruth truth) {

    public PairSample {
        Objects.requireNonNull(alice, "alice");
        Objects.requireNonNull(bob, "bob");
        Objects.requireNonNull(truth, "truth");
    }
}
