package org.qnetem.qkd.message;

import java.util.Arrays;
import java.util.Objects;

/**
 * Alice to Bob, answering {@link TestBasisBits}: the test-basis errors she counted in the block, one
 * count per intensity class (decoy BB84: signal, decoy, vacuum; BBM92: a single class). With the
 * detections per basis and class that sifting already made public, both ends now hold the same counts
 * for the finite-key bound.
 */
public record ErrorEstimate(String linkId, long batchSequence, long[] testErrors) implements ClassicalMessage {

    public ErrorEstimate {
        Objects.requireNonNull(linkId, "linkId");
        if (testErrors.length < 1 || testErrors.length > 4) {
            throw new IllegalArgumentException("one error count per intensity class (1 to 4) needed, got "
                    + testErrors.length);
        }
        testErrors = testErrors.clone();
        for (long errors : testErrors) {
            if (errors < 0) {
                throw new IllegalArgumentException("error counts must be >= 0, got " + Arrays.toString(testErrors));
            }
        }
    }

    @Override
    public long[] testErrors() {
        return testErrors.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ErrorEstimate e && linkId.equals(e.linkId) && batchSequence == e.batchSequence
                && Arrays.equals(testErrors, e.testErrors);
    }

    @Override
    public int hashCode() {
        return Objects.hash(linkId, batchSequence, Arrays.hashCode(testErrors));
    }

    @Override
    public String toString() {
        return "ErrorEstimate[link=" + linkId + ", block=" + batchSequence + ", errors "
                + Arrays.toString(testErrors) + "]";
    }
}
