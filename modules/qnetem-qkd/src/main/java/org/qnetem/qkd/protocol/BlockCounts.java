package org.qnetem.qkd.protocol;

import java.util.Arrays;

/**
 * What a key block observed, per intensity class (decoy BB84: signal, decoy, vacuum; BBM92: one
 * class): detections in the key basis, detections in the test basis, and test-basis errors. Both ends
 * hold the same counts once Alice has announced the errors.
 */
public record BlockCounts(long[] keyDetections, long[] testDetections, long[] testErrors) {

    public BlockCounts {
        int classes = keyDetections.length;
        if (classes < 1 || testDetections.length != classes || testErrors.length != classes) {
            throw new IllegalArgumentException("one count per intensity class in each of key detections ("
                    + keyDetections.length + "), test detections (" + testDetections.length + ") and test errors ("
                    + testErrors.length + ")");
        }
        keyDetections = keyDetections.clone();
        testDetections = testDetections.clone();
        testErrors = testErrors.clone();
        for (int k = 0; k < classes; k++) {
            if (keyDetections[k] < 0 || testErrors[k] < 0 || testErrors[k] > testDetections[k]) {
                throw new IllegalArgumentException("class " + k + ": " + keyDetections[k] + " key detections, "
                        + testErrors[k] + " test errors in " + testDetections[k] + " test detections");
            }
        }
    }

    public int classes() {
        return keyDetections.length;
    }

    public long keyBits() {
        return Arrays.stream(keyDetections).sum();
    }

    public long testBits() {
        return Arrays.stream(testDetections).sum();
    }

    public long testErrorCount() {
        return Arrays.stream(testErrors).sum();
    }

    /** Test-basis errors over test-basis detections, all classes together; NaN with no test bits. */
    public double testQber() {
        long bits = testBits();
        return bits == 0 ? Double.NaN : (double) testErrorCount() / bits;
    }

    @Override
    public long[] keyDetections() {
        return keyDetections.clone();
    }

    @Override
    public long[] testDetections() {
        return testDetections.clone();
    }

    @Override
    public long[] testErrors() {
        return testErrors.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockCounts c && Arrays.equals(keyDetections, c.keyDetections)
                && Arrays.equals(testDetections, c.testDetections) && Arrays.equals(testErrors, c.testErrors);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(keyDetections) + Arrays.hashCode(testDetections))
                + Arrays.hashCode(testErrors);
    }

    @Override
    public String toString() {
        return "BlockCounts[key " + Arrays.toString(keyDetections) + ", test " + Arrays.toString(testDetections)
                + ", test errors " + Arrays.toString(testErrors) + "]";
    }
}
