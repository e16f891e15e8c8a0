package org.qnetem.physics.model;

/**
 * Asymptotic key rate of decoy-state BB84 (GLLP with decoy states; Lo, Ma, Chen 2005 and Ma, Qi, Zhao,
 * Lo 2005; REFERENCE §4.2), per emitted pulse:
 * <pre>
 *   R = q { −f Q_μ h(E_μ) + Q_1 [1 − h(e_1)] }     (+ Q_0 = Y_0 e^(−μ) if vacuum bits are credited)
 * </pre>
 * with Q_1 and e_1 exact for infinitely many decoys, or bounded from a vacuum and a weak decoy ν:
 * <pre>
 *   Y_1^L = μ / (μν − ν²) · [ Q_ν e^ν − Q_μ e^μ ν²/μ² − (μ² − ν²)/μ² · Y_0 ]
 *   e_1^U = (E_ν Q_ν e^ν − e_0 Y_0) / (Y_1^L ν),   Q_1^L = Y_1^L μ e^(−μ)
 * </pre>
 * Y_0 and e_0 Y_0 are what the vacuum decoy measures: the gain and error probability at μ = 0.
 */
public final class DecoyBb84Asymptotic {

    /** Where the optimal signal intensity is searched; optima lie near 0.4–0.9 for real links. */
    private static final double MIN_SIGNAL = 1e-3;
    private static final double MAX_SIGNAL = 2;
    /** Keeps the vacuum + weak search off μ = ν, where Y_1^L divides by zero. */
    private static final double SIGNAL_ABOVE_DECOY = 1 + 1e-6;

    private final double errorCorrectionEfficiency;
    private final double siftFactor;
    private final boolean creditVacuumBits;

    /**
     * @param errorCorrectionEfficiency f_EC ≥ 1: bits leaked per bit of Shannon limit
     * @param siftFactor                q: fraction of pulses whose bases match and that make key (½ for
     *                                  standard BB84, about q_x² for efficient BB84)
     * @param creditVacuumBits          count the key bits of vacuum pulses, which Eve cannot know (Ma et
     *                                  al.'s GYS table does not; Lim et al.'s asymptote does)
     */
    public DecoyBb84Asymptotic(double errorCorrectionEfficiency, double siftFactor, boolean creditVacuumBits) {
        this.errorCorrectionEfficiency = KeyRateFactors.errorCorrectionEfficiency(errorCorrectionEfficiency);
        this.siftFactor = KeyRateFactors.siftFactor(siftFactor);
        this.creditVacuumBits = creditVacuumBits;
    }

    /** Infinitely many decoys: the single-photon gain and error rate are known exactly. */
    public KeyRate infiniteDecoy(GainModel link, double mu) {
        requireIntensity("signal intensity", mu);
        double singlePhotonGain = link.photonYield(1) * mu * Math.exp(-mu);
        return rate(link, mu, singlePhotonGain, link.photonErrorRate(1));
    }

    /** Infinite decoy at the signal intensity that maximises the rate. */
    public KeyRate infiniteDecoy(GainModel link) {
        double mu = ScalarMaximiser.argMax(m -> infiniteDecoy(link, m).bound(), MIN_SIGNAL, MAX_SIGNAL);
        return infiniteDecoy(link, mu);
    }

    /** A vacuum decoy and a weak decoy of intensity ν &lt; μ (Ma et al. 2005, REFERENCE §4.2). */
    public KeyRate vacuumWeakDecoy(GainModel link, double mu, double nu) {
        requireIntensity("weak decoy intensity", nu);
        if (!(mu > nu) || Double.isInfinite(mu)) {
            throw new IllegalArgumentException("signal intensity must exceed the weak decoy's " + nu + ", got " + mu);
        }
        double y0 = link.gain(0);
        double gainNu = link.gain(nu);
        double yield1 = mu / (mu * nu - nu * nu) * (gainNu * Math.exp(nu) - link.gain(mu) * Math.exp(mu) * nu * nu
                / (mu * mu) - (mu * mu - nu * nu) / (mu * mu) * y0);
        if (!(yield1 > 0)) {
            // The bound proves no single photons arrived: no key from them, whatever e_1 would be.
            return rate(link, mu, 0, 0.5);
        }
        double errorRate1 = (link.errorProbability(nu) * Math.exp(nu) - link.errorProbability(0)) / (yield1 * nu);
        return rate(link, mu, yield1 * mu * Math.exp(-mu), errorRate1);
    }

    /** Vacuum + weak decoy ν at the signal intensity that maximises the rate. */
    public KeyRate vacuumWeakDecoy(GainModel link, double nu) {
        requireIntensity("weak decoy intensity", nu);
        double lo = Math.max(nu * SIGNAL_ABOVE_DECOY, MIN_SIGNAL);
        double mu = ScalarMaximiser.argMax(m -> vacuumWeakDecoy(link, m, nu).bound(), lo, Math.max(MAX_SIGNAL, 2 * lo));
        return vacuumWeakDecoy(link, mu, nu);
    }

    private KeyRate rate(GainModel link, double mu, double singlePhotonGain, double singlePhotonErrorRate) {
        double gain = link.gain(mu);
        double qber = link.qber(mu);
        double vacuumGain = creditVacuumBits ? link.gain(0) * Math.exp(-mu) : 0;
        double bound = siftFactor * (-errorCorrectionEfficiency * gain * BinaryEntropy.of(qber)
                + singlePhotonGain * (1 - BinaryEntropy.of(singlePhotonErrorRate)) + vacuumGain);
        return new KeyRate(mu, gain, qber, bound);
    }

    private static void requireIntensity(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }
}
