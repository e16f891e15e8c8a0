package org.qnetem.qkd.amplification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;

/** The fast Toeplitz hash against the matrix definition, computed the slow way. */
class ToeplitzHashTest {

    private final RandomStream random = new RandomStream(new StreamKey(5, "TEST", "toeplitz", 0));

    private PackedBits randomBits(int length) {
        long[] words = new long[PackedBits.wordsFor(length)];
        for (int w = 0; w < words.length; w++) {
            words[w] = random.nextLong();
        }
        return PackedBits.of(words, length);
    }

    /** K_i = XOR_j T[i][j] x_j with T[i][j] = s[n − 1 + i − j], one bit at a time. */
    private static PackedBits matrixProduct(PackedBits seed, PackedBits x, int outputBits) {
        int n = x.length();
        PackedBits.Builder out = new PackedBits.Builder(outputBits);
        for (int i = 0; i < outputBits; i++) {
            int sum = 0;
            for (int j = 0; j < n; j++) {
                sum ^= seed.bit(n - 1 + i - j) & x.bit(j);
            }
            out.append(sum == 1);
        }
        return out.build();
    }

    /**
     * The same definition a word at a time, for sizes where the bit loop is too slow: with x reversed
     * (z_j = x_{n−1−j}), K_i is the parity of seed bits i .. i+n−1 ANDed with z.
     */
    private static PackedBits wordwiseProduct(PackedBits seed, PackedBits x, int outputBits) {
        int n = x.length();
        long[] z = reversed(x);
        long[] s = seed.toWords();
        long[] out = new long[PackedBits.wordsFor(outputBits)];
        for (int i = 0; i < outputBits; i++) {
            long parity = 0;
            for (int w = 0; w < z.length; w++) {
                parity ^= bitsAt(s, i + 64L * w) & z[w];
            }
            if ((Long.bitCount(parity) & 1) == 1) {
                out[i >>> 6] |= 1L << i;
            }
        }
        return PackedBits.of(out, outputBits);
    }

    private static long[] reversed(PackedBits x) {
        int n = x.length();
        long[] z = new long[PackedBits.wordsFor(n)];
        for (int j = 0; j < n; j++) {
            if (x.get(n - 1 - j)) {
                z[j >>> 6] |= 1L << j;
            }
        }
        return z;
    }

    private static long bitsAt(long[] words, long bit) {
        int word = (int) (bit >>> 6);
        int shift = (int) (bit & 63);
        long low = word < words.length ? words[word] >>> shift : 0;
        long high = shift != 0 && word + 1 < words.length ? words[word + 1] << (64 - shift) : 0;
        return low | high;
    }

    @ParameterizedTest(name = "n = {0}, l = {1}")
    @CsvSource({"1, 1", "2, 1", "2, 2", "63, 1", "64, 64", "65, 30", "100, 1", "100, 100", "128, 64", "129, 128",
        "300, 7", "1000, 999", "1000, 500", "1025, 333", "4097, 4097"})
    void equalsTheMatrixDefinitionBitByBit(int n, int l) {
        for (int trial = 0; trial < 3; trial++) {
            PackedBits seed = randomBits(ToeplitzHash.seedLength(n, l));
            PackedBits x = randomBits(n);
            assertEquals(matrixProduct(seed, x, l), new ToeplitzHash(seed, n, l).hash(x));
        }
    }

    @Test
    void theWordwiseReferenceAgreesWithTheBitwiseOne() {
        PackedBits seed = randomBits(ToeplitzHash.seedLength(777, 300));
        PackedBits x = randomBits(777);
        assertEquals(matrixProduct(seed, x, 300), wordwiseProduct(seed, x, 300));
    }

    @ParameterizedTest(name = "n = {0}, l = {1}")
    @CsvSource({"100000, 50000", "100000, 1", "99999, 99999", "20000, 20000", "70001, 1234", "30000, 64"})
    void equalsTheMatrixDefinitionAtLargeSizes(int n, int l) {
        PackedBits seed = randomBits(ToeplitzHash.seedLength(n, l));
        PackedBits x = randomBits(n);
        assertEquals(wordwiseProduct(seed, x, l), new ToeplitzHash(seed, n, l).hash(x));
    }

    @Test
    void isLinear() {
        int n = 3001;
        int l = 1500;
        ToeplitzHash hash = new ToeplitzHash(randomBits(ToeplitzHash.seedLength(n, l)), n, l);
        for (int trial = 0; trial < 20; trial++) {
            PackedBits x = randomBits(n);
            PackedBits y = randomBits(n);
            assertEquals(xor(hash.hash(x), hash.hash(y)), hash.hash(xor(x, y)));
        }
    }

    @Test
    void hashingTwiceWithOneInstanceGivesTheSameKey() {
        int n = 10_000;
        ToeplitzHash hash = new ToeplitzHash(randomBits(ToeplitzHash.seedLength(n, n / 2)), n, n / 2);
        PackedBits x = randomBits(n);
        PackedBits first = hash.hash(x);
        hash.hash(randomBits(n));
        assertEquals(first, hash.hash(x));
    }

    @Test
    void refusesASeedOfTheWrongLength() {
        IllegalArgumentException shortSeed = assertThrows(IllegalArgumentException.class,
                () -> new ToeplitzHash(randomBits(1498), 1000, 500));
        assertTrue(shortSeed.getMessage().contains("needs 1499 seed bits, got 1498"), shortSeed.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ToeplitzHash(randomBits(1500), 1000, 500));
    }

    @Test
    void refusesAnOutputLongerThanTheInputOrEmpty() {
        assertThrows(IllegalArgumentException.class, () -> new ToeplitzHash(randomBits(200), 100, 101));
        assertThrows(IllegalArgumentException.class, () -> new ToeplitzHash(randomBits(99), 100, 0));
    }

    @Test
    void refusesAKeyOfTheWrongLength() {
        ToeplitzHash hash = new ToeplitzHash(randomBits(ToeplitzHash.seedLength(100, 50)), 100, 50);
        assertThrows(IllegalArgumentException.class, () -> hash.hash(randomBits(101)));
    }

    @Test
    void aRandomSeedHasTheRightLengthAndComesFromTheStream() {
        PackedBits seed = ToeplitzHash.randomSeed(new RandomStream(new StreamKey(1, "L", "pa-seed", 3)), 1000, 400);
        assertEquals(1399, seed.length());
        assertEquals(seed, ToeplitzHash.randomSeed(new RandomStream(new StreamKey(1, "L", "pa-seed", 3)), 1000, 400));
        int ones = seed.bitCount();
        assertTrue(ones > 600 && ones < 800, "about half the seed bits are set: " + ones);
    }

    private static PackedBits xor(PackedBits x, PackedBits y) {
        long[] a = x.toWords();
        long[] b = y.toWords();
        for (int w = 0; w < a.length; w++) {
            a[w] ^= b[w];
        }
        return PackedBits.of(a, x.length());
    }
}
