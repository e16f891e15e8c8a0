package org.qnetem.physics.detector;

import java.util.Objects;

/**
 * Bob's BB84 receiver: optics of transmittance {@code opticsEfficiency}, an active basis choice per
 * pulse (X with probability {@code basisBiasX}), and two identical threshold detectors, one per bit
 * value of the chosen basis. {@code misalignment} is the probability that a photon in the matching
 * basis reaches the wrong detector. A double click is squashed to a uniformly random bit.
 *
 * <p>Dead time and afterpulses act on the receiver as a whole. After any registered click the
 * electronics ignore both detectors for the detector's dead slots (so neither can click, which also
 * closes the dead-time side channel of one detector being blind while the other is not). An
 * afterpulse, with probability p_ap after each click, is an avalanche in the first slot after the
 * dead time: it is registered there whatever light arrives, its outcome a random bit, and it is a
 * click like any other, with its own dead time and possibly its own afterpulse. Dead-time state
 * does not carry from one batch to the next: each batch starts with a rested receiver, which keeps
 * batches independent at the price of under one missed dead time per batch.
 */
public record Receiver(double opticsEfficiency, ThresholdDetector detector, double misalignment, double basisBiasX,
                       BlindingMonitor monitor) {

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
        Objects.requireNonNull(monitor, "monitor");
    }

    /** A receiver without a blinding monitor. */
    public Receiver(double opticsEfficiency, ThresholdDetector detector, double misalignment, double basisBiasX) {
        this(opticsEfficiency, detector, misalignment, basisBiasX, BlindingMonitor.OFF);
    }

    /** Receiver-side transmittance: optics times detector efficiency. */
    public double efficiency() {
        return opticsEfficiency * detector.efficiency();
    }
}
