package org.qnetem.physics.source;

/** A phase-randomised coherent pulse of mean photon number {@code mean}: n is Poisson. */
public record PoissonPhotonNumber(double mean) implements PhotonNumber {

    // Below this argument the series of (e^x - 1 - x)/x beats the cancellation in expm1(x) - x.
    private static final double SERIES_BELOW = 0.01;

    public PoissonPhotonNumber {
        if (!(mean >= 0) || Double.isInfinite(mean)) {
            throw new IllegalArgumentException("mean photon number must be >= 0, got " + mean);
        }
    }

    @Override
    public double vacuum() {
        return StrictMath.exp(-mean);
    }

    @Override
    public double single() {
        return mean * StrictMath.exp(-mean);
    }

    @Override
    public double multi() {
        return multiLessOne(1);
    }

    @Override
    public double logNoneDetected(double t) {
        return -mean * t;
    }

    /** e^-μ Σ_{n≥2} μ^n z^(n-1) / n! = e^-μ · μ · (e^x - 1 - x) / x with x = μz. */
    @Override
    public double multiLessOne(double z) {
        return StrictMath.exp(-mean) * mean * exponentialRemainderOverX(mean * z);
    }

    /** (e^x - 1 - x) / x = x/2! + x²/3! + ..., and 0 at x = 0. */
    private static double exponentialRemainderOverX(double x) {
        if (x < SERIES_BELOW) {
            // Terms through x^6/7!: the next is below 1e-16 of the sum for x < 0.01.
            return x * (1.0 / 2 + x * (1.0 / 6 + x * (1.0 / 24 + x * (1.0 / 120 + x * (1.0 / 720
                    + x * (1.0 / 5040))))));
        }
        return (StrictMath.expm1(x) - x) / x;
    }
}
