package org.qnetem.qkd.message;

import java.util.Arrays;
import java.util.Objects;
import org.qnetem.physics.batch.PackedBits;

/**
 * Alice to Bob, answering a {@link SiftAnnouncement} detection by detection: whether her basis matched
 * his, and which intensity class (signal or decoy) she sent.
 */
public record SiftResponse(String linkId, long batchSequence, PackedBits basisMatches, byte[] intensityClasses)
        implements ClassicalMessage {

    public SiftResponse {
        Objects.requireNonNull(linkId, "linkId");
        if (intensityClasses.length != basisMatches.length()) {
            throw new IllegalArgumentException(basisMatches.length() + " basis matches but "
                    + intensityClasses.length + " intensity classes");
        }
        for (byte k : intensityClasses) {
            if (k < 0 || k > 3) {
                throw new IllegalArgumentException("intensity class must be in [0, 3], got " + k);
            }
        }
        intensityClasses = intensityClasses.clone();
    }

    public int count() {
        return intensityClasses.length;
    }

    public int intensityClass(int i) {
        return intensityClasses[i];
    }

    @Override
    public byte[] intensityClasses() {
        return intensityClasses.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SiftResponse s && linkId.equals(s.linkId) && batchSequence == s.batchSequence
                && basisMatches.equals(s.basisMatches) && Arrays.equals(intensityClasses, s.intensityClasses);
    }

    @Override
    public int hashCode() {
        return Objects.hash(linkId, batchSequence, basisMatches, Arrays.hashCode(intensityClasses));
    }

    @Override
    public String toString() {
        return "SiftResponse[link=" + linkId + ", seq=" + batchSequence + ", " + count() + " detections, "
                + basisMatches.bitCount() + " matched]";
    }
}
