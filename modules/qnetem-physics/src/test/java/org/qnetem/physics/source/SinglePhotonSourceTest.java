package org.qnetem.physics.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.qnetem.physics.random.StreamKey;

class SinglePhotonSourceTest {

    @Test
    void hasOneClassOfAtMostOnePhoton() {
        SinglePhotonSource source = new SinglePhotonSource(1e9, 0.6, 0.9);
        assertEquals(1, source.classCount());
        assertEquals(1, source.probability(0));
        assertEquals(new AtMostOnePhoton(0.6), source.photonNumber(0));
        assertThrows(IndexOutOfBoundsException.class, () -> source.probability(1));
    }

    @Test
    void pulseStatesFollowItsBasisBias() {
        PulseStates states = new PulseStates(new SinglePhotonSource(1e9, 0.6, 0.9), new StreamKey(3, "a", "s", 0));
        int pulses = 200_000;
        long x = 0;
        for (long i = 0; i < pulses; i++) {
            int state = states.stateOf(i);
            assertEquals(0, PulseStates.intensityClass(state));
            x += PulseStates.basis(state);
        }
        assertEquals(0.9, x / (double) pulses, 4 * Math.sqrt(0.09 / pulses));
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SinglePhotonSource(0, 0.5, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new SinglePhotonSource(1e9, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new SinglePhotonSource(1e9, 0.5, 1.5));
    }
}
