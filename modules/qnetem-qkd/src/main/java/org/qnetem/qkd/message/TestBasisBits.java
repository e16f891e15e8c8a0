package org.qnetem.qkd.message;

import java.util.Arrays;
import java.util.Objects;
import org.qnetem.physics.batch.PackedBits;

/**
 * Bob to Alice: he closes key block {@code batchSequence} (the block id) over the photon batches
 * {@code firstBatch} … {@code lastBatch}, less {@code discardedBatches} (batches whose sifting failed),
 * and discloses his test-basis (Z) bits of those batches, in pulse order, so that Alice can count the
 * test-basis errors per intensity. Test bits are sacrificed: they never enter a key.
 */
public record TestBasisBits(String linkId, long batchSequence, long firstBatch, long lastBatch,
                            long[] discardedBatches, PackedBits bits) implements ClassicalMessage {

    public TestBasisBits {
        Objects.requireNonNull(linkId, "linkId");
        Objects.requireNonNull(bits, "bits");
        if (firstBatch < 0 || lastBatch < firstBatch) {
            throw new IllegalArgumentException("block " + batchSequence + ": batch range " + firstBatch + " .. "
                    + lastBatch + " is empty or negative");
        }
        discardedBatches = discardedBatches.clone();
        for (long batch : discardedBatches) {
            if (batch < firstBatch || batch > lastBatch) {
                throw new IllegalArgumentException("block " + batchSequence + ": discarded batch " + batch
                        + " is outside " + firstBatch + " .. " + lastBatch);
            }
        }
    }

    @Override
    public long[] discardedBatches() {
        return discardedBatches.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TestBasisBits t && linkId.equals(t.linkId) && batchSequence == t.batchSequence
                && firstBatch == t.firstBatch && lastBatch == t.lastBatch
                && Arrays.equals(discardedBatches, t.discardedBatches) && bits.equals(t.bits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(linkId, batchSequence, firstBatch, lastBatch, Arrays.hashCode(discardedBatches), bits);
    }

    @Override
    public String toString() {
        return "TestBasisBits[link=" + linkId + ", block=" + batchSequence + ", batches " + firstBatch + ".."
                + lastBatch + ", " + discardedBatches.length + " discarded, " + bits.length() + " bits]";
    }
}
