package org.qnetem.qkd.amplification;

import java.util.Arrays;

/**
 * Full products of GF(2) polynomials of n words each (n fixed at construction), as 2n words: the
 * pointwise step of {@link TernaryFftConvolution}. Karatsuba splits operands longer than
 * {@link #COMB_LIMIT} words; shorter ones use a comb multiplication (López–Dahab): a table of
 * u(z)·y(z) for every nibble u, XORed into the accumulator row by row for each byte of x, which is
 * shifted 8 places between byte positions. Java has no carry-less multiply instruction, and this is the
 * cheapest way found to multiply 64 coefficients at a time; the row XORs are plain array loops.
 *
 * <p>Not thread-safe: an instance owns its scratch space.
 */
final class Gf2Multiplier {

    /** Operands up to this many words go straight to the comb (measured: no gain from Karatsuba below). */
    static final int COMB_LIMIT = 32;

    private static final int NIBBLES = 16;

    private final int words;
    private final long[] table;
    private final long[] scratch;

    Gf2Multiplier(int words) {
        if (words < 1) {
            throw new IllegalArgumentException("operands need at least one word, got " + words);
        }
        this.words = words;
        this.table = new long[2 * NIBBLES * (Math.min(words, COMB_LIMIT) + 3)];
        this.scratch = new long[scratchWords(words)];
    }

    /** Each Karatsuba level needs 4m words (two operand sums of m and their 2m-word product). */
    private static int scratchWords(int n) {
        int total = 0;
        while (n > COMB_LIMIT) {
            int m = (n + 1) / 2;
            total += 4 * m;
            n = m;
        }
        return total;
    }

    int words() {
        return words;
    }

    /** out[outOff, outOff + 2n) = x[xOff, xOff + n) · y[yOff, yOff + n); out must not overlap x or y. */
    void multiply(long[] x, int xOff, long[] y, int yOff, long[] out, int outOff) {
        karatsuba(x, xOff, y, yOff, out, outOff, words, 0);
    }

    private void karatsuba(long[] x, int xOff, long[] y, int yOff, long[] out, int outOff, int n, int scratchOff) {
        if (n <= COMB_LIMIT) {
            comb(x, xOff, y, yOff, out, outOff, n);
            return;
        }
        int m = (n + 1) / 2;
        int h = n - m;
        int xSum = scratchOff;
        int ySum = xSum + m;
        int middle = ySum + m;
        int deeper = middle + 2 * m;
        karatsuba(x, xOff, y, yOff, out, outOff, m, deeper);
        karatsuba(x, xOff + m, y, yOff + m, out, outOff + 2 * m, h, deeper);
        System.arraycopy(x, xOff, scratch, xSum, m);
        BitBlocks.xorInto(x, xOff + m, scratch, xSum, h);
        System.arraycopy(y, yOff, scratch, ySum, m);
        BitBlocks.xorInto(y, yOff + m, scratch, ySum, h);
        karatsuba(scratch, xSum, scratch, ySum, scratch, middle, m, deeper);
        // (x0 + x1)(y0 + y1) − x0y0 − x1y1 is the middle term; over GF(2) minus is XOR.
        BitBlocks.xorInto(out, outOff, scratch, middle, 2 * m);
        BitBlocks.xorInto(out, outOff + 2 * m, scratch, middle, 2 * h);
        BitBlocks.xorInto(scratch, middle, out, outOff + m, 2 * m);
    }

    private void comb(long[] x, int xOff, long[] y, int yOff, long[] out, int outOff, int n) {
        int stride = n + 3;
        fillTable(y, yOff, n, stride);
        long[] t = table;
        Arrays.fill(out, outOff, outOff + 2 * n, 0L);
        for (int shift = 56; shift >= 0; shift -= 8) {
            int i = 0;
            // Two words of x per pass: word i's rows land on out[i ..], word i+1's one word further
            // on, which is the same loop reading its rows one word earlier (the zero pad makes that safe).
            for (; i + 1 < n; i += 2) {
                long b = x[xOff + i] >>> shift;
                long c = x[xOff + i + 1] >>> shift;
                int b0 = ((int) b & 0xF) * stride + 1;
                int b1 = (NIBBLES + ((int) (b >>> 4) & 0xF)) * stride + 1;
                int c0 = ((int) c & 0xF) * stride;
                int c1 = (NIBBLES + ((int) (c >>> 4) & 0xF)) * stride;
                int dst = outOff + i;
                for (int w = 0; w <= n + 1; w++) {
                    out[dst + w] ^= t[b0 + w] ^ t[b1 + w] ^ t[c0 + w] ^ t[c1 + w];
                }
            }
            if (i < n) {
                long b = x[xOff + i] >>> shift;
                int b0 = ((int) b & 0xF) * stride + 1;
                int b1 = (NIBBLES + ((int) (b >>> 4) & 0xF)) * stride + 1;
                int dst = outOff + i;
                for (int w = 0; w <= n; w++) {
                    out[dst + w] ^= t[b0 + w] ^ t[b1 + w];
                }
            }
            if (shift > 0) {
                for (int w = outOff + 2 * n - 1; w > outOff; w--) {
                    out[w] = (out[w] << 8) | (out[w - 1] >>> 56);
                }
                out[outOff] <<= 8;
            }
        }
    }

    /**
     * Row u (stride n + 3 words: a zero, the n + 1 words of the product, a zero) holds u(z)·y(z) for
     * u &lt; 16 and (u − 16)(z)·y(z)·z^4 for u ≥ 16, so one byte of x costs two row reads. This measured
     * faster than single nibbles (twice the passes) or a 256-row table (whose construction alone costs
     * as much as the product at these sizes).
     */
    private void fillTable(long[] y, int yOff, int n, int stride) {
        long[] t = table;
        // Earlier calls with another stride leave data where this layout wants zeros.
        Arrays.fill(t, 0, 2 * NIBBLES * stride, 0L);
        System.arraycopy(y, yOff, t, stride + 1, n);
        // Rows 1, 2, 4, 8, 17, 18, 20, 24 hold y·z^0 .. y·z^7, each one shift of the one before; every
        // other row is the XOR of two earlier ones, a cheaper pass than a shift.
        int[] singles = {1, 2, 4, 8, NIBBLES + 1, NIBBLES + 2, NIBBLES + 4, NIBBLES + 8};
        for (int b = 1; b < singles.length; b++) {
            shiftRow(t, singles[b - 1] * stride + 1, singles[b] * stride + 1, n, 1);
        }
        for (int u = 1; u < 2 * NIBBLES; u++) {
            int nibble = u & (NIBBLES - 1);
            int lowest = nibble & -nibble;
            if (nibble != lowest) {
                int base = u - nibble;
                BitBlocks.xor(t, (base + nibble - lowest) * stride + 1, t, (base + lowest) * stride + 1, t,
                        u * stride + 1, n + 1);
            }
        }
    }

    private static void shiftRow(long[] t, int from, int to, int n, int bits) {
        t[to] = t[from] << bits;
        for (int w = 1; w <= n; w++) {
            t[to + w] = (t[from + w] << bits) | (t[from + w - 1] >>> (64 - bits));
        }
    }
}
