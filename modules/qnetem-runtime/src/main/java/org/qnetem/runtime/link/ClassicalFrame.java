package org.qnetem.runtime.link;

import java.util.Objects;
import org.qnetem.qkd.message.ClassicalMessage;

/**
 * A protocol message in flight on a link's classical channel, stamped with the emulated times it was
 * sent and is due to arrive (sent time plus fibre latency).
 */
public record ClassicalFrame(String fromNode, String toNode, long sentTimePs, long arrivalTimePs,
                             ClassicalMessage payload) {

    public ClassicalFrame {
        Objects.requireNonNull(fromNode, "fromNode");
        Objects.requireNonNull(toNode, "toNode");
        Objects.requireNonNull(payload, "payload");
        if (arrivalTimePs < sentTimePs) {
            throw new IllegalArgumentException("frame arrives (" + arrivalTimePs + " ps) before it is sent ("
                    + sentTimePs + " ps)");
        }
    }
}
