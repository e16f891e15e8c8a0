package org.qnetem.qkd.reconciliation;

import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;

/**
 * The order of the key bits in each Cascade pass. Pass 0 keeps the key's own order; pass p > 0 applies
 * a fresh shuffle to the order of pass p - 1: a {@link TransposeShuffle}, or for keys shorter than
 * {@value #TRANSPOSE_FROM_BITS} bits a {@link FisherYatesShuffle}. The shuffles are drawn, pass after pass,
 * from the public stream {@code (seed, link, "cascade-shuffle", block)}, so both ends derive the same
 * orders from the block's identity alone, and each pass breaks up the bit neighbourhoods of the one
 * before.
 */
final class PassOrders {

    static final String SHUFFLE_PURPOSE = "cascade-shuffle";
    /** 64 words: one full tile of the transpose, the fewest rows with which it separates neighbours. */
    static final int TRANSPOSE_FROM_BITS = 4096;

    private final PassShuffle[] shuffles;

    PassOrders(int length, int passes, long seed, String linkId, long blockId) {
        shuffles = new PassShuffle[passes - 1];
        RandomStream random = new RandomStream(new StreamKey(seed, linkId, SHUFFLE_PURPOSE, blockId));
        for (int p = 1; p < passes; p++) {
            shuffles[p - 1] = length < TRANSPOSE_FROM_BITS ? new FisherYatesShuffle(length, random)
                    : new TransposeShuffle(length, random);
        }
    }

    int passes() {
        return shuffles.length + 1;
    }

    /** Writes into {@code positions[p]} where key bit {@code index} sits in pass p, for passes below {@code passes}. */
    void positionsOf(int index, int[] positions, int passes) {
        positions[0] = index;
        for (int p = 1; p < passes; p++) {
            positions[p] = shuffles[p - 1].forward(positions[p - 1]);
        }
    }

    /** The key bit at {@code position} of pass {@code pass}. */
    int keyIndexAt(int pass, int position) {
        int index = position;
        for (int p = pass; p > 0; p--) {
            index = shuffles[p - 1].inverse(index);
        }
        return index;
    }

    /** Bits laid out in pass p - 1's order (packed, bits beyond the length clear), laid out in pass p's. */
    long[] shuffle(int pass, long[] previousOrder) {
        return shuffles[pass - 1].apply(previousOrder);
    }

    /** The key (packed, bits beyond its length clear) laid out in each pass's order. */
    long[][] arrange(long[] key) {
        long[][] orders = new long[passes()][];
        orders[0] = key.clone();
        for (int p = 1; p < orders.length; p++) {
            orders[p] = shuffles[p - 1].apply(orders[p - 1]);
        }
        return orders;
    }
}
