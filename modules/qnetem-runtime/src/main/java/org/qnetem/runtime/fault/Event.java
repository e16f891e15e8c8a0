package org.qnetem.runtime.fault;

import java.util.Comparator;
import java.util.Objects;

/**
 * Something that happened in a run at an emulated instant: a fault applied or cleared, or the network's
 * reaction (a QBER alarm, an aborted block, a link going down or coming back, key flowing again).
 *
 * @param target  the link or node it concerns
 * @param faultId the fault it reports, or {@link #NO_FAULT} for a reaction, which does not know its cause
 */
public record Event(long timePs, String type, String target, long faultId, String detail) {

    public static final long NO_FAULT = -1;

    /** Time, then target, type and detail: a total order, so that merged event lists read the same every run. */
    public static final Comparator<Event> ORDER = Comparator.comparingLong(Event::timePs)
            .thenComparing(Event::target).thenComparing(Event::type).thenComparing(Event::detail)
            .thenComparingLong(Event::faultId);

    public Event {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(detail, "detail");
    }

    public static Event reaction(long timePs, String type, String target, String detail) {
        return new Event(timePs, type, target, NO_FAULT, detail);
    }
}
