package org.qnetem.physics.batch;

import java.util.Arrays;

/**
 * Collects the detections of one batch, and their ground-truth counts, without per-click allocation.
 * A click costs two array stores (its index and one byte of flags); the bit fields and per-class
 * counts are built from the flags once, at the end.
 */
final class DetectionRecorder {

    // The largest array length every JVM allows.
    private static final int MAX_DETECTIONS = Integer.MAX_VALUE - 8;
    private static final int X_BASIS = 1;
    private static final int OUTCOME_ONE = 1 << 1;
    private static final int DOUBLE_CLICK = 1 << 2;
    private static final int MATCHED = 1 << 3;
    private static final int ERROR = 1 << 4;
    private static final int CLASS_SHIFT = 5;

    private final int classCount;
    private long[] indices;
    private byte[] flags;
    private int count;
    private long afterpulses;
    private long eveKnownMatched;
    private long monitorClicks;

    DetectionRecorder(int expectedDetections, int classCount) {
        this.classCount = classCount;
        indices = new long[Math.max(1, expectedDetections)];
        flags = new byte[indices.length];
    }

    /** One registered click; {@code matched} means Bob measured in Alice's basis, {@code error} against her bit. */
    void record(long pulseIndex, int intensityClass, boolean xBasis, int outcome, boolean doubleClick, boolean matched,
                boolean error) {
        if (count == indices.length) {
            grow();
        }
        indices[count] = pulseIndex;
        flags[count] = (byte) ((xBasis ? X_BASIS : 0) | (outcome == 1 ? OUTCOME_ONE : 0)
                | (doubleClick ? DOUBLE_CLICK : 0) | (matched ? MATCHED : 0) | (error ? ERROR : 0)
                | intensityClass << CLASS_SHIFT);
        count++;
    }

    void countAfterpulse() {
        afterpulses++;
    }

    void countEveKnownMatched() {
        eveKnownMatched++;
    }

    void countMonitorClick() {
        monitorClicks++;
    }

    BatchSample toSample(PhotonBatch batch, long arrivalTimePs, long alarmClicks, boolean monitorOn) {
        int words = PackedBits.wordsFor(count);
        long[] bases = new long[words];
        long[] outcomes = new long[words];
        long[] doubleClicks = new long[words];
        long[] perClass = new long[classCount];
        long[] matchedPerClass = new long[classCount];
        long[] matchedErrorsPerClass = new long[classCount];
        long doubleClickCount = 0;
        for (int d = 0; d < count; d++) {
            int f = flags[d];
            long bit = 1L << (d & 63);
            int k = f >>> CLASS_SHIFT;
            perClass[k]++;
            if ((f & X_BASIS) != 0) {
                bases[d >>> 6] |= bit;
            }
            if ((f & OUTCOME_ONE) != 0) {
                outcomes[d >>> 6] |= bit;
            }
            if ((f & DOUBLE_CLICK) != 0) {
                doubleClicks[d >>> 6] |= bit;
                doubleClickCount++;
            }
            if ((f & MATCHED) != 0) {
                matchedPerClass[k]++;
                if ((f & ERROR) != 0) {
                    matchedErrorsPerClass[k]++;
                }
            }
        }
        DetectionBatch detections = new DetectionBatch(batch.linkId(), batch.sequence(), arrivalTimePs,
                batch.pulseCount(), Arrays.copyOf(indices, count), PackedBits.of(bases, count),
                PackedBits.of(outcomes, count), PackedBits.of(doubleClicks, count));
        return new BatchSample(detections, new GroundTruth(perClass, matchedPerClass, matchedErrorsPerClass,
                doubleClickCount, afterpulses, eveKnownMatched, monitorClicks,
                monitorOn && monitorClicks >= alarmClicks));
    }

    private void grow() {
        if (count == MAX_DETECTIONS) {
            throw new IllegalArgumentException("more than " + MAX_DETECTIONS
                    + " detections in one batch; send shorter batches");
        }
        int length = (int) Math.min(MAX_DETECTIONS, 2L * count);
        indices = Arrays.copyOf(indices, length);
        flags = Arrays.copyOf(flags, length);
    }
}
