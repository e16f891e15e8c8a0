package org.qnetem.physics.detector;

/**
 * When a detector can click, in units of pulse slots (one slot per emitted pulse, 1/clock long):
 * the probability of a dark count in a slot, and how many slots after a click it is dead
 * (non-paralysable: clicks in the dead slots are not registered and do not extend the dead time).
 */
public sealed interface DetectorTiming permits GatedTiming, FreeRunningTiming {

    /** Probability that one detector dark-counts in a pulse slot. */
    double darkCountPerSlot(double clockHz);

    /** Slots after a click in which the receiver cannot click. */
    long deadSlots(double clockHz);
}
