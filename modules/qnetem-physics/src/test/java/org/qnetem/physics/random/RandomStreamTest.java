package org.qnetem.physics.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RandomStreamTest {

    private static final StreamKey KEY = new StreamKey(7, "BRS-BRADLEY", "channel", 12);

    @Test
    void sameKeyGivesSameNumbersInANewInstance() {
        assertArrayEquals(firstLongs(KEY, 100), firstLongs(new StreamKey(7, "BRS-BRADLEY", "channel", 12), 100));
    }

    @Test
    void everyKeyComponentSelectsADifferentStream() {
        long[] base = firstLongs(KEY, 8);
        assertDiffers(base, firstLongs(KEY.withSequence(13), 8));
        assertDiffers(base, firstLongs(new StreamKey(8, "BRS-BRADLEY", "channel", 12), 8));
        assertDiffers(base, firstLongs(new StreamKey(7, "BRS-BRADLEZ", "channel", 12), 8));
        assertDiffers(base, firstLongs(new StreamKey(7, "BRS-BRADLEY", "pulses", 12), 8));
    }

    @Test
    void lengthPrefixKeepsEntityAndPurposeBoundariesApart() {
        assertDiffers(firstLongs(new StreamKey(1, "ab", "c", 0), 8), firstLongs(new StreamKey(1, "a", "bc", 0), 8));
    }

    @Test
    void randomAccessMatchesSequentialWordsAndLeavesThePositionAlone() {
        RandomStream sequential = new RandomStream(KEY);
        long[] words = new long[10];
        for (int i = 0; i < words.length; i++) {
            words[i] = sequential.nextLong();
        }
        RandomStream stream = new RandomStream(KEY);
        assertEquals(words[0], stream.nextLong());
        assertEquals(words[7], stream.longAt(3, 1));
        assertEquals(words[4], stream.longAt(2, 0));
        long[] block = new long[2];
        stream.blockAt(4, block);
        assertArrayEquals(new long[] {words[8], words[9]}, block);
        assertEquals(words[1], stream.nextLong());
        assertEquals(words[2], stream.nextLong());
    }

    @Test
    void intsAreTheLowThenHighHalvesOfWordsAndLeaveWholeWordsAlone() {
        long[] words = firstLongs(KEY, 3);
        RandomStream stream = new RandomStream(KEY);
        assertEquals((int) words[0], stream.nextInt());
        assertEquals(words[1], stream.nextLong());
        assertEquals((int) (words[0] >>> 32), stream.nextInt());
        assertEquals((int) words[2], stream.nextInt());
    }

    @Test
    void belowComparesTheHighHalfAndOnATieTheNextDraw() {
        long[] words = firstLongs(KEY, 1);
        long high = words[0] & 0xFFFFFFFFL;
        long low = words[0] >>> 32;
        // The first draw is the low half of word 0; on a tie the second (its high half) decides.
        assertTrue(new RandomStream(KEY).nextBelow((high + 1) << 32));
        assertFalse(new RandomStream(KEY).nextBelow(high << 32));
        assertTrue(new RandomStream(KEY).nextBelow(high << 32 | (low + 1)));
        assertFalse(new RandomStream(KEY).nextBelow(high << 32 | low));
        RandomStream stream = new RandomStream(KEY);
        stream.nextBelow((high + 1) << 32);
        assertEquals((int) low, stream.nextInt(), "no second draw without a tie");
    }

    @Test
    void cellIsTheFirstWhoseBoundExceedsTheUniform() {
        long[] words = firstLongs(KEY, 1);
        long uniform = (words[0] & 0xFFFFFFFFL) << 32 | words[0] >>> 32;
        long[] bounds = {uniform >>> 1, uniform, uniform + 1, -1L};
        assertEquals(2, new RandomStream(KEY).nextCell(bounds, 0, 4));
        assertEquals(1, new RandomStream(KEY).nextCell(bounds, 1, 3));
        assertEquals(-1, new RandomStream(KEY).nextCell(bounds, 0, 2));
        assertEquals(0, new RandomStream(KEY).nextCell(new long[] {-1L}, 0, 1));
    }

    @Test
    void invalidArgumentsAreRejected() {
        RandomStream stream = new RandomStream(KEY);
        assertThrows(IllegalArgumentException.class, () -> stream.longAt(0, 2));
        assertThrows(IllegalArgumentException.class, () -> stream.nextInt(0));
    }

    @Test
    void doublesStayInTheirIntervals() {
        RandomStream stream = new RandomStream(KEY);
        for (int i = 0; i < 1_000_000; i++) {
            double closed = stream.nextDouble();
            assertTrue(closed >= 0 && closed < 1, () -> "nextDouble gave " + closed);
            double open = stream.nextOpenDouble();
            assertTrue(open > 0 && open <= 1, () -> "nextOpenDouble gave " + open);
        }
    }

    @Test
    void certainAndImpossibleBooleans() {
        RandomStream stream = new RandomStream(KEY);
        for (int i = 0; i < 1000; i++) {
            assertTrue(stream.nextBoolean(1.0));
            assertFalse(stream.nextBoolean(0.0));
        }
    }

    static long[] firstLongs(StreamKey key, int n) {
        RandomStream stream = new RandomStream(key);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = stream.nextLong();
        }
        return out;
    }

    private static void assertDiffers(long[] a, long[] b) {
        for (int i = 0; i < a.length; i++) {
            assertTrue(a[i] != b[i], "word " + i + " coincides");
        }
    }

    @Test
    void atSequenceDrawsWhatANewStreamOfThatSequenceDraws() {
        StreamKey key = new StreamKey(42, "link-7", "statistical", 3);
        RandomStream base = new RandomStream(key);
        base.nextLong();
        for (long sequence : new long[] {0, 3, 4, 1_000_000_007L, -1}) {
            RandomStream derived = base.atSequence(sequence);
            RandomStream fresh = new RandomStream(key.withSequence(sequence));
            for (int i = 0; i < 20; i++) {
                assertEquals(fresh.nextLong(), derived.nextLong(), "sequence " + sequence + ", word " + i);
            }
            RandomStream twice = base.atSequence(sequence + 1).atSequence(sequence);
            assertEquals(new RandomStream(key.withSequence(sequence)).nextLong(), twice.nextLong(),
                    "sequence " + sequence + " reached through another");
        }
    }
}
