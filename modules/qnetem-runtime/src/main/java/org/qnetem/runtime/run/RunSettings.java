package org.qnetem.runtime.run;

import java.util.List;
import org.qnetem.runtime.clock.ClockSettings;
import org.qnetem.runtime.fault.ScheduledFault;

/** What the user asked of one run: the run seed, how emulated time advances, and the scenario's faults. */
public record RunSettings(long seed, ClockSettings clock, List<ScheduledFault> scenario) {

    public RunSettings {
        scenario = List.copyOf(scenario);
    }

    /** A run without a scenario. */
    public RunSettings(long seed, ClockSettings clock) {
        this(seed, clock, List.of());
    }
}
