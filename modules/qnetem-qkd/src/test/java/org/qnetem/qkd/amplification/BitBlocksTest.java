package org.qnetem.qkd.amplification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The word-level bit-range operations against one-bit-at-a-time references. */
class BitBlocksTest {

    private final SplittableRandom random = new SplittableRandom(41);

    private static boolean bit(long[] a, int off, long i) {
        return (a[off + (int) (i >>> 6)] >>> (i & 63) & 1) != 0;
    }

    private static void flip(long[] a, int off, long i) {
        a[off + (int) (i >>> 6)] ^= 1L << (i & 63);
    }

    private long[] randomWords(int n) {
        long[] words = new long[n];
        for (int i = 0; i < n; i++) {
            words[i] = random.nextLong();
        }
        return words;
    }

    @Test
    void xorBitsMatchesBitByBitForEveryAlignment() {
        for (int trial = 0; trial < 3_000; trial++) {
            int srcWords = random.nextInt(1, 9);
            int srcOff = random.nextInt(3);
            long[] src = new long[srcOff + srcWords + 2];
            System.arraycopy(randomWords(srcWords), 0, src, srcOff, srcWords);
            src[srcOff + srcWords] = random.nextLong();
            int dstOff = random.nextInt(3);
            long[] dst = randomWords(dstOff + 12);
            long srcBit = random.nextInt(64 * srcWords + 70);
            long dstBit = random.nextInt(64 * 4);
            long count = random.nextInt(64 * 7 - (int) dstBit % 64);
            long[] expected = dst.clone();
            for (long i = 0; i < count; i++) {
                long s = srcBit + i;
                // bits past the segment read as 0, whatever the array holds after it
                if (s < 64L * srcWords && bit(src, srcOff, s)) {
                    flip(expected, dstOff, dstBit + i);
                }
            }
            BitBlocks.xorBits(src, srcOff, srcWords, srcBit, dst, dstOff, dstBit, count);
            assertArrayEquals(expected, dst, "trial " + trial);
        }
    }

    @Test
    void rotateMatchesBitByBit() {
        for (int trial = 0; trial < 2_000; trial++) {
            int bits = random.nextInt(1, 600);
            int words = (bits + 63) >>> 6;
            long[] src = randomWords(words + 1);
            if ((bits & 63) != 0) {
                src[1 + words - 1] &= (1L << bits) - 1;
            }
            src[0] = random.nextLong();
            int r = random.nextInt(bits);
            long[] dst = randomWords(words + 2);
            long[] expected = dst.clone();
            for (int w = 0; w < words; w++) {
                expected[1 + w] = 0;
            }
            for (int i = 0; i < bits; i++) {
                if (bit(src, 1, i)) {
                    flip(expected, 1, (i + r) % bits);
                }
            }
            BitBlocks.rotate(src, 1, dst, 1, bits, words, r);
            assertArrayEquals(expected, dst, "bits " + bits + ", r " + r);
        }
    }

    @Test
    void clearFromKeepsOnlyTheLowBits() {
        long[] a = {-1L, -1L, -1L, -1L};
        BitBlocks.clearFrom(a, 1, 2, 70);
        assertArrayEquals(new long[] {-1L, -1L, 0x3FL, -1L}, a);
    }
}
