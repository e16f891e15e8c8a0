package org.qnetem.physics.batch;

import org.qnetem.physics.attack.EveChoices;
import org.qnetem.physics.detector.ClickDistribution;
import org.qnetem.physics.detector.TestSlotSchedule;
import org.qnetem.physics.random.ExponentialZiggurat;
import org.qnetem.physics.random.FixedPointProbability;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.source.PulseStates;

/**
 * One pass over one batch, in pulse order: skip to the next candidate, decide it, and after a
 * registered click skip the dead slots and play out the afterpulses. Mutable; one per batch.
 *
 * <p>Draws from the channel stream, in this order per candidate: one 64-bit word (or more, rarely)
 * for the exponential behind the geometric gap; one 32-bit word (two when it ties a cell bound) for
 * the cell; then, only as needed, one for a double click's random bit and one for whether Eve knows
 * the bit. After a click, per possible afterpulse: one for whether it happens, then for Bob's basis,
 * its random bit and Eve's knowledge.
 */
final class BatchWalk {

    private static final int CORRECT_ONLY = ClickDistribution.CORRECT_ONLY;
    private static final int WRONG_ONLY = ClickDistribution.WRONG_ONLY;

    private final SamplingTables tables;
    private final RandomStream random;
    private final PulseStates alice;
    private final EveChoices eve;
    private final TestSlotSchedule testSlots;
    private final DetectionRecorder recorder;
    private final long pulses;

    /** {@code eve} null when Eve never acts, {@code testSlots} null without a monitor. */
    BatchWalk(SamplingTables tables, RandomStream random, PulseStates alice, EveChoices eve,
              TestSlotSchedule testSlots, DetectionRecorder recorder, long pulses) {
        this.tables = tables;
        this.random = random;
        this.alice = alice;
        this.eve = eve;
        this.testSlots = testSlots;
        this.recorder = recorder;
        this.pulses = pulses;
    }

    void run() {
        if (tables.candidateProbability == 0) {
            return;
        }
        // The last slot already dealt with; the search for the next candidate starts after it.
        long settled = -1;
        while (true) {
            long gap = nextGap();
            if (gap >= pulses - 1 - settled) {
                return;
            }
            long pulse = settled + 1 + gap;
            settled = decide(pulse) ? afterClick(pulse) : pulse;
        }
    }

    /** Non-candidate slots before the next candidate: geometric with parameter p_max. */
    private long nextGap() {
        if (tables.gapScale == 0) {
            return 0;
        }
        // A double beyond 2^63 casts to Long.MAX_VALUE, past the end of any batch.
        return (long) (ExponentialZiggurat.next(random) * tables.gapScale);
    }

    /** Decides candidate {@code pulse}; true when it is a registered click. */
    private boolean decide(long pulse) {
        int state = alice.stateOf(pulse);
        boolean aliceX = PulseStates.basis(state) == 1;
        int choice = eve == null ? 0 : eve.choiceAt(pulse, aliceX);
        int kind = SamplingTables.kindIndex(PulseStates.intensityClass(state), EveChoices.action(choice));
        boolean testSlot = testSlots != null && testSlots.isTestSlot(pulse);
        if (testSlot && !tables.clicksInTestSlots[kind]) {
            return false;
        }
        boolean conjugate = tables.conjugatePhotons[kind];
        boolean photonX = aliceX != conjugate;
        int cell = random.nextCell(tables.cellBounds, SamplingTables.cellsFrom(kind, photonX), SamplingTables.CELLS);
        if (cell < 0) {
            return false;
        }
        if (testSlot) {
            recorder.countMonitorClick();
            return false;
        }
        boolean bobX = cell < ClickDistribution.CATEGORIES;
        int category = cell % ClickDistribution.CATEGORIES;
        int photonBit = conjugate ? EveChoices.randomBit(choice) : PulseStates.bit(state);
        int outcome;
        if (category == CORRECT_ONLY) {
            outcome = photonBit;
        } else if (category == WRONG_ONLY) {
            outcome = 1 - photonBit;
        } else {
            outcome = random.nextInt() & 1;
        }
        boolean matched = bobX == aliceX;
        recorder.record(pulse, PulseStates.intensityClass(state), bobX ? 1 : 0, outcome,
                category == ClickDistribution.DOUBLE ? 1 : 0, matched ? 1 : 0, outcome ^ PulseStates.bit(state));
        if (matched && knows(tables.eveKnowsMatchedBelow[kind * ClickDistribution.CATEGORIES + category])) {
            recorder.countEveKnownMatched();
        }
        return true;
    }

    /**
     * The dead slots after a click at {@code pulse}, then the afterpulse chain; returns the last slot
     * that cannot start the next search (the next live slot is the one after it).
     */
    private long afterClick(long pulse) {
        long click = pulse;
        while (true) {
            if (tables.deadSlots >= pulses - 1 - click) {
                return pulses - 1;
            }
            long next = click + tables.deadSlots + 1;
            if (tables.afterpulseBelow == 0 || (testSlots != null && testSlots.isTestSlot(next))
                    || !random.nextBelow(tables.afterpulseBelow)) {
                return next - 1;
            }
            recordAfterpulse(next);
            click = next;
        }
    }

    private void recordAfterpulse(long pulse) {
        int state = alice.stateOf(pulse);
        boolean aliceX = PulseStates.basis(state) == 1;
        boolean bobX = random.nextBelow(tables.bobXBelow);
        int outcome = random.nextInt() & 1;
        boolean matched = bobX == aliceX;
        recorder.record(pulse, PulseStates.intensityClass(state), bobX ? 1 : 0, outcome, 0, matched ? 1 : 0,
                outcome ^ PulseStates.bit(state));
        recorder.countAfterpulse();
        if (matched && eve != null) {
            int choice = eve.choiceAt(pulse, aliceX);
            int kind = SamplingTables.kindIndex(PulseStates.intensityClass(state), EveChoices.action(choice));
            if (knows(tables.eveKnowsAfterpulseBelow[kind])) {
                recorder.countEveKnownMatched();
            }
        }
    }

    /** True with the fixed-point probability given; draws only when it is strictly between 0 and 1. */
    private boolean knows(long probabilityBelow) {
        if (probabilityBelow == 0) {
            return false;
        }
        return probabilityBelow == FixedPointProbability.ONE || random.nextBelow(probabilityBelow);
    }
}
