package org.qnetem.runtime.operator;

import java.util.ArrayList;
import java.util.List;
import org.qnetem.runtime.fault.Event;
import org.qnetem.runtime.fault.FaultBook;
import org.qnetem.runtime.fault.ScheduledFault;
import org.qnetem.runtime.link.LinkStatistics;
import org.qnetem.runtime.topology.ScenarioLoader;
import org.qnetem.runtime.topology.Topology;

/**
 * The operator's faults: adding one (a scenario entry as JSON, {@code at} optional), clearing one, and
 * listing them and the run's events. Times are emulated seconds; "now" is the clock's last epoch
 * boundary, and a fault added for now applies at the next one.
 */
final class FaultsView {

    /** One fault as {@code GET /api/faults} lists it; {@code applied_seconds}, {@code cleared_seconds} null until then. */
    record FaultView(long id, String kind, String target, String description, double atSeconds, Double untilSeconds,
                     Double appliedSeconds, Double clearedSeconds, boolean active) {

        static FaultView of(FaultBook.FaultState state) {
            ScheduledFault s = state.scheduled();
            return new FaultView(s.id(), s.fault().kind(), s.fault().target(), s.fault().describe(), s.atPs() / 1e12,
                    s.untilPs() == ScheduledFault.OPEN ? null : s.untilPs() / 1e12,
                    state.appliedPs() == null ? null : state.appliedPs() / 1e12,
                    state.clearedPs() == null ? null : state.clearedPs() / 1e12, state.active());
        }
    }

    /** What {@code POST /api/faults} answers: the new fault's id, or the cuts a restore cleared. */
    record Added(Long id, List<Long> restored, double atSeconds) {
    }

    record EventView(double emulatedSeconds, String type, String target, Long fault, String detail) {
    }

    private FaultsView() {
    }

    /** Adds the fault {@code body} describes; an invalid body throws with the problems found. */
    static Added add(Topology topology, FaultBook book, String body) {
        ScenarioLoader.Entry entry = ScenarioLoader.parseEntry(body, "POST /api/faults", topology);
        long at = entry.atPs() != null ? entry.atPs() : Math.max(0, book.nowPs());
        if (entry.fault() == null) {
            return new Added(null, book.restore(entry.restoredLink(), at), at / 1e12);
        }
        if (entry.untilPs() <= at) {
            throw new IllegalArgumentException("'until' (" + entry.untilPs() / 1e12 + " s) must be after the fault"
                    + " applies (" + at / 1e12 + " s)");
        }
        return new Added(book.add(entry.fault(), at, entry.untilPs()), List.of(), at / 1e12);
    }

    static List<FaultView> list(FaultBook book) {
        return book.faults().stream().map(FaultView::of).toList();
    }

    /** The faults' events and every link's, in order. */
    static List<EventView> events(FaultBook book, List<LinkStatistics> links) {
        List<Event> events = new ArrayList<>(book.events());
        links.forEach(link -> events.addAll(List.of(link.observations().events())));
        events.sort(Event.ORDER);
        return events.stream().map(e -> new EventView(e.timePs() / 1e12, e.type(), e.target(),
                e.faultId() == Event.NO_FAULT ? null : e.faultId(), e.detail())).toList();
    }
}
