package org.qnetem.qkd.reconciliation;

import org.qnetem.physics.batch.PackedBits;
import org.qnetem.physics.random.RandomStream;

/**
 * A uniformly random permutation of the bit positions, kept as two tables. It costs a random draw and
 * a scattered write per bit, which is nothing for the short keys it serves: below 64 words the
 * {@link TransposeShuffle} has too few rows to separate neighbouring bits (one word is only rotated).
 */
final class FisherYatesShuffle implements PassShuffle {

    private final int[] positionOf;
    private final int[] indexAt;

    FisherYatesShuffle(int length, RandomStream random) {
        if (length < 1) {
            throw new IllegalArgumentException("a shuffle needs at least one bit, got " + length);
        }
        indexAt = new int[length];
        for (int i = 0; i < length; i++) {
            indexAt[i] = i;
        }
        for (int i = length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swapped = indexAt[i];
            indexAt[i] = indexAt[j];
            indexAt[j] = swapped;
        }
        positionOf = new int[length];
        for (int p = 0; p < length; p++) {
            positionOf[indexAt[p]] = p;
        }
    }

    @Override
    public int forward(int index) {
        return positionOf[index];
    }

    @Override
    public int inverse(int position) {
        return indexAt[position];
    }

    @Override
    public long[] apply(long[] input) {
        long[] output = new long[PackedBits.wordsFor(indexAt.length)];
        for (int p = 0; p < indexAt.length; p++) {
            output[p >>> 6] |= (long) Bits.bit(input, indexAt[p]) << p;
        }
        return output;
    }
}
