package org.qnetem.qkd.hashing;

/**
 * Arithmetic in the prime field GF(p), p = 2^61 − 1. A Mersenne prime makes reduction two masks, a
 * shift and an add (2^61 ≡ 1), and the field is large enough that a polynomial hash of a 10^8-bit
 * message collides with probability below 2^-39 per evaluation point.
 *
 * <p>Values are kept partially reduced, in [0, p] (p itself standing for 0), and made canonical with
 * {@link #canonical} only when they leave the hash.
 */
public final class Mersenne61 {

    /** p = 2^61 − 1. */
    public static final long PRIME = (1L << 61) - 1;

    private Mersenne61() {
    }

    /** a·b mod p, for a, b in [0, p]; the result is in [0, p]. */
    public static long multiply(long a, long b) {
        long low = a * b;
        long high = Math.multiplyHigh(a, b);
        // a·b ≤ p², so its bits above 61 are at most p − 1 and the fold below is at most 2p.
        long folded = (low & PRIME) + ((low >>> 61) | (high << 3));
        return reduce(folded);
    }

    /** x mod p into [0, p], for x in [0, 2p]: the bits above 61 are worth 1 each (2^61 ≡ 1). */
    public static long reduce(long x) {
        return (x & PRIME) + (x >>> 61);
    }

    /** The representative in [0, p). */
    public static long canonical(long x) {
        return x >= PRIME ? x - PRIME : x;
    }

    /**
     * Turns 64 uniformly random bits into a uniform element of GF(p) by rejection: the top 61 bits,
     * unless they are all ones (p itself, probability 2^-61), in which case the caller draws again.
     *
     * @return the element, or −1 to say "rejected, draw again"
     */
    public static long uniformOrRejected(long randomBits) {
        long candidate = randomBits >>> 3;
        return candidate == PRIME ? -1 : candidate;
    }
}
