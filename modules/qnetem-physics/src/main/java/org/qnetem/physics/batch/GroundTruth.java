package org.qnetem.physics.batch;

import java.util.Arrays;
import java.util.Objects;

/**
 * What only the emulator knows about a detection batch, from comparing Bob's clicks with Alice's real
 * states: all detections, those in Alice's basis, those of them whose outcome differs from her bit,
 * double clicks, and detections per intensity class.
 */
public record GroundTruth(long detections, long matchedBasis, long matchedBasisErrors, long doubleClicks,
                          long[] detectionsPerClass) {

    public GroundTruth {
        Objects.requireNonNull(detectionsPerClass, "detectionsPerClass");
        detectionsPerClass = detectionsPerClass.clone();
    }

    /** Error rate of matched-basis detections; NaN when there are none. */
    public double matchedBasisErrorRate() {
        return matchedBasisErrors / (double) matchedBasis;
    }

    public long detectionsOfClass(int k) {
        return detectionsPerClass[k];
    }

    @Override
    public long[] detectionsPerClass() {
        return detectionsPerClass.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroundTruth g && detections == g.detections && matchedBasis == g.matchedBasis
                && matchedBasisErrors == g.matchedBasisErrors && doubleClicks == g.doubleClicks
                && Arrays.equals(detectionsPerClass, g.detectionsPerClass);
    }

    @Override
    public int hashCode() {
        return Objects.hash(detections, matchedBasis, matchedBasisErrors, doubleClicks,
                Arrays.hashCode(detectionsPerClass));
    }

    @Override
    public String toString() {
        return "GroundTruth[detections=" + detections + ", matchedBasis=" + matchedBasis + ", matchedBasisErrors="
                + matchedBasisErrors + ", doubleClicks=" + doubleClicks + ", detectionsPerClass="
                + Arrays.toString(detectionsPerClass) + "]";
    }
}
