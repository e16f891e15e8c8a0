package org.qnetem.runtime.clock;

/** Told after every epoch how far the run is; called on the clock's thread, so it must be quick. */
@FunctionalInterface
public interface ProgressListener {

    void onEpoch(ClockSummary soFar, long durationPs);

    ProgressListener NONE = (soFar, durationPs) -> { };
}
