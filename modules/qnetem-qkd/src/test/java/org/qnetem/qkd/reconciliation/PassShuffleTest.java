package org.qnetem.qkd.reconciliation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;

/**
 * Both pass shuffles are permutations and applying them moves each bit where forward() says; the
 * transpose shuffle also spreads the bits of a word apart.
 */
class PassShuffleTest {

    private static RandomStream stream(long seed) {
        return new RandomStream(new StreamKey(seed, "shuffle-test", "shuffle", 0));
    }

    private static TransposeShuffle shuffle(int length, long seed) {
        return new TransposeShuffle(length, stream(seed));
    }

    private static List<PassShuffle> bothShuffles(int length, long seed) {
        return List.of(shuffle(length, seed), new FisherYatesShuffle(length, stream(seed)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 63, 64, 65, 127, 1000, 4096, 4097, 100_003})
    void forwardIsABijectionAndInverseUndoesIt(int length) {
        for (PassShuffle shuffle : bothShuffles(length, length)) {
            assertBijection(length, shuffle);
        }
    }

    private static void assertBijection(int length, PassShuffle shuffle) {
        boolean[] hit = new boolean[length];
        for (int i = 0; i < length; i++) {
            int position = shuffle.forward(i);
            assertTrue(position >= 0 && position < length, "position " + position + " of bit " + i);
            assertFalse(hit[position], "two bits land at " + position);
            hit[position] = true;
            assertEquals(i, shuffle.inverse(position));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 63, 64, 65, 5000, 262_144, 262_145})
    void applyPutsEachBitWhereForwardSays(int length) {
        RandomStream random = new RandomStream(new StreamKey(1, "shuffle-test", "key", length));
        long[] words = new long[PackedBits.wordsFor(length)];
        for (int w = 0; w < words.length; w++) {
            words[w] = random.nextLong();
        }
        words = PackedBits.of(words, length).toWords();
        for (PassShuffle shuffle : bothShuffles(length, 7)) {
            assertMovesEachBitForward(length, words, shuffle);
        }
    }

    private static void assertMovesEachBitForward(int length, long[] words, PassShuffle shuffle) {
        long[] shuffled = shuffle.apply(words);
        assertEquals(words.length, shuffled.length);
        for (int i = 0; i < length; i++) {
            assertEquals(Bits.bit(words, i), Bits.bit(shuffled, shuffle.forward(i)), "bit " + i);
        }
        for (int i = length; i < shuffled.length * 64; i++) {
            assertEquals(0, Bits.bit(shuffled, i), "bit " + i + " is past the key and must stay clear");
        }
    }

    @Test
    void theBitsOfOneWordLandInSixtyFourDifferentWordsFarApart() {
        int length = 1_000_000;
        TransposeShuffle shuffle = shuffle(length, 11);
        int rows = PackedBits.wordsFor(length);
        for (int word = 0; word < rows; word += 997) {
            Set<Integer> targetWords = new HashSet<>();
            for (int b = 0; b < 64; b++) {
                targetWords.add(shuffle.forward(word * 64 + b) >>> 6);
            }
            assertEquals(64, targetWords.size(), "bits of word " + word);
            int a = shuffle.forward(word * 64);
            int c = shuffle.forward(word * 64 + 1);
            assertEquals(0, Math.floorMod(c - a, rows), "neighbours land whole rows of the matrix apart");
        }
    }

    @Test
    void theStreamDecidesTheShuffle() {
        assertEquals(shuffle(10_000, 5).forward(1234), shuffle(10_000, 5).forward(1234));
        int differing = 0;
        TransposeShuffle a = shuffle(10_000, 5);
        TransposeShuffle b = shuffle(10_000, 6);
        for (int i = 0; i < 10_000; i++) {
            differing += a.forward(i) != b.forward(i) ? 1 : 0;
        }
        assertNotEquals(0, differing);
        assertTrue(differing > 9_900, "two seeds agree on " + (10_000 - differing) + " positions");
    }
}
