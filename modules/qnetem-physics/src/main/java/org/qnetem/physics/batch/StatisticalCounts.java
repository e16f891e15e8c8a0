package org.qnetem.physics.batch;

import java.util.Arrays;

/**
 * What a photon batch gave on a link emulated at statistical fidelity: counts only, per intensity class
 * (decoy BB84: signal, decoy, vacuum; BBM92: one class).
 *
 * @param detections     decoy BB84: Bob's detections; BBM92: coincidences
 * @param doubleClicks   detections squashed to a random bit (both ends' for BBM92)
 * @param keyDetections  sifted detections in the key basis (X at both ends), per class
 * @param keyErrors      of those, the ones whose two bits differ
 * @param testDetections sifted detections in the test basis (Z at both ends), per class
 * @param testErrors     of those, the ones whose two bits differ
 */
public record StatisticalCounts(long pulses, long detections, long doubleClicks, long[] keyDetections,
                                long[] keyErrors, long[] testDetections, long[] testErrors) {

    public StatisticalCounts {
        keyDetections = keyDetections.clone();
        keyErrors = keyErrors.clone();
        testDetections = testDetections.clone();
        testErrors = testErrors.clone();
    }

    public long keyBits() {
        return sum(keyDetections);
    }

    /** Sifted bits of both bases. */
    public long siftedBits() {
        return keyBits() + sum(testDetections);
    }

    /** Errors among the sifted bits of both bases. */
    public long siftedErrors() {
        return sum(keyErrors) + sum(testErrors);
    }

    @Override
    public long[] keyDetections() {
        return keyDetections.clone();
    }

    @Override
    public long[] keyErrors() {
        return keyErrors.clone();
    }

    @Override
    public long[] testDetections() {
        return testDetections.clone();
    }

    @Override
    public long[] testErrors() {
        return testErrors.clone();
    }

    /** A plain loop: these sums run for every batch of every statistical link, where a stream's setup showed. */
    private static long sum(long[] counts) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatisticalCounts c && pulses == c.pulses && detections == c.detections
                && doubleClicks == c.doubleClicks && Arrays.equals(keyDetections, c.keyDetections)
                && Arrays.equals(keyErrors, c.keyErrors) && Arrays.equals(testDetections, c.testDetections)
                && Arrays.equals(testErrors, c.testErrors);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new long[] {pulses, detections, doubleClicks, Arrays.hashCode(keyDetections),
            Arrays.hashCode(testDetections)});
    }
}
