package org.qnetem.runtime.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmissionScheduleTest {

    @Test
    void cutsThePulseTrainIntoBatchesThatNeverStraddleAnEpoch() {
        // 1 GHz, batches of 400 pulses, 1 us run: 1000 pulses; epochs of 0.3 us.
        EmissionSchedule schedule = new EmissionSchedule(1e9, 400, 1_000_000);
        List<EmissionSchedule.Batch> first = schedule.batchesBefore(300_000);
        assertEquals(List.of(new EmissionSchedule.Batch(0, 0, 0, 300)), first);
        assertEquals(List.of(new EmissionSchedule.Batch(1, 300, 300_000, 300)), schedule.batchesBefore(600_000));
        assertEquals(List.of(new EmissionSchedule.Batch(2, 600, 600_000, 300)), schedule.batchesBefore(900_000));
        assertEquals(List.of(new EmissionSchedule.Batch(3, 900, 900_000, 100)), schedule.batchesBefore(1_200_000));
        assertEquals(List.of(), schedule.batchesBefore(1_500_000), "nothing after the run's last pulse");
        assertEquals(4, schedule.nextSequence());
    }

    @Test
    void emitsExactlyTheRunsPulsesAtEveryClockRate() {
        for (double clockHz : new double[] {1e9, 2.5e9, 1e8, 3e6}) {
            EmissionSchedule schedule = new EmissionSchedule(clockHz, 1_000_000, 123_456_789_000L);
            long pulses = 0;
            long previousEnd = 0;
            for (long t = 7_000_000_000L; previousEnd < 123_456_789_000L; t += 7_000_000_000L) {
                for (EmissionSchedule.Batch batch : schedule.batchesBefore(t)) {
                    assertEquals(pulses, batch.firstPulse(), "batches are contiguous");
                    pulses += batch.pulseCount();
                }
                previousEnd = t;
            }
            assertEquals(schedule.totalPulses(), pulses);
            assertEquals((long) Math.floor(0.123456789 * clockHz), pulses, "pulses at " + clockHz + " Hz");
        }
    }

    @Test
    void aScheduleAtABoundaryStandsWhereOneCutAtEveryEarlierBoundaryStands() {
        long duration = 1_000_000;
        long epoch = 300_000;
        EmissionSchedule cut = new EmissionSchedule(1e9, 400, duration);
        for (long boundary = epoch; boundary <= 2_100_000; boundary += epoch) {
            cut.batchesBefore(Math.min(duration, boundary));
            assertEquals(cut.nextSequence(),
                    EmissionSchedule.atBoundary(1e9, 400, duration, epoch, boundary).nextSequence(),
                    "at " + boundary + " ps");
        }
        EmissionSchedule uncut = new EmissionSchedule(1e9, 400, duration);
        uncut.batchesBefore(800_000);
        assertEquals(2, uncut.nextSequence(), "800 pulses in one go: 2 batches");
        assertEquals(4, EmissionSchedule.atBoundary(1e9, 400, duration, 200_000, 800_000).nextSequence(),
                "cut at every 200 pulses: 4 batches");
    }

    @Test
    void aScheduleResumingAtABoundaryGoesOnFromThatBatchAndPulse() {
        EmissionSchedule resumed = EmissionSchedule.resumingAt(1e9, 400, 1_000_000, 600_000, 17);
        assertEquals(List.of(new EmissionSchedule.Batch(17, 600, 600_000, 300)), resumed.batchesBefore(900_000));
        assertEquals(List.of(new EmissionSchedule.Batch(18, 900, 900_000, 100)), resumed.batchesBefore(1_200_000));
    }
}
