package org.qnetem.physics.batch;

/**
 * REFERENCE §4.5's closed forms, and the hand-derived closed form of the sampler's pulsed model where
 * §4.5a approximates it, independent of {@link Bbm92Expectation}'s enumeration. Pulsed: per pulse, for
 * active receivers without misalignment. CW: per second, as §4.5b writes them.
 */
final class Bbm92ClosedForms {

    private Bbm92ClosedForms() {
    }

    /** REFERENCE §4.5a, Q_λ, verbatim (Ma, Fung, Lo 2007); Y_0 is the dark probability of a side. */
    static double maFungLoGain(double lambda, double etaA, double etaB, double y0A, double y0B) {
        return 1 - (1 - y0A) / sq(1 + etaA * lambda) - (1 - y0B) / sq(1 + etaB * lambda)
                + (1 - y0A) * (1 - y0B) / sq(1 + etaA * lambda + etaB * lambda - etaA * etaB * lambda);
    }

    /** REFERENCE §4.5a, E_λ Q_λ, verbatim. */
    static double maFungLoErrorGain(double lambda, double etaA, double etaB, double ed, double y0A, double y0B) {
        return 0.5 * maFungLoGain(lambda, etaA, etaB, y0A, y0B)
                - 2 * (0.5 - ed) * thermalCovariance(lambda, etaA, etaB);
    }

    /**
     * The sampler's pulsed model. Write a receiver's read-out as D0 − D1, D_b the click of its detector b:
     * ±1 for a single click, 0 for none or a double click (whose random bit cancels on average). Then
     * Q (1 − 2E) = E[(D0_A − D1_A)(D0_B − D1_B)], a sum of detector-pair covariances. In matching bases
     * Alice's and Bob's detector b see the same thermal mode and the other pairs are independent, so the
     * sum is 2 Cov(D0_A, D0_B), with Cov = P(neither) − P(no A) P(no B) of one thermal mode, times
     * (1 − p_dA)(1 − p_dB) for the dark counts and (1 − 2 e_pol) for the per-pulse flip. This is §4.5a's
     * formula except for the dark factor, which §4.5a drops.
     */
    static double pulsedErrorGain(double lambda, double etaA, double etaB, double ePol, double pdA, double pdB) {
        double y0A = 1 - sq(1 - pdA);
        double y0B = 1 - sq(1 - pdB);
        return 0.5 * maFungLoGain(lambda, etaA, etaB, y0A, y0B)
                - (1 - 2 * ePol) * (1 - pdA) * (1 - pdB) * thermalCovariance(lambda, etaA, etaB);
    }

    /** One receiver's detection probability: two detectors, two thermal modes. */
    static double pulsedSingles(double lambda, double eta, double pd) {
        return 1 - sq(1 - pd) / sq(1 + lambda * eta);
    }

    /** Some pair detected at both ends: 1 − E[(1 − η_A η_B)^N]. */
    static double pulsedTrueCoincidence(double lambda, double etaA, double etaB) {
        return 1 - 1 / sq(1 + lambda * etaA * etaB);
    }

    /** REFERENCE §4.5b (Neumann et al. 2021), per second: {CC_m, E}. Dark rates are per side. */
    static double[] neumann(double pairRate, double etaA, double etaB, double darkRateA, double darkRateB,
                            double windowS, double windowEfficiency, double visibility) {
        double singlesA = pairRate * etaA + darkRateA;
        double singlesB = pairRate * etaB + darkRateB;
        double accidental = singlesA * singlesB * windowS;
        double trueCoincidences = pairRate * etaA * etaB * windowEfficiency;
        double measured = trueCoincidences + accidental;
        double ePol = (1 - visibility) / 2;
        return new double[] {measured, (trueCoincidences * ePol + 0.5 * accidental) / measured};
    }

    private static double thermalCovariance(double lambda, double etaA, double etaB) {
        return etaA * etaB * lambda * (1 + lambda)
                / ((1 + etaA * lambda) * (1 + etaB * lambda)
                        * (1 + etaA * lambda + etaB * lambda - etaA * etaB * lambda));
    }

    private static double sq(double x) {
        return x * x;
    }
}
