package org.qnetem.physics.source;

/**
 * A continuous-wave pumped SPDC source of polarisation-entangled pairs for BBM92 (REFERENCE §4.5b):
 * pairs are emitted at random times at brightness B = {@code pairRateHz}, and the receivers pair up
 * clicks that fall within a coincidence window t_CC = {@code coincidenceWindowPs} of each other.
 *
 * <p>Detection times of the two photons of a pair differ by the combined timing jitter of detectors,
 * dispersion and coherence time, taken as Gaussian with full width at half maximum
 * t_Δ = {@code timingJitterFwhmPs}; a pair lands inside a window of total width t_CC with probability
 * η_tCC = erf(√(ln 2) · t_CC / t_Δ) (1 when t_Δ = 0).
 *
 * <p>For batches the source is discretised into consecutive windows of width t_CC: a "pulse" of a
 * batch is one window, so {@link #clockHz()} is 10^12 / t_CC windows per second and a batch of n
 * pulses spans n · t_CC. {@code visibility} V gives the error e_pol = (1 − V)/2 of a true coincidence.
 */
public record ContinuousPairSource(double pairRateHz, long coincidenceWindowPs, double timingJitterFwhmPs,
                                   double visibility) implements SourceDescriptor {

    private static final double PS_PER_S = 1e12;
    // erfc(6) ≈ 2e-17 is below half an ulp of 1.
    private static final double ERF_IS_ONE_FROM = 6;

    public ContinuousPairSource {
        if (!(pairRateHz >= 0) || Double.isInfinite(pairRateHz)) {
            throw new IllegalArgumentException("pair rate must be finite and >= 0, got " + pairRateHz);
        }
        if (coincidenceWindowPs <= 0) {
            throw new IllegalArgumentException("coincidence window must be positive, got " + coincidenceWindowPs
                    + " ps");
        }
        if (!(timingJitterFwhmPs >= 0) || Double.isInfinite(timingJitterFwhmPs)) {
            throw new IllegalArgumentException("timing jitter must be finite and >= 0, got " + timingJitterFwhmPs
                    + " ps");
        }
        if (!(visibility >= 0 && visibility <= 1)) {
            throw new IllegalArgumentException("visibility must be in [0, 1], got " + visibility);
        }
    }

    /** Coincidence windows per second: each window is one pulse of a batch. */
    @Override
    public double clockHz() {
        return PS_PER_S / coincidenceWindowPs;
    }

    /** B · t_CC: mean pairs emitted per window. */
    public double meanPairsPerWindow() {
        return pairRateHz * coincidenceWindowPs / PS_PER_S;
    }

    /** η_tCC = erf(√(ln 2) · t_CC / t_Δ): the fraction of pairs whose two detections fall in one window. */
    public double coincidenceWindowEfficiency() {
        if (timingJitterFwhmPs == 0) {
            return 1;
        }
        return erf(Math.sqrt(Math.log(2)) * coincidenceWindowPs / timingJitterFwhmPs);
    }

    /** e_pol = (1 − V)/2. */
    public double polarisationError() {
        return (1 - visibility) / 2;
    }

    /**
     * erf(x) for x >= 0 by the series (2/√π) e^(−x²) Σ_n (2x²)^n x / (1·3···(2n+1)), whose terms are
     * all positive (no cancellation), to about 1e-15.
     */
    static double erf(double x) {
        if (x >= ERF_IS_ONE_FROM) {
            return 1;
        }
        double twoXSquared = 2 * x * x;
        double term = x;
        double sum = x;
        for (int n = 1; term > 1e-17 * sum; n++) {
            term *= twoXSquared / (2 * n + 1);
            sum += term;
        }
        return 2 / Math.sqrt(Math.PI) * Math.exp(-x * x) * sum;
    }
}
