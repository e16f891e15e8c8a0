package org.qnetem.physics.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DetectorTimingTest {

    @Test
    void freeRunningDarkCountsArePoissonPerSlot() {
        // 100 Hz over a 1 ns slot: 1 − e^−1e-7.
        assertEquals(-Math.expm1(-1e-7), new FreeRunningTiming(100, 0).darkCountPerSlot(1e9), 1e-22);
        assertEquals(1 - Math.exp(-0.4), new FreeRunningTiming(1e9, 0).darkCountPerSlot(2.5e9), 1e-15);
    }

    @Test
    void freeRunningDeadSlotsAreThoseStartingWithinTheDeadTime() {
        assertEquals(50, new FreeRunningTiming(0, 50_000).deadSlots(1e9));
        assertEquals(49, new FreeRunningTiming(0, 49_999).deadSlots(1e9));
        assertEquals(125, new FreeRunningTiming(0, 50_000).deadSlots(2.5e9));
        assertEquals(0, new FreeRunningTiming(0, 999).deadSlots(1e9));
    }

    @Test
    void gatedDetectorsCountInGates() {
        GatedTiming gated = new GatedTiming(6e-7, 20);
        assertEquals(6e-7, gated.darkCountPerSlot(1e9));
        assertEquals(20, gated.deadSlots(1e9));
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new GatedTiming(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new GatedTiming(0, -1));
        assertThrows(IllegalArgumentException.class, () -> new FreeRunningTiming(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new FreeRunningTiming(0, -1));
        assertThrows(IllegalArgumentException.class,
                () -> new ThresholdDetector(0.5, new GatedTiming(0, 0), 1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new ThresholdDetector(0.5, new GatedTiming(0, 0), 0, -1));
        assertThrows(IllegalArgumentException.class, () -> new BlindingMonitor(1, 1));
        assertThrows(IllegalArgumentException.class, () -> new BlindingMonitor(0.1, 0));
    }
}
