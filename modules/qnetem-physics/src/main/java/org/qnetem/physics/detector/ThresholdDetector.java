package org.qnetem.physics.detector;

/** A gated threshold single-photon detector: clicks on one or more photons, or on a dark count. */
public record ThresholdDetector(double efficiency, double darkCountPerGate) {

    public ThresholdDetector {
        if (!(efficiency > 0 && efficiency <= 1)) {
            throw new IllegalArgumentException("detector efficiency must be in (0, 1], got " + efficiency);
        }
        if (!(darkCountPerGate >= 0 && darkCountPerGate < 1)) {
            throw new IllegalArgumentException("dark-count probability must be in [0, 1), got " + darkCountPerGate);
        }
    }
}
