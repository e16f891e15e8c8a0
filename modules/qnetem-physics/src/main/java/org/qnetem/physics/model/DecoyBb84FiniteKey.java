package org.qnetem.physics.model;

/**
 * Lim et al.'s finite-key bound evaluated on the counts a link is expected to produce (REFERENCE §4.3).
 * Alice and Bob each pick X with probability q_x, so a block of n_X key-basis detections takes
 * N = n_X / (q_x² Σ_k p_k R_k) pulses, and
 * <pre>
 *   n_{X,k} = N q_x² p_k R_k,   n_{Z,k} = N (1 − q_x)² p_k R_k,   m_{Z,k} = N (1 − q_x)² p_k e_k,
 *   λ_EC = n_X f h(E_X),  E_X = Σ_k p_k e_k / Σ_k p_k R_k,
 * </pre>
 * with R_k and e_k the gain and error probability of {@link GainModel}.
 */
public final class DecoyBb84FiniteKey {

    private final LimFiniteKey bound;
    private final double errorCorrectionEfficiency;

    public DecoyBb84FiniteKey(LimFiniteKey bound, double errorCorrectionEfficiency) {
        this.bound = bound;
        this.errorCorrectionEfficiency = KeyRateFactors.errorCorrectionEfficiency(errorCorrectionEfficiency);
    }

    /**
     * @param basisBiasX q_x, the probability that each side picks the key basis X
     * @param blockBits  n_X, key-basis detections per block
     */
    public FiniteKeyRate evaluate(GainModel link, DecoyIntensities settings, double basisBiasX, double blockBits) {
        if (!(basisBiasX > 0 && basisBiasX < 1)) {
            throw new IllegalArgumentException("basis bias q_x must be in (0, 1), got " + basisBiasX);
        }
        if (!(blockBits >= 1) || Double.isInfinite(blockBits)) {
            throw new IllegalArgumentException("block size n_X must be >= 1, got " + blockBits);
        }
        double gainPerPulse = settings.average(link::gain);
        double pulses = blockBits / (basisBiasX * basisBiasX * gainPerPulse);
        double keyBasis = pulses * basisBiasX * basisBiasX;
        double testBasis = pulses * (1 - basisBiasX) * (1 - basisBiasX);
        PerIntensity gains = settings.each(link::gain);
        PerIntensity errors = settings.each(link::errorProbability);
        DecoyCounts counts = new DecoyCounts(scaled(gains, keyBasis), scaled(gains, testBasis),
                scaled(errors, testBasis));
        double qberX = errors.total() / gains.total();
        double leakedBits = blockBits * errorCorrectionEfficiency * BinaryEntropy.of(qberX);
        return new FiniteKeyRate(pulses, gainPerPulse, counts, qberX, leakedBits,
                bound.secretKeyLength(settings, counts, leakedBits));
    }

    private static PerIntensity scaled(PerIntensity perPulse, double pulses) {
        return new PerIntensity(perPulse.k1() * pulses, perPulse.k2() * pulses, perPulse.k3() * pulses);
    }
}
