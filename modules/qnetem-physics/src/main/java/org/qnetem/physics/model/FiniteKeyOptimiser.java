package org.qnetem.physics.model;

/**
 * Chooses the basis bias q_x, the signal and decoy probabilities p_1, p_2 and intensities μ_1, μ_2
 * that maximise the expected finite-key rate per pulse of a block of n_X key-basis detections, the
 * weakest intensity μ_3 being fixed (REFERENCE §4.3). Nelder–Mead climbs the unrounded length bound,
 * which keeps a slope where ℓ is still zero, from a fixed grid of 27 starting points, then restarts once
 * from the best point found; nothing is random, so the same link always gives the same answer.
 */
public final class FiniteKeyOptimiser {

    /**
     * X is the key basis and the more frequent one, as in Lim et al.'s biased-basis protocol. Letting
     * q_x drop below ½ gains about 10 % where keys are about to vanish (150 km at n_X = 1e5, 175 km at
     * 1e7 with Lim's detector), but REFERENCE's finite-key table is computed with q_x ≥ ½.
     */
    static final double MIN_BASIS_BIAS = 0.5;
    private static final double[] START_BASIS_BIAS = {0.5, 0.7, 0.9};
    private static final double[][] START_PROBABILITIES = {{0.5, 0.3}, {0.3, 0.3}, {0.7, 0.2}};
    private static final double[][] START_INTENSITIES = {{0.5, 0.1}, {0.4, 0.2}, {0.7, 0.3}};

    private final DecoyBb84FiniteKey model;
    private final double weakestIntensity;

    /** @param weakestIntensity μ_3, fixed: Lim et al. use 2e-4, a vacuum decoy as a real modulator makes it */
    public FiniteKeyOptimiser(DecoyBb84FiniteKey model, double weakestIntensity) {
        if (!(weakestIntensity >= 0) || Double.isInfinite(weakestIntensity)) {
            throw new IllegalArgumentException("weakest intensity must be >= 0, got " + weakestIntensity);
        }
        this.model = model;
        this.weakestIntensity = weakestIntensity;
    }

    /** The best settings found and the expected block they give; a key length of 0 means no key. */
    public record Optimum(double basisBiasX, DecoyIntensities settings, FiniteKeyRate rate) {
    }

    public Optimum optimise(GainModel link, double blockBits) {
        double[] best = null;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (double q : START_BASIS_BIAS) {
            for (double[] p : START_PROBABILITIES) {
                for (double[] mu : START_INTENSITIES) {
                    double[] start = {q, p[0], p[1], mu[0], mu[1]};
                    if (objective(link, blockBits, start) == Double.NEGATIVE_INFINITY) {
                        continue;
                    }
                    double[] found = NelderMead.maximise(x -> objective(link, blockBits, x), start);
                    double value = objective(link, blockBits, found);
                    if (value > bestValue) {
                        best = found;
                        bestValue = value;
                    }
                }
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no feasible start for the finite-key optimiser at block size "
                    + blockBits + " with mu3 = " + weakestIntensity);
        }
        // A simplex can collapse before reaching the optimum; a fresh one from there finishes the climb.
        double[] restarted = NelderMead.maximise(x -> objective(link, blockBits, x), best);
        if (objective(link, blockBits, restarted) > bestValue) {
            best = restarted;
        }
        DecoyIntensities settings = settings(best);
        return new Optimum(best[0], settings, model.evaluate(link, settings, best[0], blockBits));
    }

    private double objective(GainModel link, double blockBits, double[] x) {
        if (!feasible(x)) {
            return Double.NEGATIVE_INFINITY;
        }
        double value = model.evaluate(link, settings(x), x[0], blockBits).boundPerPulse();
        return Double.isNaN(value) ? Double.NEGATIVE_INFINITY : value;
    }

    private boolean feasible(double[] x) {
        double q = x[0];
        double p1 = x[1];
        double p2 = x[2];
        double mu1 = x[3];
        double mu2 = x[4];
        return q >= MIN_BASIS_BIAS && q < 1 && p1 > 0 && p2 > 0 && p1 + p2 < 1
                && mu2 > weakestIntensity && mu1 > mu2 + weakestIntensity && Double.isFinite(mu1);
    }

    private DecoyIntensities settings(double[] x) {
        return new DecoyIntensities(new PerIntensity(x[3], x[4], weakestIntensity),
                new PerIntensity(x[1], x[2], 1 - x[1] - x[2]));
    }
}
