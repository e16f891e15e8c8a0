package org.qnetem.runtime.node;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.qnetem.physics.batch.DetectionBatch;
import org.qnetem.physics.batch.PhotonBatch;
import org.qnetem.qkd.message.SiftAnnouncement;
import org.qnetem.qkd.message.SiftResponse;
import org.qnetem.qkd.protocol.BlockOutcome;
import org.qnetem.qkd.protocol.Incarnation;
import org.qnetem.qkd.protocol.KeyBlock;
import org.qnetem.qkd.protocol.Outbox;
import org.qnetem.qkd.protocol.SealedMessage;
import org.qnetem.runtime.entity.Directory;
import org.qnetem.runtime.entity.Located;
import org.qnetem.runtime.entity.RunEntities.NodeEnd;
import org.qnetem.runtime.kms.KmeActor;
import org.qnetem.runtime.link.BlockRecord;
import org.qnetem.runtime.link.ClassicalChannel;
import org.qnetem.runtime.link.ClassicalFrame;
import org.qnetem.runtime.link.LinkActor;
import org.qnetem.runtime.link.LinkRole;
import org.qnetem.runtime.serialization.InternalMessage;
import org.qnetem.runtime.serialization.WireMessage;
import org.qnetem.runtime.topology.Fidelity;
import org.qnetem.runtime.topology.LinkSpec;

/**
 * A QKD node: the devices at one end of each of its links. As end a it keeps the link source's clock and
 * emits its photon (or pump) batches as emulated time advances; at either end it runs the protocol engine
 * for the link ({@link LinkEnd}) and exchanges its classical messages over the link's classical channel.
 * The delivered key of every block its engines finish goes to the node's KME, each end its own copy.
 *
 * <p>At each epoch boundary its engines' timeouts run. A link can be stopped at this end (this node or
 * the other end crashed): its engine drops what was in flight, its source emits nothing, and whatever
 * still reaches it for that link is dropped, with the link's observer told which batches will never
 * be sifted so that emulated time goes on, and the engine told of blocks opened just before the stop,
 * so that it ends them as the other end did.
 *
 * <p>A link whose end was lost with a cluster member starts a new life ({@link RestartLink}): fresh engines
 * at both ends, and whatever still arrives of the old life is dropped.
 */
public final class NodeActor extends AbstractBehavior<NodeActor.Command> {

    public sealed interface Command permits AdvanceTo, DeliverDetections, DeliverFrame, StopLinks,
            StartLinks, Drain, RestartLink, Locate {
    }

    /**
     * From epoch boundary {@code timePs} the link lives its life {@code life} (see {@link Incarnation}) for
     * {@code reason}: this end starts afresh, and runs unless {@code stillStopped} gives why it may not yet (a
     * crash of an end). End a tells the link's observer, and a full-fidelity end its KME (whose pool with the
     * other end starts again, up for relays if {@code keyLayerUp}), before any batch or block of the new life:
     * the coordinator's own messages could come later, as sharding places each entity type's shards apart.
     * Repeats of a life are ignored.
     */
    public record RestartLink(String linkId, int life, long firstBatch, long timePs, String reason,
                              String stillStopped, boolean keyLayerUp) implements Command, InternalMessage {
    }

    /** Answered with {@code "node <id>"}: the node runs where its shard lives now. */
    public record Locate(ActorRef<Located> replyTo) implements Command, InternalMessage {
    }

    /** The run ended at {@code timePs}; its faults have lifted: settle the blocks still undecided. */
    public record Drain(long timePs) implements Command, InternalMessage {
    }

    /** From {@code timePs} (an epoch boundary) these links stop at this node, for {@code reason}. */
    public record StopLinks(String[] linkIds, long timePs, String reason) implements Command, InternalMessage {
        public StopLinks {
            linkIds = linkIds.clone();
        }

        @Override
        public String[] linkIds() {
            return linkIds.clone();
        }
    }

    /** From the next epoch on these links run again at this node. */
    public record StartLinks(String[] linkIds) implements Command, InternalMessage {
        public StartLinks {
            linkIds = linkIds.clone();
        }

        @Override
        public String[] linkIds() {
            return linkIds.clone();
        }
    }

    /** Emulated time may advance to {@code endTimePs}: emit every pulse due before it. */
    public record AdvanceTo(long epoch, long endTimePs) implements Command, InternalMessage {
    }

    /** This node's detectors on a link report a batch's clicks: Bob's in decoy BB84, either end's in BBM92. */
    public record DeliverDetections(DetectionBatch batch) implements Command, WireMessage {
    }

    /** A classical message arrives from the peer at the frame's arrival time. */
    public record DeliverFrame(ClassicalFrame frame) implements Command, WireMessage {
    }

    private final String nodeId;
    private final long runSeed;
    private final long durationPs;
    private final Directory directory;
    private final boolean kmesKeepKey;
    private final Map<String, Attached> ends = new LinkedHashMap<>();
    /** Why each stopped link stopped, by link id. */
    private final Map<String, String> stopped = new HashMap<>();
    private long epochStartPs;
    private long lastEpoch = -1;

    /** Why the links of a node started afresh on another member stay stopped. */
    private static final String REHOMED = "its node started afresh on another member after its own died";

    /**
     * {@code ends}: the node's end of each of its links; {@code directory}: where the links, their classical
     * channels and the node's KME (which gets the key of every block this node's engines finish: its bits if
     * {@code kmesKeepKey}, the network having SAEs, else its length) are.
     */
    public static Behavior<Command> create(String nodeId, long runSeed, long durationPs, List<NodeEnd> ends,
                                           boolean kmesKeepKey, Directory directory) {
        return Behaviors.setup(context -> new NodeActor(context, nodeId, runSeed, durationPs, ends, kmesKeepKey,
                directory));
    }

    /**
     * The node started afresh on another cluster member after its own died: its engines' state (authentication
     * pools, blocks in flight) is gone, so every link stays stopped at this end until it starts a new life
     * ({@link RestartLink}).
     */
    public static Behavior<Command> rehomed(String nodeId, long runSeed, long durationPs, List<NodeEnd> ends,
                                            boolean kmesKeepKey, Directory directory) {
        return Behaviors.setup(context -> {
            NodeActor node = new NodeActor(context, nodeId, runSeed, durationPs, ends, kmesKeepKey, directory);
            node.ends.keySet().forEach(link -> node.stopped.put(link, REHOMED));
            return node;
        });
    }

    private NodeActor(ActorContext<Command> context, String nodeId, long runSeed, long durationPs,
                      List<NodeEnd> ends, boolean kmesKeepKey, Directory directory) {
        super(context);
        this.nodeId = nodeId;
        this.runSeed = runSeed;
        this.durationPs = durationPs;
        this.kmesKeepKey = kmesKeepKey;
        this.directory = directory;
        for (NodeEnd end : ends) {
            LinkSpec link = end.link();
            this.ends.put(link.id(), new Attached(link, end.role(), LinkEnd.create(link, end.role(), runSeed,
                    durationPs), Incarnation.FIRST));
        }
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(AdvanceTo.class, this::onAdvanceTo)
                .onMessage(DeliverDetections.class, this::onDeliverDetections)
                .onMessage(DeliverFrame.class, this::onDeliverFrame)
                .onMessage(StopLinks.class, this::onStopLinks)
                .onMessage(Drain.class, drain -> {
                    long now = drain.timePs();
                    for (Attached attached : ends.values()) {
                        attached.end().onDrain(now).ifPresent(out -> dispatch(attached, out, now));
                    }
                    return this;
                })
                .onMessage(StartLinks.class, start -> {
                    stopped.keySet().removeAll(List.of(start.linkIds()));
                    return this;
                })
                .onMessage(RestartLink.class, this::onRestartLink)
                .onMessage(Locate.class, locate -> {
                    locate.replyTo().tell(new Located("node " + nodeId));
                    return this;
                })
                .build();
    }

    private Behavior<Command> onAdvanceTo(AdvanceTo advance) {
        if (advance.epoch() <= lastEpoch) {
            return this; // told again, as a node started afresh after a lost member is, in case the first was lost
        }
        lastEpoch = advance.epoch();
        for (Attached attached : ends.values()) {
            boolean running = !stopped.containsKey(attached.link().id());
            if (running) {
                attached.end().onTick(epochStartPs).ifPresent(out -> dispatch(attached, out, epochStartPs));
            }
            attached.end().sourceClock().ifPresent(clock -> {
                if (running) {
                    for (PhotonBatch batch : clock.emitBefore(advance.endTimePs())) {
                        linkActor(attached).tell(new LinkActor.Transmit(batch));
                    }
                } else {
                    for (long sequence : clock.skipBefore(advance.endTimePs())) {
                        linkActor(attached).tell(new LinkActor.RecordDiscarded(sequence));
                    }
                }
                linkActor(attached).tell(new LinkActor.EpochEmitted(advance.epoch(), clock.lastEmittedSequence()));
            });
        }
        epochStartPs = advance.endTimePs();
        return this;
    }

    private Behavior<Command> onRestartLink(RestartLink restart) {
        Attached attached = attached(restart.linkId());
        if (restart.life() <= attached.life().number()) {
            return this;
        }
        Incarnation life = new Incarnation(restart.life(), restart.firstBatch());
        if (attached.role() == LinkRole.TRANSMITTER) {
            linkActor(attached).tell(new LinkActor.Restart(restart.life(), restart.firstBatch(), restart.timePs(),
                    restart.reason(), restart.keyLayerUp()));
        }
        if (attached.link().fidelity() != Fidelity.STATISTICAL) {
            directory.kme(nodeId).tell(new KmeActor.RenewPool(restart.linkId(), restart.life(),
                    restart.keyLayerUp()));
        }
        ends.put(restart.linkId(), new Attached(attached.link(), attached.role(), LinkEnd.restarted(attached.link(),
                attached.role(), runSeed, durationPs, life, restart.timePs()), life));
        if (restart.stillStopped() == null) {
            stopped.remove(restart.linkId());
        } else {
            stopped.put(restart.linkId(), restart.stillStopped());
        }
        return this;
    }

    private Behavior<Command> onStopLinks(StopLinks stop) {
        for (String linkId : stop.linkIds()) {
            if (stopped.putIfAbsent(linkId, stop.reason()) == null) {
                Attached attached = attached(linkId);
                attached.end().reset(stop.timePs(), stop.reason())
                        .ifPresent(out -> dispatch(attached, out, stop.timePs()));
            }
        }
        return this;
    }

    private Behavior<Command> onDeliverDetections(DeliverDetections delivery) {
        DetectionBatch detections = delivery.batch();
        Attached attached = attached(detections.linkId());
        if (detections.sequence() < attached.life().firstBatch()) {
            return this; // of the link's earlier life, which its observer has closed
        }
        if (stopped.containsKey(detections.linkId())) {
            linkActor(attached).tell(new LinkActor.RecordDiscarded(detections.sequence()));
            return this;
        }
        long now = detections.arrivalTimePs();
        dispatch(attached, attached.end().onDetections(detections, now), now);
        return this;
    }

    private Behavior<Command> onDeliverFrame(DeliverFrame delivery) {
        ClassicalFrame frame = delivery.frame();
        SealedMessage sealed = new SealedMessage(frame.payload(), frame.authentication());
        long now = frame.arrivalTimePs();
        Attached attached = attached(frame.payload().linkId());
        if (frame.payload().batchSequence() < attached.life().firstBatch()) {
            return this; // of the link's earlier life: its engines are gone, and its key never reaches the KME
        }
        String stopReason = stopped.get(frame.payload().linkId());
        if (stopReason != null) {
            if (frame.payload() instanceof SiftAnnouncement || frame.payload() instanceof SiftResponse) {
                linkActor(attached).tell(new LinkActor.RecordDiscarded(frame.payload().batchSequence()));
            }
            attached.end().onFrameWhileStopped(sealed, now, stopReason).ifPresent(out -> dispatch(attached, out, now));
            return this;
        }
        dispatch(attached, attached.end().onFrame(sealed, now), now);
        return this;
    }

    /** Sends what an engine step produced: messages to the peer, observations and finished blocks to the link. */
    private void dispatch(Attached attached, Outbox out, long now) {
        LinkSpec link = attached.link();
        LinkRole role = attached.role();
        RecipientRef<LinkActor.Command> linkActor = linkActor(attached);
        String peer = role == LinkRole.TRANSMITTER ? link.receiverId() : link.transmitterId();
        for (SealedMessage sealed : out.messages()) {
            directory.channel(link.id())
                    .tell(new ClassicalChannel.Convey(nodeId, peer, now, sealed.message(), sealed.tag()));
        }
        out.sifted().forEach(batch -> linkActor.tell(new LinkActor.RecordSifted(role, batch)));
        out.discardedBatches().forEach(batch -> linkActor.tell(new LinkActor.RecordDiscarded(batch)));
        out.openedBlocks().forEach(block -> linkActor.tell(new LinkActor.RecordBlockOpened(block)));
        for (BlockOutcome outcome : out.outcomes()) {
            linkActor.tell(new LinkActor.RecordBlock(BlockRecord.of(role, outcome)));
            if (outcome instanceof KeyBlock block) {
                directory.kme(nodeId).tell(KmeActor.DeliverKeyBlock.of(link.id(), block.blockId(),
                        block.deliveredKey(), kmesKeepKey));
            }
        }
    }

    private Attached attached(String linkId) {
        Attached attached = ends.get(linkId);
        if (attached == null) {
            throw new IllegalStateException("node " + nodeId + " has no end of link " + linkId);
        }
        return attached;
    }

    /** This node's end of a link, in the link's life {@code life}. */
    private record Attached(LinkSpec link, LinkRole role, LinkEnd end, Incarnation life) {
    }

    private RecipientRef<LinkActor.Command> linkActor(Attached attached) {
        return directory.link(attached.link().id());
    }
}
