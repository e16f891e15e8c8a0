package org.qnetem.qkd.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.qkd.hashing.PolynomialDigest;

/** Both ends agree on equal keys and catch every difference tried. */
class KeyVerificationTest {

    private final RandomStream keys = new RandomStream(new StreamKey(11, "TEST", "keys", 0));
    private final RandomStream fresh = new RandomStream(new StreamKey(11, "TEST", "verification", 0));

    private PackedBits randomKey(int length) {
        long[] words = new long[PackedBits.wordsFor(length)];
        for (int w = 0; w < words.length; w++) {
            words[w] = keys.nextLong();
        }
        return PackedBits.of(words, length);
    }

    private static PackedBits flip(PackedBits key, int... positions) {
        long[] words = key.toWords();
        for (int i : positions) {
            words[i >>> 6] ^= 1L << i;
        }
        return PackedBits.of(words, key.length());
    }

    /** Alice draws, tags and announces; Bob rebuilds the hash from the announced points and compares. */
    private boolean bobAccepts(PackedBits alice, PackedBits bob) {
        KeyVerification sender = KeyVerification.draw(fresh);
        PolynomialDigest sent = sender.tag(alice);
        return KeyVerification.atPoints(sender.firstPoint(), sender.secondPoint()).matches(bob, sent);
    }

    @Test
    void identicalKeysAgree() {
        for (int length : new int[] {1, 64, 1000, 100_001}) {
            PackedBits key = randomKey(length);
            assertTrue(bobAccepts(key, PackedBits.of(key.toWords(), length)));
        }
    }

    @Test
    void everySingleBitFlipIsDetected() {
        PackedBits key = randomKey(2_000);
        for (int i = 0; i < key.length(); i++) {
            assertFalse(bobAccepts(key, flip(key, i)), "flip at " + i);
        }
    }

    @Test
    void singleFlipsAnywhereInALongKeyAreDetected() {
        PackedBits key = randomKey(1_000_003);
        for (int trial = 0; trial < 200; trial++) {
            assertFalse(bobAccepts(key, flip(key, keys.nextInt(key.length()))));
        }
        assertFalse(bobAccepts(key, flip(key, key.length() - 1)), "the last bit counts");
    }

    @Test
    void randomMultiBitDifferencesAreDetected() {
        PackedBits key = randomKey(4_096 + 17);
        for (int trial = 0; trial < 20_000; trial++) {
            int errors = 2 + keys.nextInt(40);
            int[] positions = new int[errors];
            for (int e = 0; e < errors; e++) {
                positions[e] = keys.nextInt(key.length());
            }
            PackedBits bob = flip(key, positions);
            if (!bob.equals(key)) {
                assertFalse(bobAccepts(key, bob), "trial " + trial);
            }
        }
    }

    @Test
    void burstsWithinOneCoefficientAndAcrossWordsAreDetected() {
        PackedBits key = randomKey(640);
        assertFalse(bobAccepts(key, flip(key, 32, 33)));
        assertFalse(bobAccepts(key, flip(key, 63, 64)));
        assertFalse(bobAccepts(key, flip(key, 0, 31 + 64 * 3)));
        assertFalse(bobAccepts(key, flip(key, 5, 5 + 32)), "same offset in neighbouring coefficients");
    }

    @Test
    void bitsBeyondTheLengthAreIgnored() {
        KeyVerification verification = KeyVerification.draw(fresh);
        long[] words = {keys.nextLong(), keys.nextLong(), keys.nextLong()};
        int bits = 100;
        long[] garbage = words.clone();
        garbage[1] ^= -1L << (bits - 64);
        garbage[2] = ~garbage[2];
        PolynomialDigest clean = verification.tag(PackedBits.of(words, bits));
        assertEquals(clean, verification.tag(words, bits));
        assertEquals(clean, verification.tag(garbage, bits));
        assertNotEquals(clean, verification.tag(garbage, bits + 1), "the next bit is part of a longer key");
    }

    @Test
    void keysOfDifferentLengthsDisagree() {
        PackedBits key = randomKey(200);
        KeyVerification verification = KeyVerification.draw(fresh);
        assertNotEquals(verification.tag(key), verification.tag(key.toWords(), 199));
    }

    @Test
    void freshPointsGiveFreshTags() {
        PackedBits key = randomKey(500);
        assertNotEquals(KeyVerification.draw(fresh).tag(key), KeyVerification.draw(fresh).tag(key));
    }

    @Test
    void epsilonCorIsBelowTenToTheMinusFifteenForHundredMillionBitKeys() {
        double p = (1L << 61) - 1;
        double bound = KeyVerification.collisionProbability(100_000_000);
        assertEquals(Math.pow((100_000_000 / 32 + 1) / p, 2), bound, 1e-36);
        assertTrue(bound <= 1e-15, "bound " + bound);
        assertTrue(KeyVerification.collisionProbability(Integer.MAX_VALUE) <= 1e-15);
        assertEquals(122, KeyVerification.TAG_BITS);
    }
}
