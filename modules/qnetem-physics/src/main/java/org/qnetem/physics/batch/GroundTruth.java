package org.qnetem.physics.batch;

import java.util.Arrays;
import java.util.Objects;

/**
 * What only the emulator knows about a detection batch, from comparing Bob's clicks with Alice's and
 * Eve's real choices: per intensity class, the detections, those in Alice's basis (matched, the
 * ones sifting keeps) and those of them whose outcome differs from Alice's bit; double clicks;
 * afterpulses; matched detections whose bit Eve knows; and what Bob's blinding monitor reported
 * (clicks in its test slots, and whether they reached its alarm threshold; 0 and false without a
 * monitor).
 */
public record GroundTruth(long[] detectionsPerClass, long[] matchedPerClass, long[] matchedErrorsPerClass,
                          long doubleClicks, long afterpulses, long eveKnownMatched, long monitorClicks,
                          boolean monitorAlarm) {

    public GroundTruth {
        Objects.requireNonNull(detectionsPerClass, "detectionsPerClass");
        Objects.requireNonNull(matchedPerClass, "matchedPerClass");
        Objects.requireNonNull(matchedErrorsPerClass, "matchedErrorsPerClass");
        if (matchedPerClass.length != detectionsPerClass.length
                || matchedErrorsPerClass.length != detectionsPerClass.length) {
            throw new IllegalArgumentException("per-class counts must have one entry per class: "
                    + detectionsPerClass.length + ", " + matchedPerClass.length + ", " + matchedErrorsPerClass.length);
        }
        detectionsPerClass = detectionsPerClass.clone();
        matchedPerClass = matchedPerClass.clone();
        matchedErrorsPerClass = matchedErrorsPerClass.clone();
    }

    public long detections() {
        return Arrays.stream(detectionsPerClass).sum();
    }

    public long matchedBasis() {
        return Arrays.stream(matchedPerClass).sum();
    }

    public long matchedBasisErrors() {
        return Arrays.stream(matchedErrorsPerClass).sum();
    }

    /** Error rate of matched-basis detections; NaN when there are none. */
    public double matchedBasisErrorRate() {
        return matchedBasisErrors() / (double) matchedBasis();
    }

    public long detectionsOfClass(int k) {
        return detectionsPerClass[k];
    }

    public long matchedOfClass(int k) {
        return matchedPerClass[k];
    }

    public long matchedErrorsOfClass(int k) {
        return matchedErrorsPerClass[k];
    }

    @Override
    public long[] detectionsPerClass() {
        return detectionsPerClass.clone();
    }

    @Override
    public long[] matchedPerClass() {
        return matchedPerClass.clone();
    }

    @Override
    public long[] matchedErrorsPerClass() {
        return matchedErrorsPerClass.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroundTruth g && Arrays.equals(detectionsPerClass, g.detectionsPerClass)
                && Arrays.equals(matchedPerClass, g.matchedPerClass)
                && Arrays.equals(matchedErrorsPerClass, g.matchedErrorsPerClass) && doubleClicks == g.doubleClicks
                && afterpulses == g.afterpulses && eveKnownMatched == g.eveKnownMatched
                && monitorClicks == g.monitorClicks && monitorAlarm == g.monitorAlarm;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(detectionsPerClass), Arrays.hashCode(matchedPerClass),
                Arrays.hashCode(matchedErrorsPerClass), doubleClicks, afterpulses, eveKnownMatched, monitorClicks,
                monitorAlarm);
    }

    @Override
    public String toString() {
        return "GroundTruth[detectionsPerClass=" + Arrays.toString(detectionsPerClass) + ", matchedPerClass="
                + Arrays.toString(matchedPerClass) + ", matchedErrorsPerClass=" + Arrays.toString(matchedErrorsPerClass)
                + ", doubleClicks=" + doubleClicks + ", afterpulses=" + afterpulses + ", eveKnownMatched="
                + eveKnownMatched + ", monitorClicks=" + monitorClicks + ", monitorAlarm=" + monitorAlarm + "]";
    }
}
