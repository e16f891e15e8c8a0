package org.qnetem.qkd.reconciliation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;

/** The packed-bit helpers against bit-by-bit definitions. */
class BitsTest {

    private final RandomStream random = new RandomStream(new StreamKey(3, "bits-test", "words", 0));

    private long[] randomWords(int count) {
        long[] words = new long[count];
        for (int w = 0; w < count; w++) {
            words[w] = random.nextLong();
        }
        return words;
    }

    @Test
    void rangeParityIsTheXorOfTheBitsInTheRange() {
        long[] words = randomWords(8);
        for (int from = 0; from <= 512; from += 7) {
            for (int to = from; to <= 512; to += 13) {
                int expected = 0;
                for (int i = from; i < to; i++) {
                    expected ^= Bits.bit(words, i);
                }
                assertEquals(expected, Bits.rangeParity(words, from, to), "[" + from + ", " + to + ")");
            }
        }
    }

    @Test
    void prefixParityBitIIsTheParityOfBitsZeroToI() {
        long[] words = randomWords(5);
        long[] prefix = Bits.inclusivePrefixParity(words);
        int parity = 0;
        for (int i = 0; i < 320; i++) {
            parity ^= Bits.bit(words, i);
            assertEquals(parity, Bits.bit(prefix, i), "bit " + i);
        }
    }

    @Test
    void transposeSwapsRowsAndColumns() {
        long[] rows = randomWords(64);
        long[] transposed = rows.clone();
        Bits.transpose64(transposed);
        for (int r = 0; r < 64; r++) {
            for (int c = 0; c < 64; c++) {
                assertEquals(Bits.bit(rows, r * 64 + c), Bits.bit(transposed, c * 64 + r), "row " + r + " column " + c);
            }
        }
    }

    @Test
    void assignSetsAndClearsOneBit() {
        long[] words = randomWords(2);
        long[] before = words.clone();
        Bits.assign(words, 70, 1 - Bits.bit(words, 70));
        Bits.flip(before, 70);
        assertEquals(before[0], words[0]);
        assertEquals(before[1], words[1]);
    }

    @Test
    void orBitsWritesAcrossAWordBoundary() {
        long[] words = new long[3];
        Bits.orBits(words, 60, 0b1011_0111L, 8);
        for (int i = 0; i < 192; i++) {
            int expected = i >= 60 && i < 68 ? (int) (0b1011_0111L >>> (i - 60)) & 1 : 0;
            assertEquals(expected, Bits.bit(words, i), "bit " + i);
        }
    }
}
