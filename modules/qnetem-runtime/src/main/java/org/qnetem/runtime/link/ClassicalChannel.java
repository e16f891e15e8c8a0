package org.qnetem.runtime.link;

import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.qnetem.qkd.message.ClassicalMessage;
import org.qnetem.runtime.node.NodeActor;
import org.qnetem.runtime.serialization.WireMessage;

/**
 * The classical channel of one link: carries protocol messages between its two nodes and stamps each
 * with its emulated arrival time, the send time plus the fibre latency.
 */
public final class ClassicalChannel {

    public sealed interface Command permits Convey {
    }

    /** A node hands a message to the channel at emulated time {@code sentTimePs}. */
    public record Convey(String fromNode, String toNode, long sentTimePs, ClassicalMessage payload)
            implements Command, WireMessage {
    }

    private ClassicalChannel() {
    }

    public static Behavior<Command> create(String linkId, long latencyPs, Map<String, ActorRef<NodeActor.Command>> ends) {
        return Behaviors.receive(Command.class)
                .onMessage(Convey.class, convey -> {
                    ActorRef<NodeActor.Command> destination = ends.get(convey.toNode());
                    if (destination == null) {
                        throw new IllegalArgumentException("classical channel of link " + linkId
                                + " does not reach node " + convey.toNode());
                    }
                    destination.tell(new NodeActor.DeliverFrame(new ClassicalFrame(convey.fromNode(), convey.toNode(),
                            convey.sentTimePs(), convey.sentTimePs() + latencyPs, convey.payload())));
                    return Behaviors.same();
                })
                .build();
    }
}
