package org.qnetem.qkd.amplification;

import org.qnetem.physics.batch.PackedBits;
import org.qnetem.physics.random.RandomStream;

/**
 * Privacy amplification by Toeplitz hashing: the ℓ-bit final key is K = T·x mod 2 for the n-bit
 * corrected key x and an ℓ × n Toeplitz matrix T, chosen at random from a 2-universal family and sent
 * in the clear as n + ℓ − 1 seed bits s. The layout, fixed here because both ends must agree on it:
 * <pre>
 *   T[i][j] = s[n − 1 + i − j]        K_i = XOR over j of s[n − 1 + i − j] · x_j
 *
 *   row 0:    s[n−1]  s[n−2] ...  s[0]
 *   row 1:    s[n]    s[n−1] ...  s[1]
 *   row ℓ−1:  s[n+ℓ−2]       ...  s[ℓ−1]
 * </pre>
 * So K is coefficients n−1 .. n+ℓ−2 of the GF(2) polynomial product s(z)·x(z): a middle product.
 *
 * <p>Algorithm: K is read off a cyclic convolution. Modulo z^N − 1, coefficient t is the sum of the
 * product's coefficients t, t + N, t + 2N, ...; with N ≥ n + ℓ − 1 and t ≥ n − 1, t + N ≥ 2n + ℓ − 2
 * exceeds the product's degree 2n + ℓ − 3, so coefficients n−1 .. n+ℓ−2 come out exact. One
 * convolution of length N ≈ 1.5n (for ℓ = n/2) does it, not the 2.5n of the full product.
 * {@link TernaryFftConvolution} computes it exactly with Schönhage's ternary FFT over GF(2): FFTs of
 * O(N log N) word operations plus 3^k products of polynomials of about √(4N/3) bits (see there).
 * At n = 10^6, ℓ = n/2 that is 2,187 products of 1,458-bit polynomials.
 *
 * <p>Not thread-safe (it reuses scratch space); the seed is copied, so callers may change theirs.
 */
public final class ToeplitzHash {

    private final int inputBits;
    private final int outputBits;
    private final long[] seed;
    private final int seedBits;
    private final TernaryFftConvolution convolution;

    /**
     * @param seed        the n + ℓ − 1 seed bits, in the layout above
     * @param inputBits   n, the length of the corrected key
     * @param outputBits  ℓ, the length of the final key, 1 ≤ ℓ ≤ n
     */
    public ToeplitzHash(PackedBits seed, int inputBits, int outputBits) {
        if (outputBits < 1 || outputBits > inputBits) {
            throw new IllegalArgumentException("Toeplitz hash needs 1 <= output bits <= input bits, got "
                    + outputBits + " output and " + inputBits + " input bits");
        }
        long expected = seedLength(inputBits, outputBits);
        if (seed.length() != expected) {
            throw new IllegalArgumentException("a " + outputBits + " x " + inputBits + " Toeplitz matrix needs "
                    + expected + " seed bits, got " + seed.length());
        }
        this.inputBits = inputBits;
        this.outputBits = outputBits;
        this.seed = seed.toWords();
        this.seedBits = seed.length();
        this.convolution = TernaryFftConvolution.atLeast(expected);
    }

    /** n + ℓ − 1: the number of seed bits that define an ℓ × n Toeplitz matrix. */
    public static int seedLength(int inputBits, int outputBits) {
        long length = (long) inputBits + outputBits - 1;
        if (inputBits < 1 || outputBits < 1 || length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("no Toeplitz seed for " + outputBits + " x " + inputBits);
        }
        return (int) length;
    }

    /** A uniformly random seed for an ℓ × n matrix, drawn from {@code random}. */
    public static PackedBits randomSeed(RandomStream random, int inputBits, int outputBits) {
        int length = seedLength(inputBits, outputBits);
        long[] words = new long[PackedBits.wordsFor(length)];
        for (int w = 0; w < words.length; w++) {
            words[w] = random.nextLong();
        }
        return PackedBits.of(words, length);
    }

    /** T·x mod 2, ℓ bits. */
    public PackedBits hash(PackedBits key) {
        if (key.length() != inputBits) {
            throw new IllegalArgumentException("Toeplitz hash takes " + inputBits + " bits, got " + key.length());
        }
        long[] product = convolution.multiply(seed, seedBits, key.toWords(), inputBits);
        long[] result = new long[PackedBits.wordsFor(outputBits)];
        BitBlocks.xorBits(product, 0, product.length, inputBits - 1L, result, 0, 0, outputBits);
        return PackedBits.of(result, outputBits);
    }
}
