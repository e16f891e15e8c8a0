package org.qnetem.physics.batch;

import java.util.Arrays;
import java.util.Objects;

/**
 * What Bob's device recorded for one photon batch: the pulse indices that clicked (ascending) and,
 * per click, the basis he chose for that pulse (1 = X), the detector outcome bit, and whether both
 * detectors of that basis clicked (the outcome is then a random bit, squashed).
 */
public record DetectionBatch(String linkId, long sequence, long arrivalTimePs, long pulseCount,
                             long[] pulseIndices, PackedBits bases, PackedBits outcomes, PackedBits doubleClicks) {

    public DetectionBatch {
        Objects.requireNonNull(linkId, "linkId");
        int n = pulseIndices.length;
        if (bases.length() != n || outcomes.length() != n || doubleClicks.length() != n) {
            throw new IllegalArgumentException("per-detection fields must have " + n + " entries: bases "
                    + bases.length() + ", outcomes " + outcomes.length() + ", double clicks " + doubleClicks.length());
        }
        long previous = -1;
        for (long index : pulseIndices) {
            if (index <= previous || index >= pulseCount) {
                throw new IllegalArgumentException("pulse indices must ascend within [0, " + pulseCount
                        + "), got " + index + " after " + previous);
            }
            previous = index;
        }
        pulseIndices = pulseIndices.clone();
    }

    public int count() {
        return pulseIndices.length;
    }

    public long pulseIndex(int detection) {
        return pulseIndices[detection];
    }

    @Override
    public long[] pulseIndices() {
        return pulseIndices.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DetectionBatch d && linkId.equals(d.linkId) && sequence == d.sequence
                && arrivalTimePs == d.arrivalTimePs && pulseCount == d.pulseCount
                && Arrays.equals(pulseIndices, d.pulseIndices) && bases.equals(d.bases)
                && outcomes.equals(d.outcomes) && doubleClicks.equals(d.doubleClicks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(linkId, sequence, arrivalTimePs, Arrays.hashCode(pulseIndices));
    }

    @Override
    public String toString() {
        return "DetectionBatch[link=" + linkId + ", seq=" + sequence + ", arrival=" + arrivalTimePs + "ps, "
                + count() + " of " + pulseCount + " pulses]";
    }
}
