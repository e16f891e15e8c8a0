package org.qnetem.qkd.message;

import java.util.Objects;

/**
 * Bob to Alice: Cascade on this key block is over after {@code rounds} rounds in which Alice disclosed
 * {@code disclosedParities} parity bits. Alice checks both against her own count before she closes
 * the block, so that the two ends account for the same leakage.
 */
public record CascadeComplete(String linkId, long batchSequence, int rounds, long disclosedParities)
        implements ClassicalMessage {

    public CascadeComplete {
        Objects.requireNonNull(linkId, "linkId");
    }
}
