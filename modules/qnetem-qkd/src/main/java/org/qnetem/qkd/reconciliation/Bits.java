package org.qnetem.qkd.reconciliation;

/**
 * Operations on bit strings packed 64 to a long (bit i in word i/64 at position i%64, as in
 * {@code PackedBits}), kept as bare arrays because Cascade reads and flips them millions of times a block.
 */
final class Bits {

    private Bits() {
    }

    static boolean get(long[] words, int i) {
        return (words[i >>> 6] >>> i & 1L) != 0;
    }

    static int bit(long[] words, int i) {
        return (int) (words[i >>> 6] >>> i) & 1;
    }

    static void set(long[] words, int i) {
        words[i >>> 6] |= 1L << i;
    }

    /** Sets bit i to {@code value} (0 or 1) without a branch: the searches make it unpredictable. */
    static void assign(long[] words, int i, int value) {
        long mask = 1L << i;
        words[i >>> 6] = (words[i >>> 6] & ~mask) | (-(long) value & mask);
    }

    static void flip(long[] words, int i) {
        words[i >>> 6] ^= 1L << i;
    }

    /** Parity of bits [from, to): the words are XOR-folded first so that one popcount serves the range. */
    static int rangeParity(long[] words, int from, int to) {
        if (from >= to) {
            return 0;
        }
        int first = from >>> 6;
        int last = (to - 1) >>> 6;
        long firstMask = -1L << from;
        long lastMask = -1L >>> (63 - ((to - 1) & 63));
        if (first == last) {
            return Long.bitCount(words[first] & firstMask & lastMask) & 1;
        }
        long folded = words[first] & firstMask;
        for (int w = first + 1; w < last; w++) {
            folded ^= words[w];
        }
        folded ^= words[last] & lastMask;
        return Long.bitCount(folded) & 1;
    }

    /**
     * Bit i of the result is the parity of bits [0, i] of {@code words}, so that the parity of any range
     * is the XOR of two of its bits.
     */
    static long[] inclusivePrefixParity(long[] words) {
        long[] prefix = new long[words.length];
        long carry = 0;
        for (int w = 0; w < words.length; w++) {
            long x = words[w];
            x ^= x << 1;
            x ^= x << 2;
            x ^= x << 4;
            x ^= x << 8;
            x ^= x << 16;
            x ^= x << 32;
            x ^= carry;
            prefix[w] = x;
            carry = x >> 63;
        }
        return prefix;
    }

    /** ORs the low {@code length} bits of {@code value} (the rest zero) into {@code words} from bit {@code at}. */
    static void orBits(long[] words, int at, long value, int length) {
        int word = at >>> 6;
        int offset = at & 63;
        words[word] |= value << offset;
        if (offset + length > 64) {
            words[word + 1] |= value >>> (64 - offset);
        }
    }

    /**
     * Transposes a 64 x 64 bit matrix in place: afterwards bit j of row r is what bit r of row j was.
     * The recursive block swap of Hacker's Delight (§7-3): swap the off-diagonal 32 x 32 quadrants,
     * then the 16 x 16 ones inside each quadrant, and so on down to single bits.
     */
    static void transpose64(long[] rows) {
        long mask = 0x00000000FFFFFFFFL;
        for (int j = 32; j != 0; j >>>= 1, mask ^= mask << j) {
            for (int block = 0; block < 64; block += 2 * j) {
                for (int k = block; k < block + j; k++) {
                    long t = ((rows[k] >>> j) ^ rows[k + j]) & mask;
                    rows[k] ^= t << j;
                    rows[k + j] ^= t;
                }
            }
        }
    }
}
