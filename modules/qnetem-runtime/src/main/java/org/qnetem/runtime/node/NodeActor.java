package org.qnetem.runtime.node;

import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.qnetem.physics.batch.DetectionBatch;
import org.qnetem.qkd.protocol.BlockOutcome;
import org.qnetem.qkd.protocol.DecoyBb84Alice;
import org.qnetem.qkd.protocol.DecoyBb84Bob;
import org.qnetem.qkd.protocol.Outbox;
import org.qnetem.qkd.protocol.SealedMessage;
import org.qnetem.runtime.link.BlockRecord;
import org.qnetem.runtime.link.ClassicalChannel;
import org.qnetem.runtime.link.ClassicalFrame;
import org.qnetem.runtime.link.LinkActor;
import org.qnetem.runtime.link.LinkRole;
import org.qnetem.runtime.serialization.ClassicalMessageCodec;
import org.qnetem.runtime.serialization.InternalMessage;
import org.qnetem.runtime.serialization.WireMessage;
import org.qnetem.runtime.topology.LinkSpec;

/**
 * A QKD node: the devices at one end of each of its links. As a transmitter it emits photon batches as
 * emulated time advances; at either end it runs the protocol engine for the link and exchanges its
 * classical messages over the link's classical channel.
 */
public final class NodeActor extends AbstractBehavior<NodeActor.Command> {

    public sealed interface Command permits AttachLink, AdvanceTo, DeliverDetections, DeliverFrame {
    }

    /** Wires one end of a link to this node. */
    public record AttachLink(LinkSpec link, LinkRole role, ActorRef<LinkActor.Command> linkActor,
                             ActorRef<ClassicalChannel.Command> channel) implements Command, InternalMessage {
    }

    /** Emulated time may advance to {@code endTimePs}: emit every pulse due before it. */
    public record AdvanceTo(long epoch, long endTimePs) implements Command, InternalMessage {
    }

    /** Bob's detectors report a batch's clicks. */
    public record DeliverDetections(DetectionBatch batch) implements Command, WireMessage {
    }

    /** A classical message arrives from the peer at the frame's arrival time. */
    public record DeliverFrame(ClassicalFrame frame) implements Command, WireMessage {
    }

    private final String nodeId;
    private final long runSeed;
    private final long durationPs;
    private final Map<String, TransmittingEnd> transmitting = new HashMap<>();
    private final Map<String, ReceivingEnd> receiving = new HashMap<>();

    public static Behavior<Command> create(String nodeId, long runSeed, long durationPs) {
        return Behaviors.setup(context -> new NodeActor(context, nodeId, runSeed, durationPs));
    }

    private NodeActor(ActorContext<Command> context, String nodeId, long runSeed, long durationPs) {
        super(context);
        this.nodeId = nodeId;
        this.runSeed = runSeed;
        this.durationPs = durationPs;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(AttachLink.class, this::onAttachLink)
                .onMessage(AdvanceTo.class, this::onAdvanceTo)
                .onMessage(DeliverDetections.class, this::onDeliverDetections)
                .onMessage(DeliverFrame.class, this::onDeliverFrame)
                .build();
    }

    private Behavior<Command> onAttachLink(AttachLink attach) {
        LinkSpec link = attach.link();
        if (attach.role() == LinkRole.TRANSMITTER) {
            DecoyBb84Alice engine = new DecoyBb84Alice(link.id(), link.source(), runSeed, link.postProcessing(),
                    ClassicalMessageCodec::authenticatedBytes);
            transmitting.put(link.id(), new TransmittingEnd(link, engine, attach.linkActor(), attach.channel(),
                    new EmissionSchedule(link.source().clockHz(), link.batchPulses(), durationPs)));
        } else {
            DecoyBb84Bob engine = new DecoyBb84Bob(link.id(), link.source(), runSeed, link.postProcessing(),
                    ClassicalMessageCodec::authenticatedBytes);
            receiving.put(link.id(), new ReceivingEnd(link, engine, attach.linkActor(), attach.channel()));
        }
        return this;
    }

    private Behavior<Command> onAdvanceTo(AdvanceTo advance) {
        for (TransmittingEnd end : transmitting.values()) {
            for (EmissionSchedule.Batch due : end.schedule().batchesBefore(advance.endTimePs())) {
                end.linkActor().tell(new LinkActor.Transmit(
                        end.engine().emit(due.sequence(), due.emissionTimePs(), due.pulseCount())));
            }
            end.linkActor().tell(new LinkActor.EpochEmitted(advance.epoch(), end.schedule().nextSequence() - 1));
        }
        return this;
    }

    private Behavior<Command> onDeliverDetections(DeliverDetections delivery) {
        DetectionBatch detections = delivery.batch();
        ReceivingEnd end = receivingEnd(detections.linkId());
        long now = detections.arrivalTimePs();
        dispatch(end.link(), LinkRole.RECEIVER, end.engine().onDetections(detections, now), now, end.linkActor(),
                end.channel());
        return this;
    }

    private Behavior<Command> onDeliverFrame(DeliverFrame delivery) {
        ClassicalFrame frame = delivery.frame();
        SealedMessage sealed = new SealedMessage(frame.payload(), frame.authentication());
        long now = frame.arrivalTimePs();
        String linkId = frame.payload().linkId();
        TransmittingEnd sender = transmitting.get(linkId);
        if (sender != null) {
            dispatch(sender.link(), LinkRole.TRANSMITTER, sender.engine().onFrame(sealed, now), now,
                    sender.linkActor(), sender.channel());
        } else {
            ReceivingEnd end = receivingEnd(linkId);
            dispatch(end.link(), LinkRole.RECEIVER, end.engine().onFrame(sealed, now), now, end.linkActor(),
                    end.channel());
        }
        return this;
    }

    /** Sends what an engine step produced: messages to the peer, observations and finished blocks to the link. */
    private void dispatch(LinkSpec link, LinkRole role, Outbox out, long now, ActorRef<LinkActor.Command> linkActor,
                          ActorRef<ClassicalChannel.Command> channel) {
        String peer = role == LinkRole.TRANSMITTER ? link.receiverId() : link.transmitterId();
        for (SealedMessage sealed : out.messages()) {
            channel.tell(new ClassicalChannel.Convey(nodeId, peer, now, sealed.message(), sealed.tag()));
        }
        out.sifted().forEach(batch -> linkActor.tell(new LinkActor.RecordSifted(role, batch)));
        out.discardedBatches().forEach(batch -> linkActor.tell(new LinkActor.RecordDiscarded(batch)));
        out.openedBlocks().forEach(block -> linkActor.tell(new LinkActor.RecordBlockOpened(block)));
        for (BlockOutcome outcome : out.outcomes()) {
            linkActor.tell(new LinkActor.RecordBlock(BlockRecord.of(role, outcome)));
        }
    }

    private ReceivingEnd receivingEnd(String linkId) {
        ReceivingEnd end = receiving.get(linkId);
        if (end == null) {
            throw new IllegalStateException("node " + nodeId + " has no end of link " + linkId);
        }
        return end;
    }

    private record TransmittingEnd(LinkSpec link, DecoyBb84Alice engine, ActorRef<LinkActor.Command> linkActor,
                                   ActorRef<ClassicalChannel.Command> channel, EmissionSchedule schedule) {
    }

    private record ReceivingEnd(LinkSpec link, DecoyBb84Bob engine, ActorRef<LinkActor.Command> linkActor,
                                ActorRef<ClassicalChannel.Command> channel) {
    }
}
