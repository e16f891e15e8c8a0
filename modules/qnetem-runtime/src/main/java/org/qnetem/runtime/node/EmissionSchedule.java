package org.qnetem.runtime.node;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a transmitter's pulse train into batches: pulse i leaves at i / clock; batches hold
 * {@code batchPulses} pulses, except where the run's end or an epoch boundary cuts one short, so the
 * run emits exactly {@code floor(duration * clock)} pulses and no batch straddles an epoch.
 */
final class EmissionSchedule {

    record Batch(long sequence, long firstPulse, long emissionTimePs, long pulseCount) {
    }

    private final double picosPerPulse;
    private final long batchPulses;
    private final long totalPulses;
    private long nextPulse;
    private long nextSequence;

    EmissionSchedule(double clockHz, long batchPulses, long durationPs) {
        this.picosPerPulse = 1e12 / clockHz;
        this.batchPulses = batchPulses;
        this.totalPulses = (long) Math.floor(durationPs / picosPerPulse);
    }

    /** The batches whose pulses all leave before {@code endTimePs}, in order. */
    List<Batch> batchesBefore(long endTimePs) {
        long endPulse = Math.min(totalPulses, (long) Math.ceil(endTimePs / picosPerPulse));
        List<Batch> due = new ArrayList<>();
        while (nextPulse < endPulse) {
            long count = Math.min(batchPulses, endPulse - nextPulse);
            due.add(new Batch(nextSequence++, nextPulse, Math.round(nextPulse * picosPerPulse), count));
            nextPulse += count;
        }
        return due;
    }

    long nextSequence() {
        return nextSequence;
    }

    long totalPulses() {
        return totalPulses;
    }
}
