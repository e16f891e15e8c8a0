package org.qnetem.qkd.hashing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.qnetem.physics.random.RandomStream;

/**
 * A polynomial hash over GF(p), p = 2^61 − 1, evaluated at two independent points r and s.
 *
 * <p><b>Definition.</b> A message of L bits (bit i of a byte array is bit i%8 of byte i/8, the
 * {@code PackedBits} order) is cut into d = ⌈L/32⌉ coefficients c_1 .. c_d of 32 bits (c_1 holds bits
 * 0..31; the last is zero-padded), followed by c_{d+1} = L. With D = d + 1,
 * <pre>
 *   h_r(m) = c_1 r^D + c_2 r^(D−1) + ... + c_D r   (mod p)
 * </pre>
 * and the digest is (h_r(m), h_s(m)).
 *
 * <p><b>Collisions.</b> For messages m ≠ m' (of any lengths, the longer giving D), h_r(m) − h_r(m')
 * is a polynomial in r of degree at most D with zero constant term, and it is not the zero polynomial:
 * if the lengths differ its r^1 coefficient L − L' is nonzero, otherwise some chunk differs, and a
 * difference of 32-bit chunks (or of lengths below 2^31) is never a multiple of p. For any δ,
 * h_r(m) − h_r(m') − δ is then a nonzero polynomial of degree at most D, with at most D roots, so over
 * a uniform r
 * <pre>
 *   Pr[h_r(m) − h_r(m') = δ] ≤ D / p        (ε-almost-Δ-universal, ε = D/p)
 * </pre>
 * and with independent r and s, Pr[both digests collide] ≤ (D/p)². Numbers: L = 10^8 bits gives
 * D = 3,125,001 and (D/p)² = (3.125e6 / 2.306e18)² ≈ 1.8 × 10^-24; a 16 KB message gives D = 4,097 and
 * ≈ 3.2 × 10^-30. {@link #collisionProbability} computes the bound.
 *
 * <p>Horner's rule evaluates it, a 64-bit word (two coefficients) per step: acc ← (acc + lo)·r² + hi·r,
 * so only one multiplication per word sits on the dependency chain.
 *
 * <p>The points are key material when the hash authenticates: this class never prints them.
 */
public final class PolynomialHash {

    private static final VarHandle LITTLE_ENDIAN_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW_32 = 0xFFFF_FFFFL;

    private final long first;
    private final long firstSquared;
    private final long second;
    private final long secondSquared;

    /** The hash at points {@code first} and {@code second}, each in [0, 2^61 − 1). */
    public PolynomialHash(long first, long second) {
        if (first < 0 || first >= Mersenne61.PRIME || second < 0 || second >= Mersenne61.PRIME) {
            throw new IllegalArgumentException("evaluation points must lie in [0, 2^61 - 1)");
        }
        this.first = first;
        this.second = second;
        this.firstSquared = Mersenne61.multiply(first, first);
        this.secondSquared = Mersenne61.multiply(second, second);
    }

    /** A hash at two points drawn uniformly from GF(p) with {@code random}. */
    public static PolynomialHash random(RandomStream random) {
        return new PolynomialHash(uniform(random), uniform(random));
    }

    private static long uniform(RandomStream random) {
        long point;
        do {
            point = Mersenne61.uniformOrRejected(random.nextLong());
        } while (point < 0);
        return point;
    }

    public long firstPoint() {
        return first;
    }

    public long secondPoint() {
        return second;
    }

    /** (D/p)²: the probability bound above for two different messages of at most {@code bits} bits. */
    public static double collisionProbability(long bits) {
        if (bits < 0) {
            throw new IllegalArgumentException("a message cannot have " + bits + " bits");
        }
        double degree = Math.ceil(bits / 32.0) + 1;
        double perPoint = degree / Mersenne61.PRIME;
        return perPoint * perPoint;
    }

    /** The digest of the first {@code bits} bits of {@code words}; later bits are ignored. */
    public PolynomialDigest digest(long[] words, int bits) {
        if (bits < 0 || bits > 64L * words.length) {
            throw new IllegalArgumentException(bits + " bits do not fit in " + words.length + " words");
        }
        Horner h = new Horner();
        int fullWords = bits >>> 6;
        for (int w = 0; w < fullWords; w++) {
            h.word(words[w]);
        }
        tail(h, bits & 63, fullWords < words.length ? words[fullWords] : 0);
        return h.finish(bits);
    }

    /** The digest of all 8·length bits of {@code bytes}. */
    public PolynomialDigest digest(byte[] bytes) {
        Horner h = new Horner();
        int fullWords = bytes.length >>> 3;
        for (int w = 0; w < fullWords; w++) {
            h.word((long) LITTLE_ENDIAN_LONGS.get(bytes, w << 3));
        }
        long last = 0;
        for (int b = fullWords << 3; b < bytes.length; b++) {
            last |= (bytes[b] & 0xFFL) << ((b & 7) * 8);
        }
        tail(h, (bytes.length & 7) * 8, last);
        return h.finish(8L * bytes.length);
    }

    /** The last, partial word: bits past the length are masked off, and an empty high half is no coefficient. */
    private static void tail(Horner h, int remainingBits, long word) {
        if (remainingBits == 0) {
            return;
        }
        long masked = word & ((1L << remainingBits) - 1);
        h.coefficient(masked & LOW_32);
        if (remainingBits > 32) {
            h.coefficient(masked >>> 32);
        }
    }

    /** Two Horner accumulators, one per point, in [0, p]. */
    private final class Horner {
        private long a;
        private long b;

        void word(long w) {
            long low = w & LOW_32;
            long high = w >>> 32;
            a = Mersenne61.reduce(Mersenne61.multiply(Mersenne61.reduce(a + low), firstSquared)
                    + Mersenne61.multiply(high, first));
            b = Mersenne61.reduce(Mersenne61.multiply(Mersenne61.reduce(b + low), secondSquared)
                    + Mersenne61.multiply(high, second));
        }

        void coefficient(long c) {
            a = Mersenne61.multiply(Mersenne61.reduce(a + c), first);
            b = Mersenne61.multiply(Mersenne61.reduce(b + c), second);
        }

        PolynomialDigest finish(long lengthBits) {
            coefficient(lengthBits);
            return new PolynomialDigest(Mersenne61.canonical(a), Mersenne61.canonical(b));
        }
    }

    @Override
    public String toString() {
        return "PolynomialHash[GF(2^61 - 1), two points]";
    }
}
