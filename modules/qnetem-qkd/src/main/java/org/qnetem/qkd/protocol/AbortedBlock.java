package org.qnetem.qkd.protocol;

import java.util.Objects;

/** A key block that yields no key: the stage it reached and why it was abandoned. */
public record AbortedBlock(String linkId, long blockId, long finishedAtPs, BlockStage stage, String reason)
        implements BlockOutcome {

    public AbortedBlock {
        Objects.requireNonNull(linkId, "linkId");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(reason, "reason");
    }
}
