package org.qnetem.physics.model;

/**
 * Gain and error probability of a phase-randomised coherent pulse of mean photon number μ arriving at
 * a two-detector threshold receiver, per emitted pulse (REFERENCE §4.1: Ma, Qi, Zhao, Lo 2005, with the
 * afterpulsing of Lim, Curty, Walenta, Xu, Zbinden 2014).
 *
 * <pre>
 *   D_μ = 1 − (1 − Y_0) e^(−ημ)                         a click that is not an afterpulse
 *   Q_μ = D_μ (1 + p_ap)                                 the gain, afterpulses included (Lim's R_k)
 *   E_μ Q_μ = Y_0/2 + e_d (1 − e^(−ημ)) + p_ap D_μ / 2   errors (Lim's e_k, with η = η_sys)
 * </pre>
 * η is the whole system's transmittance (channel × Bob), Y_0 the background yield of both detectors
 * together (Lim's 2 p_dc). Without afterpulsing this is Ma et al.'s model except that Ma write the gain
 * as Y_0 + 1 − e^(−ημ), which double-counts a dark count coinciding with a photon; the two differ by
 * Y_0 (1 − e^(−ημ)), a relative 10⁻⁶ for GYS-like detectors. The exact form is used because it stays a
 * probability. Afterpulses are taken to be random, half of them errors.
 */
public record GainModel(double transmittance, double backgroundYield, double misalignment,
                        double afterpulseProbability) {

    public GainModel {
        if (!(transmittance >= 0 && transmittance <= 1)) {
            throw new IllegalArgumentException("transmittance must be in [0, 1], got " + transmittance);
        }
        if (!(backgroundYield >= 0 && backgroundYield < 1)) {
            throw new IllegalArgumentException("background yield must be in [0, 1), got " + backgroundYield);
        }
        if (!(misalignment >= 0 && misalignment <= 0.5)) {
            throw new IllegalArgumentException("misalignment must be in [0, 0.5], got " + misalignment);
        }
        if (!(afterpulseProbability >= 0 && afterpulseProbability < 1)) {
            throw new IllegalArgumentException("afterpulse probability must be in [0, 1), got "
                    + afterpulseProbability);
        }
    }

    /** Q_μ: probability per pulse of intensity μ that Bob registers a click. */
    public double gain(double mu) {
        return clickProbability(mu) * (1 + afterpulseProbability);
    }

    /** E_μ Q_μ: probability per pulse of intensity μ that Bob registers a wrong bit. */
    public double errorProbability(double mu) {
        double photonClick = -Math.expm1(-transmittance * mu);
        return errors(photonClick, clickProbability(mu));
    }

    /** E_μ: error rate of the clicks of intensity μ. */
    public double qber(double mu) {
        return errorProbability(mu) / gain(mu);
    }

    /** Y_n: probability that a pulse of exactly n photons gives a click. */
    public double photonYield(int photons) {
        return photonNumberClick(photons) * (1 + afterpulseProbability);
    }

    /** e_n: error rate of the clicks that pulses of exactly n photons give. */
    public double photonErrorRate(int photons) {
        double photonClick = -Math.expm1(photons * Math.log1p(-transmittance));
        return errors(photonClick, photonNumberClick(photons)) / photonYield(photons);
    }

    private double clickProbability(double mu) {
        return -Math.expm1(Math.log1p(-backgroundYield) - transmittance * mu);
    }

    private double photonNumberClick(int photons) {
        if (photons < 0) {
            throw new IllegalArgumentException("photon number must be >= 0, got " + photons);
        }
        return -Math.expm1(Math.log1p(-backgroundYield) + photons * Math.log1p(-transmittance));
    }

    private double errors(double photonClick, double click) {
        return backgroundYield / 2 + misalignment * photonClick + afterpulseProbability * click / 2;
    }
}
