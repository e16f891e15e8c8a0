package org.qnetem.physics.batch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An immutable string of bits packed 64 to a long, bit i in word i/64 at position i%64. Used for
 * per-detection flags (basis, outcome, double click) and for key material.
 */
public final class PackedBits {

    private static final PackedBits EMPTY = new PackedBits(new long[0], 0);

    private static final VarHandle LITTLE_ENDIAN_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final long[] words;
    private final int length;

    private PackedBits(long[] words, int length) {
        this.words = words;
        this.length = length;
    }

    public static PackedBits empty() {
        return EMPTY;
    }

    /** Takes the first {@code length} bits of {@code words}; bits beyond the length are cleared. */
    public static PackedBits of(long[] words, int length) {
        if (length < 0 || (long) length > (long) words.length * 64) {
            throw new IllegalArgumentException(length + " bits do not fit in " + words.length + " words");
        }
        long[] copy = Arrays.copyOf(words, wordsFor(length));
        clearTail(copy, length);
        return new PackedBits(copy, length);
    }

    /** Bit i is bit i%8 of byte i/8 (the wire order). */
    public static PackedBits fromBytes(byte[] bytes, int length) {
        if (length < 0 || (long) length > (long) bytes.length * 8) {
            throw new IllegalArgumentException(length + " bits do not fit in " + bytes.length + " bytes");
        }
        long[] words = new long[wordsFor(length)];
        // Whole little-endian words where the array holds them (statistical key material arrives as 10^6-bit
        // blocks of bytes), then the last word byte by byte; bits past the length are cleared below.
        int wholeWords = Math.min(words.length, bytes.length >>> 3);
        for (int w = 0; w < wholeWords; w++) {
            words[w] = (long) LITTLE_ENDIAN_LONGS.get(bytes, w << 3);
        }
        int byteCount = (length + 7) / 8;
        for (int b = wholeWords << 3; b < byteCount; b++) {
            words[b >>> 3] |= (bytes[b] & 0xFFL) << ((b & 7) * 8);
        }
        clearTail(words, length);
        return new PackedBits(words, length);
    }

    public static int wordsFor(int bits) {
        return (bits + 63) >>> 6;
    }

    private static void clearTail(long[] words, int length) {
        if ((length & 63) != 0) {
            words[words.length - 1] &= (1L << (length & 63)) - 1;
        }
    }

    public int length() {
        return length;
    }

    public boolean get(int i) {
        if (i < 0 || i >= length) {
            throw new IndexOutOfBoundsException("bit " + i + " of " + length);
        }
        return (words[i >>> 6] >>> (i & 63) & 1L) != 0;
    }

    public int bit(int i) {
        return get(i) ? 1 : 0;
    }

    /**
     * Word {@code index} of the packing: bits 64·index (lowest) to 64·index + 63, bits past the length 0.
     * For word-at-a-time loops, which beat bit-by-bit ones on random bits.
     */
    public long word(int index) {
        return words[index];
    }

    public int bitCount() {
        int n = 0;
        for (long w : words) {
            n += Long.bitCount(w);
        }
        return n;
    }

    /** Number of positions at which this and {@code other} (of equal length) differ. */
    public int hammingDistance(PackedBits other) {
        if (other.length != length) {
            throw new IllegalArgumentException("lengths differ: " + length + " and " + other.length);
        }
        int n = 0;
        for (int w = 0; w < words.length; w++) {
            n += Long.bitCount(words[w] ^ other.words[w]);
        }
        return n;
    }

    public long[] toWords() {
        return words.clone();
    }

    public byte[] toBytes() {
        byte[] bytes = new byte[(length + 7) / 8];
        // Whole words as little-endian longs (a key block's digest reads 10^6 bits: byte by byte cost more
        // than the SHA-256 itself), then the last word's remaining bytes.
        int wholeWords = bytes.length >>> 3;
        for (int w = 0; w < wholeWords; w++) {
            LITTLE_ENDIAN_LONGS.set(bytes, w << 3, words[w]);
        }
        for (int b = wholeWords << 3; b < bytes.length; b++) {
            bytes[b] = (byte) (words[b >>> 3] >>> ((b & 7) * 8));
        }
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PackedBits p && p.length == length && Arrays.equals(p.words, words);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(words) + length;
    }

    @Override
    public String toString() {
        return "PackedBits[" + length + " bits, " + bitCount() + " set]";
    }

    /** Appends bits one at a time; {@link #build()} may be called once. */
    public static final class Builder {
        private long[] words;
        private int length;

        public Builder(int expectedBits) {
            words = new long[Math.max(1, wordsFor(expectedBits))];
        }

        public Builder append(boolean bit) {
            return appendLowBit(bit ? 1 : 0);
        }

        /**
         * Appends bit 0 of {@code value}. It is or-ed in whatever it is, without a branch on it: on random
         * bits such a branch is mispredicted half the time.
         */
        public Builder appendLowBit(long value) {
            if ((length >>> 6) == words.length) {
                words = Arrays.copyOf(words, words.length * 2);
            }
            // A long shift uses the low six bits of its distance: the position within the word.
            words[length >>> 6] |= (value & 1) << length;
            length++;
            return this;
        }

        public int length() {
            return length;
        }

        public PackedBits build() {
            return new PackedBits(Arrays.copyOf(words, wordsFor(length)), length);
        }
    }
}
