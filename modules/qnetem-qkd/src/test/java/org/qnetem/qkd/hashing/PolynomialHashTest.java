package org.qnetem.qkd.hashing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;

/** The fast Horner evaluation against the definition computed with BigInteger. */
class PolynomialHashTest {

    private static final BigInteger P = BigInteger.valueOf(Mersenne61.PRIME);
    private final SplittableRandom random = new SplittableRandom(29);

    /** Σ c_j r^(D−j+1) mod p, c_1..c_d the 32-bit chunks of the first `bits` bits, c_D = bits. */
    private static long definition(long[] words, int bits, long point) {
        int d = (bits + 31) / 32;
        BigInteger r = BigInteger.valueOf(point);
        BigInteger sum = BigInteger.ZERO;
        int degree = d + 1;
        for (int j = 0; j < d; j++) {
            long chunk = 0;
            for (int b = 0; b < 32 && 32 * j + b < bits; b++) {
                int bit = 32 * j + b;
                chunk |= (words[bit >>> 6] >>> (bit & 63) & 1) << b;
            }
            sum = sum.add(BigInteger.valueOf(chunk).multiply(r.modPow(BigInteger.valueOf(degree - j), P)));
        }
        sum = sum.add(BigInteger.valueOf(bits).multiply(r));
        return sum.mod(P).longValueExact();
    }

    private long point() {
        return random.nextLong(Mersenne61.PRIME);
    }

    private long[] randomWords(int n) {
        long[] words = new long[n];
        for (int i = 0; i < n; i++) {
            words[i] = random.nextLong();
        }
        return words;
    }

    @ParameterizedTest(name = "{0} bits")
    @ValueSource(ints = {0, 1, 31, 32, 33, 63, 64, 65, 96, 127, 128, 129, 1000, 4097})
    void equalsTheDefinition(int bits) {
        for (int trial = 0; trial < 5; trial++) {
            long r = point();
            long s = point();
            long[] words = randomWords(PackedBits.wordsFor(bits) + 1);
            PolynomialDigest digest = new PolynomialHash(r, s).digest(words, bits);
            assertEquals(definition(words, bits, r), digest.first());
            assertEquals(definition(words, bits, s), digest.second());
        }
    }

    @Test
    void extremePointsAndWordsStayExact() {
        long[] ones = {-1L, -1L, -1L};
        for (long r : new long[] {0, 1, Mersenne61.PRIME - 1, Mersenne61.PRIME - 2, 1L << 60}) {
            PolynomialDigest digest = new PolynomialHash(r, Mersenne61.PRIME - 1).digest(ones, 192);
            assertEquals(definition(ones, 192, r), digest.first());
            assertEquals(definition(ones, 192, Mersenne61.PRIME - 1), digest.second());
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 1000, 16384})
    void bytesHashAsTheirBitsInPackedBitsOrder(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        PolynomialHash hash = new PolynomialHash(point(), point());
        PackedBits bits = PackedBits.fromBytes(bytes, 8 * length);
        assertEquals(hash.digest(bits.toWords(), bits.length()), hash.digest(bytes));
    }

    @Test
    void aTrailingZeroChangesTheDigestThroughTheLength() {
        PolynomialHash hash = new PolynomialHash(point(), point());
        long[] words = randomWords(2);
        words[1] = 0;
        assertNotEquals(hash.digest(words, 64), hash.digest(words, 65));
        assertNotEquals(hash.digest(new byte[] {1}), hash.digest(new byte[] {1, 0}));
    }

    @Test
    void randomPointsComeFromTheStreamAndAreInTheField() {
        StreamKey key = new StreamKey(3, "L", "verify", 9);
        PolynomialHash a = PolynomialHash.random(new RandomStream(key));
        PolynomialHash b = PolynomialHash.random(new RandomStream(key));
        assertEquals(a.firstPoint(), b.firstPoint());
        assertEquals(a.secondPoint(), b.secondPoint());
        assertNotEquals(a.firstPoint(), a.secondPoint());
        assertTrue(a.firstPoint() >= 0 && a.firstPoint() < Mersenne61.PRIME);
    }

    @Test
    void rejectionDrawsAgainOnlyForAllOnes() {
        assertEquals(-1, Mersenne61.uniformOrRejected(-1L));
        assertEquals(Mersenne61.PRIME - 1, Mersenne61.uniformOrRejected(-1L << 3 ^ 1L << 3));
        assertEquals(0, Mersenne61.uniformOrRejected(7));
    }

    @Test
    void theCollisionBoundIsTheSquareOfDegreeOverP() {
        double p = Mersenne61.PRIME;
        assertEquals(Math.pow(1 / p, 2), PolynomialHash.collisionProbability(0), 1e-50);
        assertEquals(Math.pow(2 / p, 2), PolynomialHash.collisionProbability(1), 1e-50);
        assertEquals(Math.pow(3_125_001 / p, 2), PolynomialHash.collisionProbability(100_000_000), 1e-36);
        assertEquals(Math.pow(4_097 / p, 2), PolynomialHash.collisionProbability(16_384 * 8), 1e-42);
        assertThrows(IllegalArgumentException.class, () -> PolynomialHash.collisionProbability(-1));
    }

    @Test
    void refusesPointsOutsideTheField() {
        assertThrows(IllegalArgumentException.class, () -> new PolynomialHash(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new PolynomialHash(0, Mersenne61.PRIME));
    }

    @Test
    void neverPrintsItsPoints() {
        PolynomialHash hash = new PolynomialHash(123_456_789_012L, 987_654_321_098L);
        assertTrue(!hash.toString().contains("123456789012") && !hash.toString().contains("987654321098"));
    }
}
