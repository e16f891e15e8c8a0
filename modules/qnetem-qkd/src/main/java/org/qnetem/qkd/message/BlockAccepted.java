package org.qnetem.qkd.message;

import java.util.Objects;

/**
 * Bob to Alice: the verification tag matched and both ends now hold the block's final key. The number
 * of bits Cascade corrected gives both ends the block's key-basis QBER.
 */
public record BlockAccepted(String linkId, long batchSequence, long correctedErrors) implements ClassicalMessage {

    public BlockAccepted {
        Objects.requireNonNull(linkId, "linkId");
        if (correctedErrors < 0) {
            throw new IllegalArgumentException("corrected errors must be >= 0, got " + correctedErrors);
        }
    }
}
