package org.qnetem.runtime.clock;

/** How emulated time relates to the wall clock. */
public enum ClockMode {
    /** As fast as possible, epoch by epoch; the result depends only on the seed. */
    FAST,
    /** Each epoch ends no earlier than its emulated end time (divided by the speed) on the wall clock. */
    REALTIME
}
