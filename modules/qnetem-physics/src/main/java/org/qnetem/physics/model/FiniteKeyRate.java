package org.qnetem.physics.model;

/**
 * The finite-key bound of one block of expected counts: the pulses the block takes, the gain Σ_k p_k R_k
 * (clicks per pulse, all intensities), the counts, the key-basis QBER and the bits error correction
 * leaks, and Lim et al.'s bound on them.
 */
public record FiniteKeyRate(double pulses, double gain, DecoyCounts counts, double qberX, double leakedBits,
                            FiniteKeyBound bound) {

    /** Secret bits per emitted pulse: ℓ / N. */
    public double secretBitsPerPulse() {
        return bound.secretKeyLength() / pulses;
    }

    /** The length bound before rounding and clamping, per pulse: what an optimiser should climb. */
    public double boundPerPulse() {
        return bound.lengthBound() / pulses;
    }
}
