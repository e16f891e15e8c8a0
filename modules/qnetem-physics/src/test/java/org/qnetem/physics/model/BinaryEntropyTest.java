package org.qnetem.physics.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BinaryEntropyTest {

    @Test
    void knownValues() {
        assertEquals(0, BinaryEntropy.of(0), 0);
        assertEquals(1, BinaryEntropy.of(0.5), 1e-15);
        // h(0.11) = 0.4999..., the textbook "11 % QBER halves the key" point.
        assertEquals(0.4999159582, BinaryEntropy.of(0.11), 1e-10);
        // h(0.01) = −0.01 log₂0.01 − 0.99 log₂0.99.
        assertEquals(0.0807931359, BinaryEntropy.of(0.01), 1e-10);
    }

    @Test
    void clampsToTheMeaningfulRange() {
        assertEquals(0, BinaryEntropy.of(-0.2), 0);
        assertEquals(1, BinaryEntropy.of(0.7), 1e-15);
    }
}
