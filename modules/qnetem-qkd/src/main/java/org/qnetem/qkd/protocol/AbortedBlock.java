package org.qnetem.qkd.protocol;

import java.util.Objects;

/**
 * A key block that yields no key: the stage it reached and why it was abandoned.
 *
 * @param estimatedQber the test-basis QBER this end estimated before aborting, NaN when the block ended
 *                      before estimation finished: what a QBER alarm reads
 */
public record AbortedBlock(String linkId, long blockId, long finishedAtPs, BlockStage stage, String reason,
                           double estimatedQber) implements BlockOutcome {

    /** A block aborted before (or regardless of) its QBER estimate. */
    public AbortedBlock(String linkId, long blockId, long finishedAtPs, BlockStage stage, String reason) {
        this(linkId, blockId, finishedAtPs, stage, reason, Double.NaN);
    }

    public AbortedBlock {
        Objects.requireNonNull(linkId, "linkId");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(reason, "reason");
    }
}
