package org.qnetem.qkd.protocol;

import java.util.Objects;
import org.qnetem.qkd.authentication.AuthenticationTag;
import org.qnetem.qkd.message.ClassicalMessage;

/** A classical message with its Wegman–Carter tag, ready for the channel. */
public record SealedMessage(ClassicalMessage message, AuthenticationTag tag) {

    public SealedMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(tag, "tag");
    }
}
