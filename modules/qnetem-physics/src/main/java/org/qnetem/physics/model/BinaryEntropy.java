package org.qnetem.physics.model;

/** The binary Shannon entropy h(x) = −x log₂x − (1−x) log₂(1−x), in bits. */
public final class BinaryEntropy {

    private static final double LN2 = Math.log(2);

    private BinaryEntropy() {
    }

    /**
     * h(x) with x clamped to [0, ½]: an error rate above ½ leaks no more than ½ does, because Bob could
     * flip every bit, and a negative estimate (a statistical bound overshooting) means no errors.
     */
    public static double of(double x) {
        double p = Math.min(Math.max(x, 0), 0.5);
        if (p == 0) {
            return 0;
        }
        return -(p * Math.log(p) + (1 - p) * Math.log1p(-p)) / LN2;
    }
}
