package org.qnetem.runtime.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntConsumer;
import org.qnetem.runtime.clock.ClockSettings;
import org.qnetem.runtime.entity.Directory;
import org.qnetem.runtime.fault.Event;
import org.qnetem.runtime.fault.Fault;
import org.qnetem.runtime.fault.FaultBook;
import org.qnetem.runtime.kms.KeyLayer;
import org.qnetem.runtime.fault.ScheduledFault;
import org.qnetem.runtime.link.ClassicalChannel;
import org.qnetem.runtime.link.LinkActor;
import org.qnetem.runtime.link.LinkRole;
import org.qnetem.runtime.node.BatchNumbering;
import org.qnetem.runtime.node.NodeActor;
import org.qnetem.runtime.topology.LinkSpec;
import org.qnetem.runtime.topology.Topology;

/**
 * Hands each layer's faults to the actors that apply them, at every epoch boundary (in the clock's
 * thread, before any node hears of the epoch): quantum faults to the link actors, classical faults to
 * the classical channels, node crashes as stopped links to both ends' nodes and the link's observer. A
 * link is stopped while a node at either end is down. A KME outage takes the node's KME out of service and
 * holds the key blocks of its links at both ends ({@link KeyLayer#holdLink}) while the KME at either end is
 * out. The key layer loses a link (its KMEs relay around it) while its fibre is cut, a node at either end
 * is down, the KME at either end is out or its classical channel lets nothing through (a partition, a loss
 * of 1: the KMEs' relay messages cross the same classical network), and gets it back when none holds. At the
 * run's end ({@link #drain}) every fault lifts, so that the blocks in flight can finish: partitions heal, stopped
 * links start again, KMEs come back, and the reference ends ask again about the blocks they confirmed.
 * The links a lost cluster member stopped start a new life once its nodes run again elsewhere ({@link #renewLinks}).
 */
final class FaultDispatcher {

    private final Topology topology;
    private final FaultBook book;
    private final Directory directory;
    private final IntConsumer killMember;
    private final KeyLayer keys;
    private final ClockSettings clock;
    private final Set<String> downNodes = new HashSet<>();
    /** Nodes down for a node-crash fault (a subset of {@link #downNodes}, which also holds the lost). */
    private final Set<String> crashedNodes = new HashSet<>();
    /** Each link's life: 0 until an end was lost and it started afresh ({@link LinkActor.Restart}). */
    private final Map<String, Integer> lives = new HashMap<>();
    private final Queue<Renewal> renewals = new ConcurrentLinkedQueue<>();
    private final Set<String> cutLinks = new HashSet<>();
    private final Set<String> keyLinksDown = new HashSet<>();
    /** Nodes whose state died with their cluster member, until their links start a new life: stopped, even at the drain. */
    private final Set<String> lostNodes = new HashSet<>();
    private final Queue<MemberLoss> losses = new ConcurrentLinkedQueue<>();
    private volatile long drainedAtPs = -1;
    private final Set<String> outKmes = new HashSet<>();
    private final Set<String> heldLinks = new HashSet<>();
    private final Set<String> severedLinks = new HashSet<>();

    /** {@code killMember}: kills a cluster member (by its index), or refuses with the reason. */
    FaultDispatcher(Topology topology, ClockSettings clock, FaultBook book, Directory directory, KeyLayer keys,
                    IntConsumer killMember) {
        this.clock = clock;
        this.killMember = killMember;
        this.topology = topology;
        this.book = book;
        this.directory = directory;
        this.keys = keys;
    }

    /**
     * A cluster member died with some of the run's entities: from the next boundary (at once if the run has
     * ended) the links of its nodes stop for good, and their observers write off the lost ends' blocks.
     */
    void memberLost(MemberLoss loss) {
        long drained = drainedAtPs;
        if (drained >= 0) {
            applyLoss(loss, drained);
        } else {
            losses.add(loss);
        }
    }

    /**
     * Everything lost with a member runs again where sharding placed it, {@code wallSeconds} of wall time after
     * the cluster removed the member: from the next boundary the links the loss stopped start a new life, with
     * fresh engines at both ends.
     */
    void renewLinks(MemberLoss loss, double wallSeconds) {
        renewals.add(new Renewal(loss, wallSeconds));
    }

    private record Renewal(MemberLoss loss, double wallSeconds) {
    }

    void onBoundary(long boundaryPs) {
        boolean lost = false;
        for (MemberLoss loss = losses.poll(); loss != null; loss = losses.poll()) {
            applyLoss(loss, boundaryPs);
            lost = true;
        }
        for (Renewal renewal = renewals.poll(); renewal != null; renewal = renewals.poll()) {
            renew(renewal, boundaryPs);
            lost = true;
        }
        FaultBook.Due due = book.due(boundaryPs);
        due.quantum().forEach((link, change) -> {
            directory.link(link).tell(new LinkActor.SetFaults(boundaryPs,
                    change.active().toArray(ScheduledFault[]::new), change.cleared()));
            if (change.active().stream().anyMatch(active -> active.fault() instanceof Fault.FibreCut)) {
                cutLinks.add(link);
            } else {
                cutLinks.remove(link);
            }
        });
        due.classical().forEach((link, change) -> {
            directory.channel(link).tell(new ClassicalChannel.SetFaults(
                    change.timeline().toArray(ScheduledFault[]::new), boundaryPs));
            if (change.cleared()) {
                directory.link(link).tell(LinkActor.ClassicalFaultCleared.INSTANCE);
            }
            boolean severed = change.timeline().stream().anyMatch(f -> ((Fault.Classical) f.fault()).severs()
                    && f.atPs() <= boundaryPs && boundaryPs < f.untilPs());
            if (severed) {
                severedLinks.add(link);
            } else {
                severedLinks.remove(link);
            }
        });
        due.nodes().forEach((node, down) -> {
            List<LinkSpec> affected = linksOf(node);
            List<Boolean> before = affected.stream().map(this::stopped).toList();
            if (down) {
                downNodes.add(node);
                crashedNodes.add(node);
            } else {
                crashedNodes.remove(node);
                if (!lostNodes.contains(node)) {
                    downNodes.remove(node);
                }
            }
            for (int i = 0; i < affected.size(); i++) {
                if (stopped(affected.get(i)) != before.get(i)) {
                    setStopped(affected.get(i), !before.get(i), boundaryPs,
                            "node " + node + (down ? " crashed" : " restarted"));
                }
            }
        });
        due.kmes().forEach((node, out) -> setKmeOut(node, out, boundaryPs));
        for (int member : due.membersKilled()) {
            try {
                killMember.accept(member);
            } catch (IllegalArgumentException refused) {
                book.record(Event.reaction(boundaryPs, "fault-refused", "member " + member, refused.getMessage()));
            }
        }
        if (!due.isEmpty() || lost) {
            updateKeyLayer();
        }
    }

    private void applyLoss(MemberLoss loss, long timePs) {
        book.record(Event.reaction(timePs, "member-lost", loss.member(), "regions " + loss.regions() + " (nodes "
                + String.join(", ", loss.nodes()) + ") started afresh elsewhere; their links stop until"
                + " everything the member took runs again and they start a new life"));
        Set<String> nodes = Set.copyOf(loss.nodes());
        String reason = "lost with member " + loss.member();
        List<LinkSpec> affected = topology.links().stream().filter(loss::affects).toList();
        List<Boolean> wasStopped = affected.stream().map(this::stopped).toList();
        downNodes.addAll(nodes);
        lostNodes.addAll(nodes);
        for (int i = 0; i < affected.size(); i++) {
            LinkSpec link = affected.get(i);
            if (!wasStopped.get(i)) {
                setStopped(link, true, timePs, reason);
            }
            List<LinkRole> roles = new ArrayList<>();
            if (nodes.contains(link.transmitterId()) || loss.links().contains(link.id())) {
                roles.add(LinkRole.TRANSMITTER);
            }
            if (nodes.contains(link.receiverId())) {
                roles.add(LinkRole.RECEIVER);
            }
            directory.link(link.id()).tell(new LinkActor.EndsLost(roles.toArray(LinkRole[]::new), timePs, reason));
        }
    }

    /**
     * The links a loss stopped start life n + 1 at {@code timePs}, each from the batch its source emits first from
     * then on; a link whose other end is down for a crash gets its fresh engines but stays stopped until the node
     * restarts.
     */
    private void renew(Renewal renewal, long timePs) {
        MemberLoss loss = renewal.loss();
        lostNodes.removeAll(loss.nodes());
        loss.nodes().stream().filter(node -> !crashedNodes.contains(node)).forEach(downNodes::remove);
        String reason = "its ends lost with member " + loss.member() + " run again";
        List<String> renewed = new ArrayList<>();
        for (LinkSpec link : topology.links()) {
            if (!loss.affects(link) || lostNodes.contains(link.transmitterId())
                    || lostNodes.contains(link.receiverId())) {
                continue;
            }
            int life = lives.merge(link.id(), 1, Integer::sum);
            long firstBatch = BatchNumbering.firstBatchAt(link, clock.durationPs(), clock.epochPs(), timePs);
            String stillStopped = stopped(link) ? "a node at its ends is down" : null;
            // The KMEs bring the link up themselves when their pool starts again, so that no relay uses it before.
            boolean keyLayerUp = !keyLayerDown(link);
            for (String end : List.of(link.transmitterId(), link.receiverId())) {
                directory.node(end).tell(new NodeActor.RestartLink(link.id(), life, firstBatch, timePs, reason,
                        stillStopped, keyLayerUp));
            }
            if (keyLayerUp) {
                keyLinksDown.remove(link.id());
            } else {
                keyLinksDown.add(link.id());
            }
            renewed.add(link.id());
        }
        book.record(Event.reaction(timePs, "links-renewed", loss.member(), String.format(Locale.ROOT,
                "nodes %s run again elsewhere, %.1f s of wall time after the member's removal: links %s start a new"
                + " life, and their KMEs' pools start again", String.join(", ", loss.nodes()), renewal.wallSeconds(),
                String.join(", ", renewed))));
    }

    /**
     * A KME goes out or comes back: going out, it stops serving before its links are held; coming back, the
     * holds end first, so that it has settled which blocks it lost before it serves again.
     */
    private void setKmeOut(String node, boolean out, long timePs) {
        if (out == outKmes.contains(node)) {
            return;
        }
        if (out) {
            outKmes.add(node);
            keys.setKmeOut(node, true);
        } else {
            outKmes.remove(node);
        }
        List<String> held = new ArrayList<>();
        for (LinkSpec link : linksOf(node)) {
            boolean hold = outKmes.contains(link.transmitterId()) || outKmes.contains(link.receiverId());
            if (hold != heldLinks.contains(link.id())) {
                keys.holdLink(link.id(), hold);
                if (hold) {
                    heldLinks.add(link.id());
                } else {
                    heldLinks.remove(link.id());
                }
            }
            if (hold) {
                held.add(link.id());
            }
        }
        if (!out) {
            keys.setKmeOut(node, false);
        }
        book.record(Event.reaction(timePs, out ? "kme-down" : "kme-up", node, out
                ? "KME of " + node + " out: ETSI calls answer 503, key blocks of " + String.join(", ", held)
                        + " finishing now are lost, relays go round it"
                : "KME of " + node + " back in service" + (held.isEmpty() ? "" : "; "
                        + String.join(", ", held) + " still held for another KME out")));
    }

    /** Tells the key layer of every link whose usability for relays changed. */
    private void updateKeyLayer() {
        for (LinkSpec link : topology.links()) {
            boolean down = keyLayerDown(link);
            if (down != keyLinksDown.contains(link.id())) {
                keys.setLinkUp(link.id(), !down);
                if (down) {
                    keyLinksDown.add(link.id());
                } else {
                    keyLinksDown.remove(link.id());
                }
            }
        }
    }

    private boolean keyLayerDown(LinkSpec link) {
        return cutLinks.contains(link.id()) || stopped(link) || heldLinks.contains(link.id())
                || severedLinks.contains(link.id());
    }

    /** The run ended at {@code endPs}: lifts every fault that would keep a block in flight from finishing. */
    void drain(long endPs) {
        drainedAtPs = endPs;
        for (MemberLoss loss = losses.poll(); loss != null; loss = losses.poll()) {
            applyLoss(loss, endPs);
        }
        if (book.faults().isEmpty()) {
            return;
        }
        topology.links().forEach(link -> directory.channel(link.id()).tell(new ClassicalChannel.Heal(endPs)));
        for (LinkSpec link : topology.links()) {
            if (stopped(link) && !lostNodes.contains(link.transmitterId()) && !lostNodes.contains(link.receiverId())) {
                setStopped(link, false, endPs, "the run ended: its nodes restart to settle the blocks in flight");
            }
        }
        downNodes.retainAll(lostNodes);
        List.copyOf(outKmes).forEach(node -> setKmeOut(node, false, endPs));
        topology.nodes().forEach(node -> directory.node(node.id()).tell(new NodeActor.Drain(endPs)));
    }

    private boolean stopped(LinkSpec link) {
        return downNodes.contains(link.transmitterId()) || downNodes.contains(link.receiverId());
    }

    private void setStopped(LinkSpec link, boolean stop, long timePs, String reason) {
        String[] ids = {link.id()};
        for (String end : List.of(link.transmitterId(), link.receiverId())) {
            directory.node(end).tell(stop ? new NodeActor.StopLinks(ids, timePs, reason)
                    : new NodeActor.StartLinks(ids));
        }
        directory.link(link.id()).tell(new LinkActor.SetStopped(stop, timePs, reason));
    }

    private List<LinkSpec> linksOf(String node) {
        return topology.links().stream()
                .filter(l -> l.transmitterId().equals(node) || l.receiverId().equals(node)).toList();
    }
}
