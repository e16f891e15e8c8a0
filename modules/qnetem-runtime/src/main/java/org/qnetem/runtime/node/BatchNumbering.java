package org.qnetem.runtime.node;

import org.qnetem.runtime.topology.LinkSpec;

/** Where a link's batch sequence stands at an epoch boundary, for a link that starts a new life there. */
public final class BatchNumbering {

    private BatchNumbering() {
    }

    /**
     * The sequence of the first batch a link's source emits from epoch boundary {@code timePs} on, in a run of
     * {@code durationPs} cut into epochs of {@code epochPs}.
     */
    public static long firstBatchAt(LinkSpec link, long durationPs, long epochPs, long timePs) {
        return EmissionSchedule.atBoundary(link.source().clockHz(), link.batchPulses(), durationPs, epochPs, timePs)
                .nextSequence();
    }
}
