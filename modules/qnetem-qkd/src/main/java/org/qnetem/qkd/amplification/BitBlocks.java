package org.qnetem.qkd.amplification;

/**
 * Bit-range operations on GF(2) polynomials packed 64 coefficients to a long (coefficient i in word
 * i/64, bit i%64), each stored as a segment of {@code words} longs at a word offset in a larger array.
 * Every segment keeps the bits past its polynomial's length zero; the methods rely on that and keep it.
 */
final class BitBlocks {

    private BitBlocks() {
    }

    /** The 64 bits of a segment starting at {@code bit}; bits past the segment read as 0. */
    static long bitsAt(long[] src, int srcOff, int words, long bit) {
        int w = (int) (bit >>> 6);
        int shift = (int) (bit & 63);
        long low = w < words ? src[srcOff + w] >>> shift : 0;
        long high = shift != 0 && w + 1 < words ? src[srcOff + w + 1] << (64 - shift) : 0;
        return low | high;
    }

    /** dst bits [dstBit, dstBit + count) ^= src bits [srcBit, srcBit + count). */
    static void xorBits(long[] src, int srcOff, int srcWords, long srcBit, long[] dst, int dstOff, long dstBit,
                        long count) {
        long end = dstBit + count;
        long pos = dstBit;
        if ((pos & 63) != 0 && pos < end) {
            pos = xorPartialWord(src, srcOff, srcWords, srcBit - dstBit, dst, dstOff, pos, end);
        }
        long bodyEnd = end & ~63L;
        if (pos < bodyEnd) {
            // Whole destination words: each is two source words at one fixed shift, read without
            // bounds tests while both exist.
            long from = srcBit + (pos - dstBit);
            int q = (int) (from >>> 6);
            int shift = (int) (from & 63);
            int w = (int) (pos >>> 6);
            int last = (int) (bodyEnd >>> 6);
            int fast = Math.min(last, w + Math.max(0, srcWords - 1 - q));
            if (shift == 0) {
                for (; w < fast; w++, q++) {
                    dst[dstOff + w] ^= src[srcOff + q];
                }
            } else {
                for (; w < fast; w++, q++) {
                    dst[dstOff + w] ^= (src[srcOff + q] >>> shift) | (src[srcOff + q + 1] << (64 - shift));
                }
            }
            for (; w < last; w++, q++) {
                dst[dstOff + w] ^= bitsAt(src, srcOff, srcWords, 64L * q + shift);
            }
            pos = bodyEnd;
        }
        if (pos < end) {
            xorPartialWord(src, srcOff, srcWords, srcBit - dstBit, dst, dstOff, pos, end);
        }
    }

    /** XORs the part of [pos, end) in pos's word; returns where it stopped. */
    private static long xorPartialWord(long[] src, int srcOff, int srcWords, long srcMinusDst, long[] dst, int dstOff,
                                       long pos, long end) {
        int offset = (int) (pos & 63);
        int take = (int) Math.min(64 - offset, end - pos);
        long chunk = bitsAt(src, srcOff, srcWords, pos + srcMinusDst);
        long mask = take == 64 ? -1L : (1L << take) - 1;
        dst[dstOff + (int) (pos >>> 6)] ^= (chunk & mask) << offset;
        return pos + take;
    }

    /** Clears the bits of a {@code words}-word segment at and past bit {@code bits}. */
    static void clearFrom(long[] a, int off, int words, long bits) {
        int first = (int) (bits >>> 6);
        if (first >= words) {
            return;
        }
        int shift = (int) (bits & 63);
        a[off + first] &= shift == 0 ? 0 : (1L << shift) - 1;
        for (int w = first + 1; w < words; w++) {
            a[off + w] = 0;
        }
    }

    /**
     * dst = x^r · src mod (x^bits − 1), a cyclic rotation of a {@code bits}-bit polynomial by r places
     * (0 ≤ r &lt; bits). src and dst must not overlap.
     */
    static void rotate(long[] src, int srcOff, long[] dst, int dstOff, int bits, int words, int r) {
        int wordShift = r >>> 6;
        int shift = r & 63;
        if (shift == 0) {
            System.arraycopy(src, srcOff, dst, dstOff + wordShift, words - wordShift);
        } else {
            for (int w = words - 1; w > wordShift; w--) {
                dst[dstOff + w] = (src[srcOff + w - wordShift] << shift)
                        | (src[srcOff + w - wordShift - 1] >>> (64 - shift));
            }
            dst[dstOff + wordShift] = src[srcOff] << shift;
        }
        for (int w = 0; w < wordShift; w++) {
            dst[dstOff + w] = 0;
        }
        int tail = bits & 63;
        if (tail != 0) {
            dst[dstOff + words - 1] &= (1L << tail) - 1;
        }
        if (r == 0) {
            return;
        }
        // The bits pushed past the top come back in at the bottom: dst |= src >>> (bits − r), which
        // puts src bits [bits − r, bits) on [0, r) and nothing else, since src is zero past bit bits − 1.
        int from = bits - r;
        int fromWord = from >>> 6;
        int fromShift = from & 63;
        int count = words - fromWord;
        if (fromShift == 0) {
            for (int w = 0; w < count; w++) {
                dst[dstOff + w] |= src[srcOff + fromWord + w];
            }
        } else {
            for (int w = 0; w < count - 1; w++) {
                dst[dstOff + w] |= (src[srcOff + fromWord + w] >>> fromShift)
                        | (src[srcOff + fromWord + w + 1] << (64 - fromShift));
            }
            dst[dstOff + count - 1] |= src[srcOff + words - 1] >>> fromShift;
        }
    }

    static void xor(long[] x, int xOff, long[] y, int yOff, long[] out, int outOff, int count) {
        for (int i = 0; i < count; i++) {
            out[outOff + i] = x[xOff + i] ^ y[yOff + i];
        }
    }

    static void xorInto(long[] x, int xOff, long[] out, int outOff, int count) {
        for (int i = 0; i < count; i++) {
            out[outOff + i] ^= x[xOff + i];
        }
    }
}
