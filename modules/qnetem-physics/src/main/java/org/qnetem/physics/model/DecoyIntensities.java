package org.qnetem.physics.model;

import java.util.function.DoubleUnaryOperator;

/**
 * The three intensities of Lim et al.'s decoy BB84 and the probabilities of sending each, with the
 * ordering their bounds need: μ_1 &gt; μ_2 + μ_3 and μ_2 &gt; μ_3 ≥ 0.
 */
public record DecoyIntensities(PerIntensity intensities, PerIntensity probabilities) {

    private static final double PROBABILITY_SUM_TOLERANCE = 1e-9;

    public DecoyIntensities {
        double mu1 = intensities.k1();
        double mu2 = intensities.k2();
        double mu3 = intensities.k3();
        if (!(mu2 > mu3 && mu1 > mu2 + mu3)) {
            throw new IllegalArgumentException("intensities need mu1 > mu2 + mu3 and mu2 > mu3 >= 0, got "
                    + mu1 + ", " + mu2 + ", " + mu3);
        }
        if (!(probabilities.k1() > 0 && probabilities.k2() > 0 && probabilities.k3() > 0)) {
            throw new IllegalArgumentException("every intensity needs a probability > 0, got " + probabilities);
        }
        if (Math.abs(probabilities.total() - 1) > PROBABILITY_SUM_TOLERANCE) {
            throw new IllegalArgumentException("intensity probabilities must sum to 1, got " + probabilities.total());
        }
    }

    /** τ_n = Σ_k p_k e^(−μ_k) μ_k^n / n!: the probability that a pulse carries n photons. */
    public double photonNumberProbability(int n) {
        double factorial = 1;
        for (int i = 2; i <= n; i++) {
            factorial *= i;
        }
        return (poisson(probabilities.k1(), intensities.k1(), n) + poisson(probabilities.k2(), intensities.k2(), n)
                + poisson(probabilities.k3(), intensities.k3(), n)) / factorial;
    }

    /** Σ_k p_k g(μ_k). */
    double average(DoubleUnaryOperator g) {
        return probabilities.k1() * g.applyAsDouble(intensities.k1())
                + probabilities.k2() * g.applyAsDouble(intensities.k2())
                + probabilities.k3() * g.applyAsDouble(intensities.k3());
    }

    /** (p_k g(μ_k)) for each k. */
    PerIntensity each(DoubleUnaryOperator g) {
        return new PerIntensity(probabilities.k1() * g.applyAsDouble(intensities.k1()),
                probabilities.k2() * g.applyAsDouble(intensities.k2()),
                probabilities.k3() * g.applyAsDouble(intensities.k3()));
    }

    private static double poisson(double p, double mu, int n) {
        return p * Math.exp(-mu) * Math.pow(mu, n);
    }
}
