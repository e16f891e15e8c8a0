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
        this.table = new long[2 * NIBBLES * (Math.min(words, COMB_LIMIT) + 1)];
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
        int stride = n + 1;
        fillTable(y, yOff, n, stride);
        long[] t = table;
        Arrays.fill(out, outOff, outOff + 2 * n, 0L);
        for (int shift = 56; shift >= 0; shift -= 8) {
            for (int i = 0; i < n; i++) {
                long b = x[xOff + i] >>> shift;
                int low = ((int) b & 0xF) * stride;
                int high = (NIBBLES + ((int) (b >>> 4) & 0xF)) * stride;
                int dst = outOff + i;
                for (int w = 0; w < stride; w++) {
                    out[dst + w] ^= t[low + w] ^ t[high + w];
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
     * Rows 0..15: u(z)·y(z); rows 16..31: the same times z^4. One byte of x then costs one pass over
     * a row pair, which measured faster than two passes of single nibbles or one of a 256-row table
     * (whose construction alone costs as much as the product at these sizes).
     */
    private void fillTable(long[] y, int yOff, int n, int stride) {
        long[] t = table;
        // Row 0 must be zero; an earlier call with another stride may have left row data there.
        Arrays.fill(t, 0, stride, 0L);
        System.arraycopy(y, yOff, t, stride, n);
        t[stride + n] = 0;
        for (int u = 2; u < NIBBLES; u++) {
            int row = u * stride;
            if ((u & 1) == 0) {
                shiftRow(t, (u >>> 1) * stride, row, n, 1);
            } else {
                BitBlocks.xor(t, row - stride, t, stride, t, row, stride);
            }
        }
        for (int u = 0; u < NIBBLES; u++) {
            shiftRow(t, u * stride, (NIBBLES + u) * stride, n, 4);
        }
    }

    private static void shiftRow(long[] t, int from, int to, int n, int bits) {
        t[to] = t[from] << bits;
        for (int w = 1; w <= n; w++) {
            t[to + w] = (t[from + w] << bits) | (t[from + w - 1] >>> (64 - bits));
        }
    }
}
