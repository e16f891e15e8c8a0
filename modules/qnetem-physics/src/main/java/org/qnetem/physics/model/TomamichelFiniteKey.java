package org.qnetem.physics.model;

/**
 * Secret-key length of a BBM92 (or qubit BB84) block with finite statistics, after Tomamichel, Lim,
 * Gisin and Renner, Nat. Commun. 3, 634 (2012), Eq. (2); REFERENCE §4.4:
 * <pre>
 *   ℓ = ⌊ n [q − h(Q_tol + μ)] − leak_EC − log₂( 2 / (ε_sec² ε_cor) ) ⌋,
 *   μ = √( (n + k)/(n k) · (k + 1)/k · ln(2/ε_sec) ),
 * </pre>
 * with n key bits, k parameter-estimation (test) bits and q = 1, the preparation quality of two
 * mutually unbiased bases: an SPDC pair measured in Z and X, as in BBM92.
 *
 * <p>The paper fixes a tolerance Q_tol in advance and aborts when the test error rate exceeds it.
 * Here the observed test error rate is the tolerance: the largest that still passes. A rate at
 * which Q_tol + μ reaches ½ leaves h = 1 and no key, which is the abort.
 *
 * <p>REFERENCE wrote this from memory. The only text of the paper at hand was a transcription of the
 * arXiv preprint (1103.4130). Its main-text formula, as transcribed, lacks the square on ε_sec, but its
 * supplementary proof gives it: the leftover hash lemma costs 2 log₂(1/(2ε̃)) with ε̃ = ε_sec/2, and the
 * verification hash log₂(2/ε_cor); the smaller cost would not be proven. Its μ has
 * ln(4/ε_sec) (smoothing ε = ε_sec/4) where REFERENCE, like the version usually quoted from the
 * journal, has ln(2/ε_sec); that makes μ about 1.5 % smaller at ε_sec = 1e-10. REFERENCE's form is kept.
 */
public final class TomamichelFiniteKey {

    private static final double LN2 = Math.log(2);

    private final double epsilonSecrecy;
    private final double epsilonCorrectness;

    public TomamichelFiniteKey(double epsilonSecrecy, double epsilonCorrectness) {
        if (!(epsilonSecrecy > 0 && epsilonSecrecy < 1) || !(epsilonCorrectness > 0 && epsilonCorrectness < 1)) {
            throw new IllegalArgumentException("security parameters must be in (0, 1), got eps_sec "
                    + epsilonSecrecy + ", eps_cor " + epsilonCorrectness);
        }
        this.epsilonSecrecy = epsilonSecrecy;
        this.epsilonCorrectness = epsilonCorrectness;
    }

    /** ε_sec = 1e-10, ε_cor = 1e-15, as for {@link LimFiniteKey#referenceSecurity()}. */
    public static TomamichelFiniteKey referenceSecurity() {
        return new TomamichelFiniteKey(1e-10, 1e-15);
    }

    public double epsilonSecrecy() {
        return epsilonSecrecy;
    }

    public double epsilonCorrectness() {
        return epsilonCorrectness;
    }

    /**
     * @param keyBits    n, the sifted bits that become key
     * @param testBits   k, the sifted bits disclosed to estimate the error rate
     * @param testErrors errors among the test bits
     * @param leakedBits leak_EC: bits error correction actually revealed
     */
    public Bound secretKeyLength(long keyBits, long testBits, long testErrors, double leakedBits) {
        if (keyBits < 0 || testBits < 0 || testErrors < 0 || testErrors > testBits) {
            throw new IllegalArgumentException("need 0 <= test errors <= test bits and key bits >= 0, got n = "
                    + keyBits + ", k = " + testBits + ", errors = " + testErrors);
        }
        if (!(leakedBits >= 0) || Double.isInfinite(leakedBits)) {
            throw new IllegalArgumentException("leaked bits must be >= 0, got " + leakedBits);
        }
        double n = keyBits;
        double k = testBits;
        // Without key bits or test bits nothing is bounded: μ = ∞ (h = 1), the untested rate ½.
        double deviation = keyBits == 0 || testBits == 0 ? Double.POSITIVE_INFINITY
                : Math.sqrt((n + k) / (n * k) * (k + 1) / k * Math.log(2 / epsilonSecrecy));
        double tolerance = testBits == 0 ? 0.5 : testErrors / k;
        double securityCost = log2(2 / (epsilonSecrecy * epsilonSecrecy * epsilonCorrectness));
        double lengthBound = n * (1 - BinaryEntropy.of(tolerance + deviation)) - leakedBits - securityCost;
        long length = lengthBound > 0 ? (long) Math.floor(lengthBound) : 0;
        return new Bound(deviation, tolerance, securityCost, lengthBound, length);
    }

    /**
     * The terms of one block's length: μ, Q_tol (the observed test error rate), the security cost
     * log₂(2/(ε_sec² ε_cor)), the bound before rounding (negative when there is no key) and ℓ ≥ 0.
     */
    public record Bound(double statisticalDeviation, double toleratedErrorRate, double securityCost,
                        double lengthBound, long secretKeyLength) {
    }

    private static double log2(double x) {
        return Math.log(x) / LN2;
    }
}
