package org.qnetem.physics.detector;

/**
 * Bob's BB84 receiver: optics of transmittance {@code opticsEfficiency}, an active basis choice per
 * pulse (X with probability {@code basisBiasX}), and two identical threshold detectors, one per bit
 * value of the chosen basis. {@code misalignment} is the probability that a photon in the matching
 * basis reaches the wrong detector.
 */
public record Receiver(double opticsEfficiency, ThresholdDetector detector, double misalignment, double basisBiasX) {

    public Receiver {
        if (!(opticsEfficiency > 0 && opticsEfficiency <= 1)) {
            throw new IllegalArgumentException("receiver optics efficiency must be in (0, 1], got " + opticsEfficiency);
        }
        if (detector == null) {
            throw new IllegalArgumentException("receiver needs a detector");
        }
        if (!(misalignment >= 0 && misalignment <= 0.5)) {
            throw new IllegalArgumentException("misalignment must be in [0, 0.5], got " + misalignment);
        }
        if (!(basisBiasX >= 0 && basisBiasX <= 1)) {
            throw new IllegalArgumentException("basis bias must be in [0, 1], got " + basisBiasX);
        }
    }

    /** Receiver-side transmittance: optics times detector efficiency. */
    public double efficiency() {
        return opticsEfficiency * detector.efficiency();
    }
}
