package org.qnetem.physics.batch;

import java.util.Arrays;

/**
 * Collects the detections of one batch, and their ground-truth counts, without per-click allocation.
 * Flags go straight into their packed words and counts are added, not branched on: the flags are
 * random, so branches on them would be mispredicted about half the time.
 */
final class DetectionRecorder {

    // The largest array length every JVM allows.
    private static final int MAX_DETECTIONS = Integer.MAX_VALUE - 8;

    private long[] indices;
    private long[] bases;
    private long[] outcomes;
    private long[] doubleClicks;
    private int count;
    private final long[] perClass;
    private final long[] matchedPerClass;
    private final long[] matchedErrorsPerClass;
    private long doubleClickCount;
    private long afterpulses;
    private long eveKnownMatched;
    private long monitorClicks;

    DetectionRecorder(int expectedDetections, int classCount) {
        int capacity = Math.max(1, expectedDetections);
        indices = new long[capacity];
        bases = new long[PackedBits.wordsFor(capacity)];
        outcomes = new long[bases.length];
        doubleClicks = new long[bases.length];
        perClass = new long[classCount];
        matchedPerClass = new long[classCount];
        matchedErrorsPerClass = new long[classCount];
    }

    /**
     * One registered click; each flag is 0 or 1. {@code matched} means Bob measured in Alice's basis,
     * {@code error} that the outcome differs from her bit.
     */
    void record(long pulseIndex, int intensityClass, int xBasis, int outcome, int doubleClick, int matched,
                int error) {
        if (count == indices.length) {
            grow();
        }
        indices[count] = pulseIndex;
        int word = count >>> 6;
        // A long shift uses the low six bits of its distance: the position within the word.
        bases[word] |= (long) xBasis << count;
        outcomes[word] |= (long) outcome << count;
        doubleClicks[word] |= (long) doubleClick << count;
        perClass[intensityClass]++;
        matchedPerClass[intensityClass] += matched;
        matchedErrorsPerClass[intensityClass] += matched & error;
        doubleClickCount += doubleClick;
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
        int capacity = (int) Math.min(MAX_DETECTIONS, 2L * count);
        indices = Arrays.copyOf(indices, capacity);
        int words = PackedBits.wordsFor(capacity);
        bases = Arrays.copyOf(bases, words);
        outcomes = Arrays.copyOf(outcomes, words);
        doubleClicks = Arrays.copyOf(doubleClicks, words);
    }
}
