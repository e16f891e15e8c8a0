package org.qnetem.physics.batch;

import java.util.Arrays;

/** The detections of one receiver for one batch, appended in pulse order without per-click allocation. */
final class SideRecord {

    // The largest array length every JVM allows.
    private static final int MAX_DETECTIONS = Integer.MAX_VALUE - 8;

    private long[] indices;
    private int count;
    private final PackedBits.Builder bases;
    private final PackedBits.Builder outcomes;
    private final PackedBits.Builder doubleClicks;

    SideRecord(int expectedDetections) {
        indices = new long[Math.max(1, expectedDetections)];
        bases = new PackedBits.Builder(expectedDetections);
        outcomes = new PackedBits.Builder(expectedDetections);
        doubleClicks = new PackedBits.Builder(expectedDetections);
    }

    void record(long pulseIndex, int basis, int outcome, boolean doubleClick) {
        if (count == indices.length) {
            if (count == MAX_DETECTIONS) {
                throw new IllegalArgumentException("more than " + MAX_DETECTIONS
                        + " detections in one batch; send shorter batches");
            }
            indices = Arrays.copyOf(indices, (int) Math.min(MAX_DETECTIONS, 2L * count));
        }
        indices[count++] = pulseIndex;
        bases.append(basis == 1);
        outcomes.append(outcome == 1);
        doubleClicks.append(doubleClick);
    }

    int count() {
        return count;
    }

    DetectionBatch toBatch(PhotonBatch batch, long arrivalTimePs) {
        return new DetectionBatch(batch.linkId(), batch.sequence(), arrivalTimePs, batch.pulseCount(),
                Arrays.copyOf(indices, count), bases.build(), outcomes.build(), doubleClicks.build());
    }
}
