package org.qnetem.qkd.protocol;

import java.util.Arrays;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.qkd.sifting.SiftedBlock;

/**
 * One end's sifted bits of a key block, split by basis: key-basis (X) bits become the raw key,
 * test-basis (Z) bits are disclosed for parameter estimation, each kept with its intensity class.
 * The block spans photon batches {@code firstBatch} … {@code lastBatch} less the discarded ones.
 */
record BlockMaterial(long blockId, long firstBatch, long lastBatch, long[] discardedBatches, PackedBits keyBits,
                     long[] keyCounts, PackedBits testBits, byte[] testClasses, long[] testCounts) {

    /** Gathers sifted batches in batch order; a batch's test bits and key bits keep their pulse order. */
    static final class Builder {

        private final int classes;
        private final long blockId;
        private final long firstBatch;
        private final PackedBits.Builder keyBits = new PackedBits.Builder(1 << 16);
        private final PackedBits.Builder testBits = new PackedBits.Builder(1 << 16);
        private byte[] testClasses = new byte[1 << 16];
        private long[] discarded = new long[0];
        private final long[] keyCounts;
        private final long[] testCounts;
        private long lastBatch;

        Builder(int classes, long blockId, long firstBatch) {
            this.classes = classes;
            this.blockId = blockId;
            this.firstBatch = firstBatch;
            this.lastBatch = firstBatch - 1;
            this.keyCounts = new long[classes];
            this.testCounts = new long[classes];
        }

        void append(SiftedBlock batch) {
            advanceTo(batch.batchSequence());
            byte[] batchClasses = batch.intensityClasses();
            for (int i = 0; i < batch.length(); i++) {
                int k = batchClasses[i];
                if (k >= classes) {
                    throw new IllegalArgumentException("link " + batch.linkId() + ": batch " + batch.batchSequence()
                            + " has intensity class " + k + ", but the protocol has " + classes);
                }
                boolean bit = batch.bits().get(i);
                if (batch.bases().get(i)) {
                    keyBits.append(bit);
                    keyCounts[k]++;
                } else {
                    if (testBits.length() == testClasses.length) {
                        testClasses = Arrays.copyOf(testClasses, 2 * testClasses.length);
                    }
                    testClasses[testBits.length()] = (byte) k;
                    testBits.append(bit);
                    testCounts[k]++;
                }
            }
        }

        void discard(long batchSequence) {
            advanceTo(batchSequence);
            discarded = Arrays.copyOf(discarded, discarded.length + 1);
            discarded[discarded.length - 1] = batchSequence;
        }

        private void advanceTo(long batchSequence) {
            if (batchSequence != lastBatch + 1) {
                throw new IllegalStateException("block " + blockId + " expected batch " + (lastBatch + 1) + ", got "
                        + batchSequence);
            }
            lastBatch = batchSequence;
        }

        long batches() {
            return lastBatch - firstBatch + 1;
        }

        long keyBitCount() {
            return keyBits.length();
        }

        BlockMaterial build() {
            return new BlockMaterial(blockId, firstBatch, lastBatch, discarded, keyBits.build(), keyCounts.clone(),
                    testBits.build(), Arrays.copyOf(testClasses, testBits.length()), testCounts.clone());
        }
    }
}
