package org.qnetem.physics.detector;

import java.util.Objects;

/**
 * A threshold single-photon detector: clicks on one or more photons (each registered with
 * probability {@code efficiency}) or on a dark count, with the dark counts and dead time of its
 * {@code timing}. After each click an afterpulse follows with probability
 * {@code afterpulseProbability} (see {@link Receiver} for where it lands). {@code timingJitterPs}
 * is the full width at half maximum of the click-time spread; pulse slots are far longer for the
 * BB84 sampler, so only coincidence counting uses it.
 */
public record ThresholdDetector(double efficiency, DetectorTiming timing, double afterpulseProbability,
                                double timingJitterPs) {

    public ThresholdDetector {
        if (!(efficiency > 0 && efficiency <= 1)) {
            throw new IllegalArgumentException("detector efficiency must be in (0, 1], got " + efficiency);
        }
        Objects.requireNonNull(timing, "timing");
        if (!(afterpulseProbability >= 0 && afterpulseProbability < 1)) {
            throw new IllegalArgumentException("afterpulse probability must be in [0, 1), got " + afterpulseProbability);
        }
        if (!(timingJitterPs >= 0) || Double.isInfinite(timingJitterPs)) {
            throw new IllegalArgumentException("timing jitter must be >= 0 ps, got " + timingJitterPs);
        }
    }

    /** A gated detector with dark counts only: no dead time, afterpulsing or jitter. */
    public static ThresholdDetector gated(double efficiency, double darkCountPerGate) {
        return new ThresholdDetector(efficiency, new GatedTiming(darkCountPerGate, 0), 0, 0);
    }
}
