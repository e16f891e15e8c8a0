package org.qnetem.physics.source;

/**
 * A pulsed SPDC source of polarisation-entangled photon pairs for BBM92.
 *
 * <p>Convention: {@code meanPairsPerPulse} is μ, the mean number of pairs per pump pulse. A
 * polarisation-entangled SPDC source emits into two independent pair modes (for |ψ⁻⟩ one pairs
 * Alice's H with Bob's V, the other Alice's V with Bob's H), each a two-mode squeezed vacuum whose
 * pair number is thermal with mean λ = μ/2:
 * <pre>
 *   P_mode(n) = λ^n / (1 + λ)^(n+1),     so     P(N = n) = (n + 1) λ^n / (1 + λ)^(n+2)
 * </pre>
 * for the total pair number N (mean μ = 2λ, variance 2λ(1 + λ)). This λ is the λ of Ma, Fung and Lo
 * (REFERENCE §4.5a); the state has this form in every measurement basis.
 *
 * <p>{@code visibility} V is the two-photon interference visibility: a pair measured in matching
 * bases gives different bits with probability e_pol = (1 − V)/2.
 */
public record EntangledPairSource(double clockHz, double meanPairsPerPulse, double visibility)
        implements SourceDescriptor {

    public EntangledPairSource {
        if (!(clockHz > 0) || Double.isInfinite(clockHz)) {
            throw new IllegalArgumentException("clock rate must be positive, got " + clockHz);
        }
        if (!(meanPairsPerPulse >= 0) || Double.isInfinite(meanPairsPerPulse)) {
            throw new IllegalArgumentException("mean pairs per pulse must be >= 0, got " + meanPairsPerPulse);
        }
        if (!(visibility >= 0 && visibility <= 1)) {
            throw new IllegalArgumentException("visibility must be in [0, 1], got " + visibility);
        }
    }

    /** λ = μ/2: the mean pair number of each of the two pair modes. */
    public double meanPairsPerMode() {
        return meanPairsPerPulse / 2;
    }

    /** P(N = n) = (n + 1) λ^n / (1 + λ)^(n+2): the probability of exactly n pairs in one pulse. */
    public double pairNumberProbability(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("pair number must be >= 0, got " + n);
        }
        double lambda = meanPairsPerMode();
        if (lambda == 0) {
            return n == 0 ? 1 : 0;
        }
        return (n + 1) * Math.exp(n * Math.log(lambda) - (n + 2) * Math.log1p(lambda));
    }

    /** e_pol = (1 − V)/2. */
    public double polarisationError() {
        return (1 - visibility) / 2;
    }
}
