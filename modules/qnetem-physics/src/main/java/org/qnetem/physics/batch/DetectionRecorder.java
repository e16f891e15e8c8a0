package org.qnetem.physics.batch;

import java.util.Arrays;

/** Collects the detections of one batch, and their ground-truth counts, without per-click allocation. */
final class DetectionRecorder {

    // The largest array length every JVM allows.
    private static final int MAX_DETECTIONS = Integer.MAX_VALUE - 8;

    private long[] indices;
    private int count;
    private final PackedBits.Builder bases;
    private final PackedBits.Builder outcomes;
    private final PackedBits.Builder doubleClicks;
    private long matchedBasis;
    private long matchedBasisErrors;
    private long doubleClickCount;
    private final long[] perClass;

    DetectionRecorder(int expectedDetections, int classCount) {
        indices = new long[Math.max(1, expectedDetections)];
        bases = new PackedBits.Builder(expectedDetections);
        outcomes = new PackedBits.Builder(expectedDetections);
        doubleClicks = new PackedBits.Builder(expectedDetections);
        perClass = new long[classCount];
    }

    void record(long pulseIndex, int intensityClass, boolean xBasis, boolean basesMatch, int outcome,
                boolean doubleClick, boolean error) {
        if (count == indices.length) {
            grow();
        }
        indices[count++] = pulseIndex;
        bases.append(xBasis);
        outcomes.append(outcome == 1);
        doubleClicks.append(doubleClick);
        perClass[intensityClass]++;
        if (basesMatch) {
            matchedBasis++;
            if (error) {
                matchedBasisErrors++;
            }
        }
        if (doubleClick) {
            doubleClickCount++;
        }
    }

    BatchSample toSample(PhotonBatch batch, long arrivalTimePs) {
        DetectionBatch detections = new DetectionBatch(batch.linkId(), batch.sequence(), arrivalTimePs,
                batch.pulseCount(), Arrays.copyOf(indices, count), bases.build(), outcomes.build(),
                doubleClicks.build());
        return new BatchSample(detections,
                new GroundTruth(count, matchedBasis, matchedBasisErrors, doubleClickCount, perClass));
    }

    private void grow() {
        if (count == MAX_DETECTIONS) {
            throw new IllegalArgumentException("more than " + MAX_DETECTIONS
                    + " detections in one batch; send shorter batches");
        }
        indices = Arrays.copyOf(indices, (int) Math.min(MAX_DETECTIONS, 2L * count));
    }
}
