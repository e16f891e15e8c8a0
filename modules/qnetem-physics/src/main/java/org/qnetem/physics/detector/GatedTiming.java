package org.qnetem.physics.detector;

/**
 * A gated detector (an InGaAs APD, say), opened once per pulse: {@code darkCountPerGate} is the
 * dark-count probability of one gate, and after a click the next {@code deadTimeGates} gates are dead.
 */
public record GatedTiming(double darkCountPerGate, long deadTimeGates) implements DetectorTiming {

    public GatedTiming {
        if (!(darkCountPerGate >= 0 && darkCountPerGate < 1)) {
            throw new IllegalArgumentException("dark-count probability must be in [0, 1), got " + darkCountPerGate);
        }
        if (deadTimeGates < 0) {
            throw new IllegalArgumentException("dead time must be >= 0 gates, got " + deadTimeGates);
        }
    }

    @Override
    public double darkCountPerSlot(double clockHz) {
        return darkCountPerGate;
    }

    @Override
    public long deadSlots(double clockHz) {
        return deadTimeGates;
    }
}
