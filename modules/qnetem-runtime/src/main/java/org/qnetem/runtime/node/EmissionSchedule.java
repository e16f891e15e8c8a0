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

    /**
     * The schedule as it stands at epoch boundary {@code timePs} had it been cut at every boundary before
     * (every {@code epochPs}), as a link running from the start is: its next batch then has the same sequence
     * at both ends of a link and at its observer, whatever each of them lived through.
     */
    static EmissionSchedule atBoundary(double clockHz, long batchPulses, long durationPs, long epochPs, long timePs) {
        EmissionSchedule schedule = new EmissionSchedule(clockHz, batchPulses, durationPs);
        for (long boundary = epochPs; boundary <= timePs; boundary += epochPs) {
            schedule.skipTo(Math.min(durationPs, boundary));
        }
        return schedule;
    }

    /** The schedule of a link that starts a new life at {@code timePs} with batch {@code firstBatch}. */
    static EmissionSchedule resumingAt(double clockHz, long batchPulses, long durationPs, long timePs,
                                       long firstBatch) {
        EmissionSchedule schedule = new EmissionSchedule(clockHz, batchPulses, durationPs);
        schedule.skipTo(timePs);
        schedule.nextSequence = firstBatch;
        return schedule;
    }

    /** Passes over the batches due before {@code endTimePs}, counting them as {@link #batchesBefore} would. */
    private void skipTo(long endTimePs) {
        long endPulse = Math.min(totalPulses, (long) Math.ceil(endTimePs / picosPerPulse));
        if (endPulse > nextPulse) {
            nextSequence += (endPulse - nextPulse + batchPulses - 1) / batchPulses;
            nextPulse = endPulse;
        }
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
