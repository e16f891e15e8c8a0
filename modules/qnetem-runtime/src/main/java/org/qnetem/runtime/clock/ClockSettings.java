package org.qnetem.runtime.clock;

/**
 * @param speed emulated seconds per wall second in {@link ClockMode#REALTIME} (1 = real time)
 */
public record ClockSettings(ClockMode mode, double speed, long durationPs, long epochPs) {

    public ClockSettings {
        if (mode == null) {
            throw new IllegalArgumentException("clock mode is required");
        }
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be positive, got " + speed);
        }
        if (durationPs <= 0) {
            throw new IllegalArgumentException("duration must be positive, got " + durationPs + " ps");
        }
        if (epochPs <= 0) {
            throw new IllegalArgumentException("epoch must be positive, got " + epochPs + " ps");
        }
    }

    public long epochCount() {
        return (durationPs + epochPs - 1) / epochPs;
    }
}
