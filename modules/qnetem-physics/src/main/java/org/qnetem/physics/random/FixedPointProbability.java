package org.qnetem.physics.random;

/**
 * Probabilities as unsigned 64-bit fixed-point numbers: p is stored as floor(p · 2^64), so that a
 * uniform 64-bit word U satisfies U &lt; stored value with probability stored value / 2^64, within
 * 2^-64 of p. Comparing integers instead of doubles lets {@link RandomStream#nextBelow} and
 * {@link RandomStream#nextCell} decide most draws from 32 bits and still be exact to 2^-64.
 */
public final class FixedPointProbability {

    /** The largest stored value, for p = 1 (which would need 2^64): misses by 2^-64. */
    public static final long ONE = -1L;
    private static final double TWO_TO_64 = 0x1.0p64;

    private FixedPointProbability() {
    }

    /** floor(p · 2^64) as an unsigned long, for p in [0, 1]; p at or above 1 - 2^-64 gives {@link #ONE}. */
    public static long of(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + p);
        }
        if (p < 0.5) {
            return (long) (p * TWO_TO_64);
        }
        // p - 1/2 is exact for p in [1/2, 1] (Sterbenz), and the cast stays below 2^63.
        long aboveHalf = (long) ((p - 0.5) * TWO_TO_64);
        return aboveHalf == Long.MAX_VALUE ? ONE : aboveHalf + Long.MIN_VALUE;
    }
}
