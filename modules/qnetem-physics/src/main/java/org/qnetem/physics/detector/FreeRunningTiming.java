package org.qnetem.physics.detector;

/**
 * A free-running detector (an SNSPD, say): dark counts arrive at {@code darkCountRateHz} as a
 * Poisson process, so a pulse slot of duration T holds one with probability 1 - exp(-rate · T);
 * after a click it is dead for {@code deadTimePs}. A pulse slot counts as dead when it starts within
 * the dead time, end included, so the dead slots are floor(dead time / T). Clicks are timed from
 * the slot they fall in; where inside the slot a dark count happened is not resolved.
 */
public record FreeRunningTiming(double darkCountRateHz, long deadTimePs) implements DetectorTiming {

    private static final double PS_PER_SECOND = 1e12;
    // Dead times and clocks given in round numbers can land a hair below an integer slot count.
    private static final double SLOT_ROUNDING = 1e-9;

    public FreeRunningTiming {
        if (!(darkCountRateHz >= 0) || Double.isInfinite(darkCountRateHz)) {
            throw new IllegalArgumentException("dark-count rate must be >= 0 Hz, got " + darkCountRateHz);
        }
        if (deadTimePs < 0) {
            throw new IllegalArgumentException("dead time must be >= 0 ps, got " + deadTimePs);
        }
    }

    @Override
    public double darkCountPerSlot(double clockHz) {
        return -StrictMath.expm1(-darkCountRateHz / clockHz);
    }

    @Override
    public long deadSlots(double clockHz) {
        return (long) Math.floor(deadTimePs * clockHz / PS_PER_SECOND + SLOT_ROUNDING);
    }
}
