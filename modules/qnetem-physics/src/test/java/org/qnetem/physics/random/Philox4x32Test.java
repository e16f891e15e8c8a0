package org.qnetem.physics.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/**
 * Known-answer vectors of Random123 (file {@code kat_vectors}, lines "philox4x32 10"): counter words
 * ctr[0..3], key words key[0..1], expected output words out[0..3].
 */
class Philox4x32Test {

    @Test
    void zeroCounterAndKey() {
        assertKnownAnswer(new long[] {0, 0, 0, 0}, new long[] {0, 0},
                new long[] {0x6627e8d5L, 0xe169c58dL, 0xbc57ac4cL, 0x9b00dbd8L});
    }

    @Test
    void allOnesCounterAndKey() {
        long ones = 0xffffffffL;
        assertKnownAnswer(new long[] {ones, ones, ones, ones}, new long[] {ones, ones},
                new long[] {0x408f276dL, 0x41c83b0eL, 0xa20bc7c6L, 0x6d5451fdL});
    }

    @Test
    void digitsOfPi() {
        assertKnownAnswer(new long[] {0x243f6a88L, 0x85a308d3L, 0x13198a2eL, 0x03707344L},
                new long[] {0xa4093822L, 0x299f31d0L},
                new long[] {0xd16cfe09L, 0x94fdccebL, 0x5001e420L, 0x24126ea1L});
    }

    @Test
    void neighbouringCountersGiveUnrelatedBlocks() {
        long[] a = new long[2];
        long[] b = new long[2];
        Philox4x32.block(42, 0, 0, a);
        Philox4x32.block(42, 0, 1, b);
        assertNotEquals(a[0], b[0]);
        assertNotEquals(a[1], b[1]);
    }

    @Test
    void fourBlocksAreFourConsecutiveBlocks() {
        long key = 0x9E3779B97F4A7C15L;
        long counterHi = 0x0123456789ABCDEFL;
        // The low counter word crosses a 32-bit boundary inside the four.
        long first = 0xFFFFFFFEL;
        long[] four = new long[8];
        Philox4x32.fourBlocks(key, counterHi, first, four);
        long[] one = new long[2];
        for (int j = 0; j < 4; j++) {
            Philox4x32.block(key, counterHi, first + j, one);
            assertArrayEquals(one, new long[] {four[2 * j], four[2 * j + 1]}, "block " + j);
        }
    }

    @Test
    void fourBlocksAtAreTheBlocksOfAnyFourCounters() {
        long key = 0x0123456789ABCDEFL;
        long counterHi = 0xDEADBEEFCAFEF00DL;
        long[] counters = {5_000_000_123L, 7, 0xFFFFFFFFL, 6};
        long[] four = new long[8];
        Philox4x32.fourBlocksAt(key, counterHi, counters[0], counters[1], counters[2], counters[3], four);
        long[] one = new long[2];
        for (int j = 0; j < 4; j++) {
            Philox4x32.block(key, counterHi, counters[j], one);
            assertArrayEquals(one, new long[] {four[2 * j], four[2 * j + 1]}, "block " + j);
        }
    }

    private static void assertKnownAnswer(long[] ctr, long[] key, long[] expected) {
        long[] out2 = new long[2];
        Philox4x32.block(join(key[1], key[0]), join(ctr[3], ctr[2]), join(ctr[1], ctr[0]), out2);
        assertArrayEquals(new long[] {join(expected[1], expected[0]), join(expected[3], expected[2])}, out2);
    }

    private static long join(long highWord, long lowWord) {
        return highWord << 32 | lowWord;
    }
}
