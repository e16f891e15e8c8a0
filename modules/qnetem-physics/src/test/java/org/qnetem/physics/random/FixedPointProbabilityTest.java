package org.qnetem.physics.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FixedPointProbabilityTest {

    @Test
    void storesFloorOfPTimesTwoToThe64() {
        assertEquals(0, FixedPointProbability.of(0));
        assertEquals(1L << 62, FixedPointProbability.of(0.25));
        assertEquals(Long.MIN_VALUE, FixedPointProbability.of(0.5));
        assertEquals(Long.MIN_VALUE + (1L << 62), FixedPointProbability.of(0.75));
        assertEquals(1L << 11, FixedPointProbability.of(0x1.0p-53));
        // The largest double below 1 is 1 − 2^-53: 2^64 − 2^11.
        assertEquals(-(1L << 11), FixedPointProbability.of(Math.nextDown(1.0)));
        assertEquals(FixedPointProbability.ONE, FixedPointProbability.of(1));
    }

    @Test
    void rejectsNonProbabilities() {
        assertThrows(IllegalArgumentException.class, () -> FixedPointProbability.of(-1e-300));
        assertThrows(IllegalArgumentException.class, () -> FixedPointProbability.of(1.0000001));
        assertThrows(IllegalArgumentException.class, () -> FixedPointProbability.of(Double.NaN));
    }
}
