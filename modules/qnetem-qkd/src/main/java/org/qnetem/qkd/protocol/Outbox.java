package org.qnetem.qkd.protocol;

import java.util.ArrayList;
import java.util.List;
import org.qnetem.qkd.authentication.Authenticator;
import org.qnetem.qkd.message.ClassicalMessage;

/**
 * What one step of a protocol engine produced: the messages for the peer, tagged in the order they
 * must be sent, and the key blocks that ended.
 */
public final class Outbox {

    private final Authenticator authenticator;
    private final MessageEncoder encoder;
    private final List<SealedMessage> messages = new ArrayList<>();
    private final List<BlockOutcome> outcomes = new ArrayList<>();

    Outbox(Authenticator authenticator, MessageEncoder encoder) {
        this.authenticator = authenticator;
        this.encoder = encoder;
    }

    void send(ClassicalMessage message) {
        messages.add(new SealedMessage(message, authenticator.tag(encoder.encode(message))));
    }

    void finish(BlockOutcome outcome) {
        outcomes.add(outcome);
    }

    public List<SealedMessage> messages() {
        return List.copyOf(messages);
    }

    public List<BlockOutcome> outcomes() {
        return List.copyOf(outcomes);
    }
}
