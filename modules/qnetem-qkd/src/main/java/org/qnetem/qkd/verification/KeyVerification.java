package org.qnetem.qkd.verification;

import org.qnetem.physics.batch.PackedBits;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.qkd.hashing.PolynomialDigest;
import org.qnetem.qkd.hashing.PolynomialHash;

/**
 * Error verification of a corrected key: after error correction one end draws a fresh hash from the
 * {@link PolynomialHash} family (two points of GF(2^61 − 1)), sends the points and its tag in the
 * clear, and the other end computes its own tag with the same points; a mismatch discards the block.
 *
 * <p>ε_cor. If the two keys differ, the tags agree with probability at most (D/p)², D = ⌈L/32⌉ + 1,
 * p = 2^61 − 1 ({@link #collisionProbability}). For L = 10^8 bits that is
 * (3,125,001 / 2,305,843,009,213,693,951)² ≈ 1.8 × 10^-24; it stays below the 10^-15 the protocol
 * asks for up to L ≈ 2.3 × 10^12 bits, far past the 2^31 bits a key can have. One point would give
 * 1.4 × 10^-12 at 10^8 bits, not enough, hence two. The points must be drawn after the keys are
 * fixed, which is why each block gets fresh ones; they need not be secret.
 *
 * <p>Leakage: the tag discloses at most {@link #TAG_BITS} = 122 bits about the key, which the
 * secure-length computation must subtract.
 */
public final class KeyVerification {

    /** Upper bound on the information one tag discloses: two values below 2^61. */
    public static final int TAG_BITS = PolynomialDigest.BITS;

    private final PolynomialHash hash;

    private KeyVerification(PolynomialHash hash) {
        this.hash = hash;
    }

    /** The sending end: two fresh uniform points from its random stream. */
    public static KeyVerification draw(RandomStream fresh) {
        return new KeyVerification(PolynomialHash.random(fresh));
    }

    /** The receiving end: the points the sender announced. */
    public static KeyVerification atPoints(long firstPoint, long secondPoint) {
        return new KeyVerification(new PolynomialHash(firstPoint, secondPoint));
    }

    public long firstPoint() {
        return hash.firstPoint();
    }

    public long secondPoint() {
        return hash.secondPoint();
    }

    public PolynomialDigest tag(PackedBits key) {
        return hash.digest(key.toWords(), key.length());
    }

    /** The tag of the first {@code bits} bits of {@code words}; whatever follows them is ignored. */
    public PolynomialDigest tag(long[] words, int bits) {
        return hash.digest(words, bits);
    }

    /** True if {@code key} has the tag the other end sent: the block may be kept. */
    public boolean matches(PackedBits key, PolynomialDigest received) {
        return tag(key).equals(received);
    }

    /** ε_cor for keys of at most {@code keyBits} bits: (D/p)². */
    public static double collisionProbability(long keyBits) {
        return PolynomialHash.collisionProbability(keyBits);
    }

    @Override
    public String toString() {
        return "KeyVerification[polynomial hash over GF(2^61 - 1), " + TAG_BITS + "-bit tag]";
    }
}
