package org.qnetem.runtime.link;

import java.util.Objects;
import org.qnetem.qkd.authentication.AuthenticationTag;
import org.qnetem.qkd.message.ClassicalMessage;

/**
 * A protocol message in flight on a link's classical channel, stamped with the emulated times it was
 * sent and is due to arrive (sent time plus fibre latency), and with the sender's authentication tag
 * of the payload: every frame in QNetEm is authenticated.
 */
public record ClassicalFrame(String fromNode, String toNode, long sentTimePs, long arrivalTimePs,
                             ClassicalMessage payload, AuthenticationTag authentication) {

    public ClassicalFrame {
        Objects.requireNonNull(fromNode, "fromNode");
        Objects.requireNonNull(toNode, "toNode");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(authentication, "authentication");
        if (arrivalTimePs < sentTimePs) {
            throw new IllegalArgumentException("frame arrives (" + arrivalTimePs + " ps) before it is sent ("
                    + sentTimePs + " ps)");
        }
    }
}
