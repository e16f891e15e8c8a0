package org.qnetem.physics.batch;

import java.util.Objects;

/** A sampled batch: what Bob's device recorded, and the ground truth only the emulator knows. */
public record BatchSample(DetectionBatch detections, GroundTruth truth) {

    public BatchSample {
        Objects.requireNonNull(detections, "detections");
        Objects.requireNonNull(truth, "truth");
    }
}
