package org.qnetem.qkd.message;

import java.util.Arrays;
import java.util.Objects;
import org.qnetem.physics.batch.PackedBits;

/** Bob to Alice: the pulses of a batch that clicked, and the basis (1 = X) he measured each in. */
public record SiftAnnouncement(String linkId, long batchSequence, long[] pulseIndices, PackedBits bases)
        implements ClassicalMessage {

    public SiftAnnouncement {
        Objects.requireNonNull(linkId, "linkId");
        if (bases.length() != pulseIndices.length) {
            throw new IllegalArgumentException(pulseIndices.length + " pulse indices but " + bases.length() + " bases");
        }
        pulseIndices = pulseIndices.clone();
    }

    public int count() {
        return pulseIndices.length;
    }

    public long pulseIndex(int i) {
        return pulseIndices[i];
    }

    @Override
    public long[] pulseIndices() {
        return pulseIndices.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SiftAnnouncement s && linkId.equals(s.linkId) && batchSequence == s.batchSequence
                && Arrays.equals(pulseIndices, s.pulseIndices) && bases.equals(s.bases);
    }

    @Override
    public int hashCode() {
        return Objects.hash(linkId, batchSequence, Arrays.hashCode(pulseIndices), bases);
    }

    @Override
    public String toString() {
        return "SiftAnnouncement[link=" + linkId + ", seq=" + batchSequence + ", " + count() + " detections]";
    }
}
