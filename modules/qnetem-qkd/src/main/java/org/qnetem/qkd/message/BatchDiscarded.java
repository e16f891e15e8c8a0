package org.qnetem.qkd.message;

import java.util.Objects;

/**
 * Alice to Bob: she could not sift photon batch {@code batchSequence} (its announcement failed
 * authentication), so neither end uses it; Bob stops waiting for its response.
 */
public record BatchDiscarded(String linkId, long batchSequence, String reason) implements ClassicalMessage {

    public BatchDiscarded {
        Objects.requireNonNull(linkId, "linkId");
        Objects.requireNonNull(reason, "reason");
    }
}
