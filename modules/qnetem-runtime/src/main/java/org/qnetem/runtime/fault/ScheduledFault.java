package org.qnetem.runtime.fault;

import java.util.Objects;

/**
 * A fault with its id and emulated times: it applies at {@code atPs} and clears at {@code untilPs}
 * ({@link #OPEN} while nothing clears it yet). Times are as asked; the clock applies a fault at the
 * first epoch boundary at or after them, so that every link and node sees it at the same instant.
 */
public record ScheduledFault(long id, long atPs, long untilPs, Fault fault) {

    /** {@code untilPs} of a fault that stays until cleared. */
    public static final long OPEN = Long.MAX_VALUE;

    public ScheduledFault {
        Objects.requireNonNull(fault, "fault");
        if (atPs < 0) {
            throw new IllegalArgumentException("a fault cannot apply before the run starts, got " + atPs + " ps");
        }
        if (untilPs <= atPs) {
            throw new IllegalArgumentException("'until' (" + untilPs / 1e12 + " s) must be after 'at' ("
                    + atPs / 1e12 + " s)");
        }
    }

    public ScheduledFault until(long clearPs) {
        return new ScheduledFault(id, atPs, clearPs, fault);
    }
}
