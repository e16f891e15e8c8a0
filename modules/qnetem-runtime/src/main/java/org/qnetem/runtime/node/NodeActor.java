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
import org.qnetem.qkd.authentication.AuthenticationTag;
import org.qnetem.qkd.message.ClassicalMessage;
import org.qnetem.qkd.message.SiftAnnouncement;
import org.qnetem.qkd.message.SiftResponse;
import org.qnetem.qkd.sifting.Bb84Receiver;
import org.qnetem.qkd.sifting.Bb84Transmitter;
import org.qnetem.qkd.sifting.SiftedBlock;
import org.qnetem.runtime.link.ClassicalChannel;
import org.qnetem.runtime.link.ClassicalFrame;
import org.qnetem.runtime.link.LinkActor;
import org.qnetem.runtime.link.LinkRole;
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
            Bb84Transmitter engine = new Bb84Transmitter(link.id(), link.source(), runSeed);
            transmitting.put(link.id(), new TransmittingEnd(link, engine, attach.linkActor(), attach.channel(),
                    new EmissionSchedule(link.source().clockHz(), link.batchPulses(), durationPs)));
        } else {
            receiving.put(link.id(), new ReceivingEnd(link, new Bb84Receiver(link.id()), attach.linkActor(),
                    attach.channel()));
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
        SiftAnnouncement announcement = end.engine().onDetections(detections);
        end.channel().tell(new ClassicalChannel.Convey(nodeId, end.link().transmitterId(), detections.arrivalTimePs(),
                announcement, untagged()));
        return this;
    }

    private Behavior<Command> onDeliverFrame(DeliverFrame delivery) {
        ClassicalFrame frame = delivery.frame();
        ClassicalMessage payload = frame.payload();
        if (payload instanceof SiftAnnouncement announcement) {
            TransmittingEnd end = transmittingEnd(announcement.linkId());
            Bb84Transmitter.Sifted sifted = end.engine().onSiftAnnouncement(announcement);
            end.channel().tell(new ClassicalChannel.Convey(nodeId, frame.fromNode(), frame.arrivalTimePs(),
                    sifted.response(), untagged()));
            end.linkActor().tell(new LinkActor.RecordSifted(LinkRole.TRANSMITTER, sifted.block()));
        } else if (payload instanceof SiftResponse response) {
            ReceivingEnd end = receivingEnd(response.linkId());
            SiftedBlock block = end.engine().onSiftResponse(response);
            end.linkActor().tell(new LinkActor.RecordSifted(LinkRole.RECEIVER, block));
        } else {
            throw new IllegalArgumentException("node " + nodeId + " has no engine for " + payload.getClass().getName());
        }
        return this;
    }

    /**
     * A stand-in tag (sequence -1) on the frames this node sends, replaced when the protocol engines
     * authenticate frames.
     */
    private static AuthenticationTag untagged() {
        return new AuthenticationTag(-1, 0, 0);
    }

    private TransmittingEnd transmittingEnd(String linkId) {
        TransmittingEnd end = transmitting.get(linkId);
        if (end == null) {
            throw new IllegalStateException("node " + nodeId + " does not transmit on link " + linkId);
        }
        return end;
    }

    private ReceivingEnd receivingEnd(String linkId) {
        ReceivingEnd end = receiving.get(linkId);
        if (end == null) {
            throw new IllegalStateException("node " + nodeId + " does not receive on link " + linkId);
        }
        return end;
    }

    private record TransmittingEnd(LinkSpec link, Bb84Transmitter engine, ActorRef<LinkActor.Command> linkActor,
                                   ActorRef<ClassicalChannel.Command> channel, EmissionSchedule schedule) {
    }

    private record ReceivingEnd(LinkSpec link, Bb84Receiver engine, ActorRef<LinkActor.Command> linkActor,
                                ActorRef<ClassicalChannel.Command> channel) {
    }
}
