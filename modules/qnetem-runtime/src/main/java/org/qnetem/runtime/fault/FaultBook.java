package org.qnetem.runtime.fault;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.qnetem.runtime.topology.Fidelity;
import org.qnetem.runtime.topology.LinkSpec;
import org.qnetem.runtime.topology.Protocol;
import org.qnetem.runtime.topology.Topology;

/**
 * Every fault of a run, from its scenario and from the operator, with its state: pending, active or
 * cleared. The clock asks it at each epoch boundary which faults apply and clear there ({@link #due}),
 * so that a fault takes effect at the first boundary at or after its time, at once everywhere, and a
 * fast run gives the same result every time. Faults are checked against the topology when added: an
 * unknown link or node, or a fault the link cannot model, is refused with a message naming both.
 *
 * <p>Thread-safe: the clock, the operator API and the run's end read and write it from their own threads.
 */
public final class FaultBook {

    /** A fault and the boundaries at which it applied and cleared, null while it has not. */
    public record FaultState(ScheduledFault scheduled, Long appliedPs, Long clearedPs) {

        public boolean active() {
            return appliedPs != null && clearedPs == null;
        }
    }

    /** What changes at one boundary, per layer. */
    public record Due(long boundaryPs, Map<String, LinkChange> quantum, Map<String, ClassicalChange> classical,
                      Map<String, Boolean> nodes, Map<String, Boolean> kmes, List<Integer> membersKilled) {

        public boolean isEmpty() {
            return quantum.isEmpty() && classical.isEmpty() && nodes.isEmpty() && kmes.isEmpty()
                    && membersKilled.isEmpty();
        }
    }

    /** A link's quantum faults from the boundary on; {@code cleared}: one of them just cleared. */
    public record LinkChange(List<ScheduledFault> active, boolean cleared) {
    }

    /**
     * A link's classical faults, past, present and planned, at their boundaries ({@link #classicalTimeline});
     * {@code cleared}: one of them just cleared.
     */
    public record ClassicalChange(List<ScheduledFault> timeline, boolean cleared) {
    }

    private final Topology topology;
    private final long epochPs;
    private final Map<Long, FaultState> faults = new TreeMap<>();
    private final List<Event> events = new ArrayList<>();
    private long nextId = 1;
    private long lastBoundaryPs = -1;

    /** {@code epochPs}: the clock's epoch, whose boundaries faults apply at. */
    public FaultBook(Topology topology, List<ScheduledFault> scenario, long epochPs) {
        this.topology = topology;
        this.epochPs = epochPs;
        for (ScheduledFault fault : scenario) {
            check(fault.fault());
            faults.put(fault.id(), new FaultState(fault, null, null));
            nextId = Math.max(nextId, fault.id() + 1);
        }
    }

    private void check(Fault fault) {
        check(topology, fault);
    }

    /** Refuses a fault the topology cannot take, naming the fault and its target. */
    public static void check(Topology topology, Fault fault) {
        if (fault instanceof Fault.Member) {
            return; // which members a run has is known only when it starts; the placement checks it then
        }
        if (fault instanceof Fault.Node || fault instanceof Fault.Kme) {
            if (topology.nodes().stream().noneMatch(n -> n.id().equals(fault.target()))) {
                throw new IllegalArgumentException("fault '" + fault.kind() + "': no node '" + fault.target()
                        + "' in topology " + topology.name());
            }
            return;
        }
        LinkSpec link = topology.links().stream().filter(l -> l.id().equals(fault.target())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("fault '" + fault.kind() + "': no link '"
                        + fault.target() + "' in topology " + topology.name()));
        if (link.protocol() == Protocol.BBM92) {
            if (fault instanceof Fault.PhotonNumberSplitting) {
                throw new IllegalArgumentException("fault '" + fault.kind() + "' on link " + link.id() + ": the link is"
                        + " bbm92, and photon-number splitting does not apply to it: its photons come from an entangled"
                        + " pair source, not as multi-photon pulses carrying copies of one sender's bit for Eve to"
                        + " keep; attack it with intercept-resend");
            }
            if (fault instanceof Fault.DetectorBlinding) {
                throw new IllegalArgumentException("fault '" + fault.kind() + "' on link " + link.id() + ": the link is"
                        + " bbm92, and detector blinding is modelled for decoy-bb84 links only");
            }
        }
        if (fault instanceof Fault.Classical && link.fidelity() == Fidelity.STATISTICAL) {
            throw new IllegalArgumentException("fault '" + fault.kind() + "' on link " + link.id() + ": the link runs"
                    + " at statistical fidelity, which exchanges no classical messages; run it at full fidelity"
                    + " (its fidelity setting or --fidelity full)");
        }
    }

    /**
     * Adds a fault from {@code atPs} (the next boundary if that has passed) until {@code untilPs}
     * ({@link ScheduledFault#OPEN} for until cleared); returns its id.
     */
    public synchronized long add(Fault fault, long atPs, long untilPs) {
        check(fault);
        long id = nextId++;
        faults.put(id, new FaultState(new ScheduledFault(id, atPs, untilPs, fault), null, null));
        return id;
    }

    /** Clears fault {@code id} at {@code atPs} (the next boundary if that has passed); false if no such fault. */
    public synchronized boolean clear(long id, long atPs) {
        FaultState state = faults.get(id);
        if (state == null) {
            return false;
        }
        if (state.clearedPs() == null) {
            ScheduledFault scheduled = state.scheduled();
            long until = Math.max(atPs, scheduled.atPs() + 1);
            if (until < scheduled.untilPs()) {
                faults.put(id, new FaultState(scheduled.until(until), state.appliedPs(), null));
            }
        }
        return true;
    }

    /** Restores every cut of {@code linkId} not yet cleared, at {@code atPs}; returns their ids. */
    public synchronized List<Long> restore(String linkId, long atPs) {
        List<Long> restored = new ArrayList<>();
        for (FaultState state : List.copyOf(faults.values())) {
            Fault fault = state.scheduled().fault();
            if (fault instanceof Fault.FibreCut cut && cut.link().equals(linkId) && state.clearedPs() == null) {
                clear(state.scheduled().id(), atPs);
                restored.add(state.scheduled().id());
            }
        }
        return restored;
    }

    /** The last boundary the clock reached: "now" for the operator; -1 before the run starts. */
    public synchronized long nowPs() {
        return lastBoundaryPs;
    }

    /** Applies and clears what falls due at boundary {@code boundaryPs}, and says what changed. */
    public synchronized Due due(long boundaryPs) {
        lastBoundaryPs = boundaryPs;
        Map<String, Boolean> quantumTouched = new LinkedHashMap<>();
        Map<String, Boolean> classicalTouched = new LinkedHashMap<>();
        Map<String, Boolean> nodes = new LinkedHashMap<>();
        Map<String, Boolean> kmes = new LinkedHashMap<>();
        List<Integer> membersKilled = new ArrayList<>();
        for (FaultState state : List.copyOf(faults.values())) {
            ScheduledFault scheduled = state.scheduled();
            Long applied = state.appliedPs();
            Long cleared = state.clearedPs();
            boolean applies = applied == null && scheduled.atPs() <= boundaryPs;
            boolean clears = cleared == null && scheduled.untilPs() <= boundaryPs;
            if (!applies && !(clears && applied != null)) {
                continue;
            }
            Fault fault = scheduled.fault();
            if (applies) {
                applied = boundaryPs;
                events.add(new Event(boundaryPs, "fault-applied", fault.target(), scheduled.id(), fault.describe()));
            }
            if (clears) {
                cleared = boundaryPs;
                events.add(new Event(boundaryPs, "fault-cleared", fault.target(), scheduled.id(), fault.describe()));
            }
            faults.put(scheduled.id(), new FaultState(scheduled, applied, cleared));
            if (fault instanceof Fault.Quantum) {
                quantumTouched.merge(fault.target(), clears, Boolean::logicalOr);
            } else if (fault instanceof Fault.Classical) {
                classicalTouched.merge(fault.target(), clears, Boolean::logicalOr);
            } else if (fault instanceof Fault.Node) {
                nodes.put(fault.target(), activeOf(fault.target(), Fault.Node.class).size() > 0);
            } else if (fault instanceof Fault.Kme) {
                kmes.put(fault.target(), activeOf(fault.target(), Fault.Kme.class).size() > 0);
            } else if (fault instanceof Fault.Member member && applies) {
                membersKilled.add(member.member());
            }
        }
        Map<String, LinkChange> quantum = new LinkedHashMap<>();
        quantumTouched.forEach((link, cleared) -> quantum.put(link,
                new LinkChange(activeOf(link, Fault.Quantum.class), cleared)));
        Map<String, ClassicalChange> classical = new LinkedHashMap<>();
        classicalTouched.forEach((link, cleared) -> classical.put(link,
                new ClassicalChange(classicalTimeline(link), cleared)));
        return new Due(boundaryPs, quantum, classical, nodes, kmes, membersKilled);
    }

    /** The active faults of one layer on {@code target}, in id order, each with its applying boundary as {@code atPs}. */
    private List<ScheduledFault> activeOf(String target, Class<? extends Fault> layer) {
        List<ScheduledFault> active = new ArrayList<>();
        for (FaultState state : faults.values()) {
            Fault fault = state.scheduled().fault();
            if (state.active() && layer.isInstance(fault) && fault.target().equals(target)) {
                ScheduledFault s = state.scheduled();
                active.add(new ScheduledFault(s.id(), state.appliedPs(), s.untilPs(), fault));
            }
        }
        return active;
    }

    /**
     * Every classical fault of {@code linkId} with the boundaries it applies and clears at: as it happened,
     * or as planned for what is still to come ({@link ScheduledFault#OPEN} while nothing clears it).
     */
    public synchronized List<ScheduledFault> classicalTimeline(String linkId) {
        List<ScheduledFault> timeline = new ArrayList<>();
        for (FaultState state : faults.values()) {
            ScheduledFault s = state.scheduled();
            if (!(s.fault() instanceof Fault.Classical) || !s.fault().target().equals(linkId)) {
                continue;
            }
            long applies = state.appliedPs() != null ? state.appliedPs() : boundaryAtOrAfter(s.atPs());
            long clears = state.clearedPs() != null ? state.clearedPs()
                    : s.untilPs() == ScheduledFault.OPEN ? ScheduledFault.OPEN : boundaryAtOrAfter(s.untilPs());
            if (clears > applies) {
                timeline.add(new ScheduledFault(s.id(), applies, clears, s.fault()));
            }
        }
        return timeline;
    }

    private long boundaryAtOrAfter(long timePs) {
        long next = lastBoundaryPs < 0 ? 0 : lastBoundaryPs + epochPs;
        return Math.max(next, (timePs + epochPs - 1) / epochPs * epochPs);
    }

    public synchronized List<FaultState> faults() {
        return List.copyOf(faults.values());
    }

    /** Records a reaction no link observes: a KME going out or coming back, a cluster member lost. */
    public synchronized void record(Event event) {
        events.add(event);
    }

    /** Faults applied and cleared so far, and the key layer's reactions, in order. */
    public synchronized List<Event> events() {
        return List.copyOf(events);
    }
}
