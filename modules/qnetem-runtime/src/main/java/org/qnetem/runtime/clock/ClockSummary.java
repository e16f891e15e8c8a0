package org.qnetem.runtime.clock;

import org.qnetem.runtime.serialization.InternalMessage;

/**
 * How a run's emulated time related to the wall clock; what the clock reports when the run reaches its duration.
 *
 * @param maxLagNanos in real-time mode, the most an epoch finished after its wall-clock deadline
 */
public record ClockSummary(long epochs, long emulatedPs, long wallNanos, long maxLagNanos)
        implements InternalMessage, EmulationClock.Outcome {

    public double emulatedSeconds() {
        return emulatedPs / 1e12;
    }

    public double wallSeconds() {
        return wallNanos / 1e9;
    }

    /** Real-time factor: emulated seconds per wall second. */
    public double realTimeFactor() {
        return wallNanos == 0 ? Double.POSITIVE_INFINITY : emulatedSeconds() / wallSeconds();
    }
}
