package org.qnetem.runtime.link;

import java.util.Map;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.qnetem.qkd.authentication.AuthenticationTag;
import org.qnetem.qkd.message.ClassicalMessage;
import org.qnetem.runtime.node.NodeActor;
import org.qnetem.runtime.serialization.WireMessage;

/**
 * The classical channel of one link: carries protocol messages between its two nodes and stamps each
 * with its emulated arrival time, the send time plus the fibre latency. It carries each message's
 * authentication tag unchanged, for the receiving node to check.
 */
public final class ClassicalChannel {

    public sealed interface Command permits Convey {
    }

    /** A node hands a message and its authentication tag to the channel at emulated time {@code sentTimePs}. */
    public record Convey(String fromNode, String toNode, long sentTimePs, ClassicalMessage payload,
                         AuthenticationTag authentication) implements Command, WireMessage {

        public Convey {
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(authentication, "authentication");
        }
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
                            convey.sentTimePs(), convey.sentTimePs() + latencyPs, convey.payload(),
                            convey.authentication())));
                    return Behaviors.same();
                })
                .build();
    }
}
