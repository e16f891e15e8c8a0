package org.qnetem.qkd.reconciliation;

/** A permutation of the n bit positions of a key, taking one Cascade pass's order to the next one's. */
interface PassShuffle {

    /** Where bit {@code index} of the input goes. */
    int forward(int index);

    /** Which input bit lands at {@code position}: the inverse of {@link #forward}. */
    int inverse(int position);

    /** The input bits (packed, bits beyond the length clear) in shuffled order, packed the same way. */
    long[] apply(long[] input);
}
