package org.qnetem.qkd.sifting;

import java.util.Arrays;
import java.util.Objects;
import org.qnetem.physics.batch.PackedBits;

/**
 * One end's sifted bits from one photon batch: the detections in which both ends used the same basis,
 * in pulse order, each with the basis (1 = X) and the intensity class Alice announced. Alice's bit
 * and Bob's bit at the same position come from the same pulse; they differ where the channel erred.
 */
public record SiftedBlock(String linkId, long batchSequence, PackedBits bits, PackedBits bases,
                          byte[] intensityClasses) {

    public SiftedBlock {
        Objects.requireNonNull(linkId, "linkId");
        if (bases.length() != bits.length() || intensityClasses.length != bits.length()) {
            throw new IllegalArgumentException("sifted block needs one basis and one class per bit: " + bits.length()
                    + " bits, " + bases.length() + " bases, " + intensityClasses.length + " classes");
        }
        intensityClasses = intensityClasses.clone();
    }

    public int length() {
        return bits.length();
    }

    @Override
    public byte[] intensityClasses() {
        return intensityClasses.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SiftedBlock s && linkId.equals(s.linkId) && batchSequence == s.batchSequence
                && bits.equals(s.bits) && bases.equals(s.bases) && Arrays.equals(intensityClasses, s.intensityClasses);
    }

    @Override
    public int hashCode() {
        return Objects.hash(linkId, batchSequence, bits, bases, Arrays.hashCode(intensityClasses));
    }

    @Override
    public String toString() {
        return "SiftedBlock[link=" + linkId + ", seq=" + batchSequence + ", " + length() + " bits]";
    }
}
