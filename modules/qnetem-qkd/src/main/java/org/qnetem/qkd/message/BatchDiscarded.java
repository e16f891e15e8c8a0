package org.qnetem.qkd.message;

import java.util.Objects;

/**
 * The answering end to the announcing end (decoy BB84: Alice to Bob): it could not sift photon batch
 * {@code batchSequence} (its announcement failed authentication), so neither end uses it; the
 * announcing end stops waiting for its response.
 */
public record BatchDiscarded(String linkId, long batchSequence, String reason) implements ClassicalMessage {

    public BatchDiscarded {
        Objects.requireNonNull(linkId, "linkId");
        Objects.requireNonNull(reason, "reason");
    }
}
