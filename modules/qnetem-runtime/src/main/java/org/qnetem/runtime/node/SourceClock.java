package org.qnetem.runtime.node;

import java.util.List;
import org.qnetem.physics.batch.PhotonBatch;

/** The source's clock at the end of a link that keeps it: which batches leave, and how each is made. */
record SourceClock(EmissionSchedule schedule, BatchMaker maker) {

    interface BatchMaker {
        PhotonBatch make(long sequence, long emissionTimePs, long pulseCount);
    }

    /** The batches whose pulses all leave before {@code endTimePs}. */
    List<PhotonBatch> emitBefore(long endTimePs) {
        return schedule.batchesBefore(endTimePs).stream()
                .map(b -> maker.make(b.sequence(), b.emissionTimePs(), b.pulseCount())).toList();
    }

    /**
     * Passes over the batches due before {@code endTimePs} without emitting them (the link is stopped);
     * returns their sequences.
     */
    List<Long> skipBefore(long endTimePs) {
        return schedule.batchesBefore(endTimePs).stream().map(EmissionSchedule.Batch::sequence).toList();
    }

    /** The sequence of the last batch emitted so far, -1 if none. */
    long lastEmittedSequence() {
        return schedule.nextSequence() - 1;
    }
}
