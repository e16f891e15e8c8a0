package org.qnetem.qkd.hashing;

/** The value of a {@link PolynomialHash} at its two points, each in [0, 2^61 − 1). */
public record PolynomialDigest(long first, long second) {

    /** log2 of the number of possible digests is below this: two values below 2^61. */
    public static final int BITS = 122;
}
