package org.qnetem.qkd.message;

import java.util.Objects;
import org.qnetem.physics.batch.PackedBits;

/** Alice to Bob: bit i is the parity of the block named by question i of the round's {@link ParityRequest}. */
public record ParityResponse(String linkId, long batchSequence, int round, PackedBits parities)
        implements ClassicalMessage {

    public ParityResponse {
        Objects.requireNonNull(linkId, "linkId");
        Objects.requireNonNull(parities, "parities");
    }

    @Override
    public String toString() {
        return "ParityResponse[link=" + linkId + ", seq=" + batchSequence + ", round " + round + ", "
                + parities.length() + " parities]";
    }
}
