package org.qnetem.runtime.run;

import org.qnetem.runtime.clock.ClockSettings;

/** What the user asked of one run: the run seed and how emulated time advances. */
public record RunSettings(long seed, ClockSettings clock) {
}
