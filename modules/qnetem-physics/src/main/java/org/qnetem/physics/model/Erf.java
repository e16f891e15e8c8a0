package org.qnetem.physics.model;

/** The error function, which java.lang.Math lacks. */
final class Erf {

    /** erf(6) = 1 − 2e-17: 1 to double precision from there on. */
    private static final double SATURATION = 6;
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private Erf() {
    }

    /**
     * erf(x) = (2/√π) e^(−x²) Σ_n 2ⁿ x^(2n+1) / (1·3·…·(2n+1)). Every term is positive, so unlike the
     * alternating Taylor series it loses no precision to cancellation, and it needs about 2x² terms.
     */
    static double of(double x) {
        if (x < 0) {
            return -of(-x);
        }
        if (x >= SATURATION) {
            return 1;
        }
        double term = x;
        double sum = x;
        for (int n = 1; term > sum * 1e-17; n++) {
            term *= 2 * x * x / (2 * n + 1);
            sum += term;
        }
        return TWO_OVER_SQRT_PI * Math.exp(-x * x) * sum;
    }
}
