package org.qnetem.qkd.reconciliation;

import java.util.Arrays;

/**
 * Bob's view of one Cascade pass: his bits in the pass's order and every block whose parity Alice has
 * disclosed. The pass is cut into top-level blocks of {@code blockSize} bits; a block Bob bisects
 * splits at its midpoint into two halves, whose parities he then knows (he asks for the left one and
 * infers the right one from its parent). The known blocks thus form one binary tree per top-level block,
 * and the leaves of those trees partition the pass.
 *
 * <p>Only leaves matter: a leaf is odd when Bob's bits in it differ from Alice's in an odd number of
 * places. Every odd block has an odd leaf beneath it, so a pass is settled exactly when it has no odd
 * leaf. Flipping a bit toggles the one leaf containing it; that single toggle is the cascade effect,
 * and because the leaf is the smallest known block around the bit, a back-tracking search there reuses
 * every parity learned so far instead of starting again from the top-level block.
 *
 * <p>Encoding: a leaf is named by its start, which no other leaf shares; {@code odd} holds one bit per
 * leaf start. A split node is marked at its midpoint in {@code split}; midpoints of distinct nodes differ,
 * so a walk from the top-level block down the marked midpoints finds the leaf containing any position.
 */
final class PassBlocks {

    private final int length;
    private final int blockSize;
    private final long[] bits;
    private final long[] split;
    private final long[] odd;
    private int[] pendingStarts = new int[16];
    private int[] pendingLengths = new int[16];
    private int pendingCount;

    PassBlocks(long[] bits, int length, int blockSize) {
        this.bits = bits;
        this.length = length;
        this.blockSize = blockSize;
        this.split = new long[bits.length];
        this.odd = new long[bits.length];
    }

    int topBlockCount() {
        return topBlockCount(length, blockSize);
    }

    static int topBlockCount(int length, int blockSize) {
        return (int) ((length + (long) blockSize - 1) / blockSize);
    }

    int topBlockStart(int block) {
        return block * blockSize;
    }

    int topBlockLength(int block) {
        return Math.min(blockSize, length - block * blockSize);
    }

    static int midpoint(int start, int leafLength) {
        return start + (leafLength + 1) / 2;
    }

    long[] bits() {
        return bits;
    }

    int bobParity(int start, int end) {
        return Bits.rangeParity(bits, start, end);
    }

    boolean isOdd(int leafStart) {
        return Bits.get(odd, leafStart);
    }

    void setOdd(int leafStart, int parity) {
        Bits.assign(odd, leafStart, parity);
    }

    /** Toggles the leaf's parity; returns whether it is now odd. */
    boolean toggle(int leafStart) {
        Bits.flip(odd, leafStart);
        return Bits.get(odd, leafStart);
    }

    boolean isSplit(int start, int leafLength) {
        return leafLength > 1 && Bits.get(split, midpoint(start, leafLength));
    }

    /** Marks the leaf as being bisected, so that it is asked about once. */
    void markSplit(int start, int leafLength) {
        Bits.set(split, midpoint(start, leafLength));
    }

    /** The leaf containing {@code position}, as start (high int) and length (low int). */
    long leafContaining(int position) {
        int start = position - position % blockSize;
        int end = Math.min(start + blockSize, length);
        while (end - start > 1) {
            int mid = midpoint(start, end - start);
            if (!Bits.get(split, mid)) {
                break;
            }
            if (position < mid) {
                end = mid;
            } else {
                start = mid;
            }
        }
        return (long) start << 32 | (end - start);
    }

    void addPending(int start, int leafLength) {
        if (pendingCount == pendingStarts.length) {
            pendingStarts = Arrays.copyOf(pendingStarts, pendingCount * 2);
            pendingLengths = Arrays.copyOf(pendingLengths, pendingCount * 2);
        }
        pendingStarts[pendingCount] = start;
        pendingLengths[pendingCount++] = leafLength;
    }

    int pendingCount() {
        return pendingCount;
    }

    int pendingStart(int i) {
        return pendingStarts[i];
    }

    int pendingLength(int i) {
        return pendingLengths[i];
    }

    void clearPending() {
        pendingCount = 0;
    }
}
