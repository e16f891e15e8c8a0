package org.qnetem.physics.source;

import java.util.Arrays;

/**
 * Phase-randomised weak coherent pulses: each pulse picks intensity class k with probability
 * {@code probabilities[k]} (mean photon number {@code intensities[k]}), the X basis with
 * probability {@code basisBiasX}, and a uniformly random bit.
 */
public record WeakCoherentSource(double clockHz, double[] intensities, double[] probabilities, double basisBiasX)
        implements Bb84Source {

    public WeakCoherentSource {
        if (!(clockHz > 0) || Double.isInfinite(clockHz)) {
            throw new IllegalArgumentException("clock rate must be positive, got " + clockHz);
        }
        if (intensities.length == 0 || intensities.length > MAX_CLASSES) {
            throw new IllegalArgumentException("1 to " + MAX_CLASSES + " intensities needed, got " + intensities.length);
        }
        if (probabilities.length != intensities.length) {
            throw new IllegalArgumentException("one probability per intensity needed: " + intensities.length
                    + " intensities, " + probabilities.length + " probabilities");
        }
        double sum = 0;
        for (int k = 0; k < intensities.length; k++) {
            if (!(intensities[k] >= 0) || Double.isInfinite(intensities[k])) {
                throw new IllegalArgumentException("intensity " + k + " must be >= 0, got " + intensities[k]);
            }
            if (!(probabilities[k] >= 0)) {
                throw new IllegalArgumentException("probability " + k + " must be >= 0, got " + probabilities[k]);
            }
            sum += probabilities[k];
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("intensity probabilities must sum to 1, got " + sum);
        }
        if (!(basisBiasX >= 0 && basisBiasX <= 1)) {
            throw new IllegalArgumentException("basis bias must be in [0, 1], got " + basisBiasX);
        }
        intensities = intensities.clone();
        probabilities = probabilities.clone();
    }

    /** A single-intensity source (no decoys) with unbiased bases. */
    public static WeakCoherentSource single(double clockHz, double mu) {
        return new WeakCoherentSource(clockHz, new double[] {mu}, new double[] {1.0}, 0.5);
    }

    @Override
    public int classCount() {
        return intensities.length;
    }

    public double intensity(int k) {
        return intensities[k];
    }

    @Override
    public double probability(int k) {
        return probabilities[k];
    }

    @Override
    public PhotonNumber photonNumber(int k) {
        return new PoissonPhotonNumber(intensities[k]);
    }

    @Override
    public double[] intensities() {
        return intensities.clone();
    }

    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeakCoherentSource w && clockHz == w.clockHz && basisBiasX == w.basisBiasX
                && Arrays.equals(intensities, w.intensities) && Arrays.equals(probabilities, w.probabilities);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Double.hashCode(clockHz) + Arrays.hashCode(intensities)) + Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return "WeakCoherentSource[clockHz=" + clockHz + ", intensities=" + Arrays.toString(intensities)
                + ", probabilities=" + Arrays.toString(probabilities) + ", basisBiasX=" + basisBiasX + "]";
    }
}
