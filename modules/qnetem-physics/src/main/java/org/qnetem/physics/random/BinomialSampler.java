package org.qnetem.physics.random;

/**
 * Binomial draws from a {@link RandomStream}, for emulating counts rather than single events.
 *
 * <p>Exact where the count is small: with m = n·min(p, 1 − p) below {@link #EXACT_BELOW_MEAN} the draw
 * inverts the binomial CDF term by term (the pmf from P(0) = (1 − p)^n by the ratio
 * P(k+1)/P(k) = (n − k)/(k + 1) · p/(1 − p)), one uniform per draw. Above it the normal approximation
 * N(np, np(1 − p)) with a continuity correction, clamped to [0, n], one Box–Muller pair per draw (its
 * skew error is of order 1/√m, under 0.2 of a count's standard deviation at m = 30 and negligible at the
 * 10^4–10^6 counts of a photon batch). The draws depend only on the stream, so they are as
 * reproducible as the stream.
 */
public final class BinomialSampler {

    /** Mean (of the rarer outcome) below which draws are exact. */
    public static final double EXACT_BELOW_MEAN = 30;

    private BinomialSampler() {
    }

    /** The number of successes in {@code n} independent trials of probability {@code p}. */
    public static long binomial(RandomStream stream, long n, double p) {
        if (n < 0 || !(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("binomial needs n >= 0 and p in [0, 1], got n=" + n + ", p=" + p);
        }
        if (n == 0 || p == 0) {
            return 0;
        }
        if (p == 1) {
            return n;
        }
        if (p > 0.5) {
            return n - binomial(stream, n, 1 - p);
        }
        double mean = n * p;
        if (mean < EXACT_BELOW_MEAN) {
            return inversion(stream, n, p);
        }
        double sd = Math.sqrt(mean * (1 - p));
        long k = (long) Math.floor(mean + sd * standardNormal(stream) + 0.5);
        return Math.max(0, Math.min(n, k));
    }

    /** p ≤ 0.5 and n·p < 30, so P(0) = (1 − p)^n ≥ e^{-60} stays far from underflow. */
    private static long inversion(RandomStream stream, long n, double p) {
        double u = stream.nextDouble();
        double ratio = p / (1 - p);
        double pmf = StrictMath.exp(n * StrictMath.log1p(-p));
        double cdf = pmf;
        long k = 0;
        while (u >= cdf && k < n) {
            pmf *= (double) (n - k) / (k + 1) * ratio;
            k++;
            cdf += pmf;
            if (pmf < 1e-300 && k > n * p) {
                break; // the tail left is below double precision
            }
        }
        return k;
    }

    /** One standard normal deviate (the cosine half of a Box–Muller pair; the sine half is not kept). */
    public static double standardNormal(RandomStream stream) {
        double radius = StrictMath.sqrt(-2 * StrictMath.log(stream.nextOpenDouble()));
        return radius * StrictMath.cos(2 * Math.PI * stream.nextDouble());
    }
}
