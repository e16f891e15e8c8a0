package org.qnetem.runtime.link;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.qkd.authentication.AuthenticationTag;
import org.qnetem.qkd.message.ClassicalMessage;
import org.qnetem.qkd.message.SiftAnnouncement;
import org.qnetem.qkd.message.SiftResponse;
import org.qnetem.runtime.entity.Directory;
import org.qnetem.runtime.fault.Fault;
import org.qnetem.runtime.fault.ScheduledFault;
import org.qnetem.runtime.node.NodeActor;
import org.qnetem.runtime.serialization.InternalMessage;
import org.qnetem.runtime.serialization.WireMessage;
import org.qnetem.runtime.topology.LinkSpec;

/**
 * The classical channel of one link: carries protocol messages between its two nodes and stamps each
 * with its emulated arrival time, the send time plus the fibre latency. It carries each message's
 * authentication tag unchanged, for the receiving node to check.
 *
 * <p>It is an ordered, reliable transport, as the TCP/TLS connections of real QKD systems are, and its
 * faults act on that: extra latency adds to the arrival time; loss makes each transmission fail with
 * a probability, and every failure costs one retransmission timeout (drawn per message from the
 * stream (run seed, link, {@value #LOSS_PURPOSE}/sender/message type/batch, occurrence), so the same
 * message is delayed the same way in every run); a partition (or a loss of every transmission) holds
 * every message sent while it lasts and delivers them, in order, when it heals. A message is judged by the emulated time it was sent, so
 * faults known in advance (a scenario's) catch exactly the same messages in every fast run.
 */
public final class ClassicalChannel extends AbstractBehavior<ClassicalChannel.Command> {

    static final String LOSS_PURPOSE = "classical-loss";

    public sealed interface Command permits Convey, SetFaults, Heal {
    }

    /** A node hands a message and its authentication tag to the channel at emulated time {@code sentTimePs}. */
    public record Convey(String fromNode, String toNode, long sentTimePs, ClassicalMessage payload,
                         AuthenticationTag authentication) implements Command, WireMessage {

        public Convey {
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(authentication, "authentication");
        }
    }

    /**
     * The link's classical faults as of epoch boundary {@code boundaryPs}, each with the boundaries at which
     * it applies and clears ({@link ScheduledFault#OPEN} while it holds); partitions healed by then release
     * the messages they held.
     */
    public record SetFaults(ScheduledFault[] faults, long boundaryPs) implements Command, InternalMessage {
        public SetFaults {
            faults = faults.clone();
        }

        @Override
        public ScheduledFault[] faults() {
            return faults.clone();
        }
    }

    /** The run ended at {@code timePs}: every partition heals so that the blocks in flight can finish. */
    public record Heal(long timePs) implements Command, InternalMessage {
    }

    private final String linkId;
    private final long latencyPs;
    private final long runSeed;
    private final Set<String> ends;
    private final Directory directory;
    private final ArrayDeque<Convey> held = new ArrayDeque<>();
    private final Map<String, Long> occurrences = new HashMap<>();
    private List<ScheduledFault> faults;
    private long knownBoundaryPs = -1;

    /**
     * The channel joins the link's two nodes with the fibre's latency; the link actor (in {@code directory}) is
     * told of sifting messages a partition holds.
     *
     * @param planned the link's classical faults known before the run (the scenario's), at their boundaries
     */
    public static Behavior<Command> create(LinkSpec link, long runSeed, Directory directory,
                                           List<ScheduledFault> planned) {
        return Behaviors.setup(context -> new ClassicalChannel(context, link, runSeed, directory, planned));
    }

    private ClassicalChannel(ActorContext<Command> context, LinkSpec link, long runSeed, Directory directory,
                             List<ScheduledFault> planned) {
        super(context);
        this.linkId = link.id();
        this.latencyPs = link.fibre().delayPs();
        this.runSeed = runSeed;
        this.ends = Set.of(link.transmitterId(), link.receiverId());
        this.directory = directory;
        this.faults = List.copyOf(planned);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Convey.class, this::onConvey)
                .onMessage(SetFaults.class, set -> {
                    faults = List.of(set.faults());
                    knownBoundaryPs = Math.max(knownBoundaryPs, set.boundaryPs());
                    release();
                    return this;
                })
                .onMessage(Heal.class, heal -> {
                    faults = List.of();
                    knownBoundaryPs = Math.max(knownBoundaryPs, heal.timePs());
                    release();
                    return this;
                })
                .build();
    }

    private Behavior<Command> onConvey(Convey convey) {
        if (!held.isEmpty() || heldUntil(convey.sentTimePs()) > knownBoundaryPs) {
            held.add(convey);
            ClassicalMessage payload = convey.payload();
            if (payload instanceof SiftAnnouncement || payload instanceof SiftResponse) {
                directory.link(linkId).tell(new LinkActor.RecordDeferred(payload.batchSequence()));
            }
            return this;
        }
        deliver(convey, convey.sentTimePs());
        return this;
    }

    /**
     * Delivers, in order, the held messages whose partition the channel knows has healed; each leaves when
     * its partition healed (at the run's end, then).
     */
    private void release() {
        while (!held.isEmpty() && heldUntil(held.peek().sentTimePs()) <= knownBoundaryPs) {
            Convey convey = held.poll();
            long healed = heldUntil(convey.sentTimePs());
            deliver(convey, Math.max(convey.sentTimePs(), healed == Long.MIN_VALUE ? knownBoundaryPs : healed));
        }
    }

    /** When a partition that covers {@code sentPs} heals: {@link Long#MIN_VALUE} if none covers it. */
    private long heldUntil(long sentPs) {
        long until = Long.MIN_VALUE;
        for (ScheduledFault fault : faults) {
            if (fault.fault() instanceof Fault.Classical classical && classical.severs() && covers(fault, sentPs)) {
                until = Math.max(until, fault.untilPs());
            }
        }
        return until;
    }

    private void deliver(Convey convey, long departsPs) {
        if (!ends.contains(convey.toNode())) {
            throw new IllegalArgumentException("classical channel of link " + linkId + " does not reach node "
                    + convey.toNode());
        }
        directory.node(convey.toNode()).tell(new NodeActor.DeliverFrame(new ClassicalFrame(convey.fromNode(), convey.toNode(),
                convey.sentTimePs(), departsPs + latencyPs + delayPs(convey), convey.payload(),
                convey.authentication())));
    }

    /** Extra latency and retransmissions of the faults in force when the message was sent. */
    private long delayPs(Convey convey) {
        long delay = 0;
        for (ScheduledFault fault : faults) {
            if (!covers(fault, convey.sentTimePs())) {
                continue;
            }
            if (fault.fault() instanceof Fault.ClassicalLatency latency) {
                delay += latency.extraPs();
            } else if (fault.fault() instanceof Fault.ClassicalLoss loss && !loss.severs()) {
                delay += failedTransmissions(convey, loss.probability()) * loss.retransmitPs();
            }
        }
        return delay;
    }

    /** Transmissions lost before one gets through: geometric, from the message's own stream. */
    private long failedTransmissions(Convey convey, double probability) {
        String name = convey.fromNode() + "/" + convey.payload().getClass().getSimpleName() + "/"
                + convey.payload().batchSequence();
        long occurrence = occurrences.merge(name, 1L, Long::sum) - 1;
        double u = new RandomStream(new StreamKey(runSeed, linkId, LOSS_PURPOSE + "/" + name, occurrence))
                .nextDouble();
        return (long) Math.floor(Math.log1p(-u) / Math.log(probability));
    }

    private static boolean covers(ScheduledFault fault, long timePs) {
        return fault.atPs() <= timePs && timePs < fault.untilPs();
    }
}
