package org.qnetem.physics.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qnetem.physics.random.StreamKey;

/** Frequencies are checked to 5 binomial standard errors at fixed seeds. */
class PulseStatesTest {

    private static final int PULSES = 1_000_000;
    private static final WeakCoherentSource DECOY = new WeakCoherentSource(1e9,
            new double[] {0.5, 0.1, 0.0002}, new double[] {0.8, 0.15, 0.05}, 0.9);
    private static final StreamKey KEY = new StreamKey(11, "alice", "pulse-state", 5);

    @Test
    void classesBasesAndBitsFollowTheSource() {
        PulseStates states = new PulseStates(DECOY, KEY);
        long[] perClass = new long[3];
        long xBasis = 0;
        long ones = 0;
        for (long i = 0; i < PULSES; i++) {
            int state = states.stateOf(i);
            perClass[PulseStates.intensityClass(state)]++;
            xBasis += PulseStates.basis(state);
            ones += PulseStates.bit(state);
        }
        for (int k = 0; k < 3; k++) {
            assertFrequency(DECOY.probability(k), perClass[k], "class " + k);
        }
        assertFrequency(0.9, xBasis, "X basis");
        assertFrequency(0.5, ones, "bit 1");
    }

    @Test
    void bitIsBalancedWithinEachBasis() {
        PulseStates states = new PulseStates(WeakCoherentSource.single(1e9, 0.5), KEY);
        long[] pulses = new long[2];
        long[] ones = new long[2];
        for (long i = 0; i < PULSES; i++) {
            int state = states.stateOf(i);
            pulses[PulseStates.basis(state)]++;
            ones[PulseStates.basis(state)] += PulseStates.bit(state);
        }
        for (int basis = 0; basis < 2; basis++) {
            double sigma = Math.sqrt(0.25 / pulses[basis]);
            assertEquals(0.5, ones[basis] / (double) pulses[basis], 5 * sigma, "bit balance in basis " + basis);
        }
    }

    @Test
    void zeroProbabilityClassesAndCertainBasesNeverVary() {
        WeakCoherentSource source = new WeakCoherentSource(1e9, new double[] {0.5, 0.1, 0.0},
                new double[] {0.0, 1.0, 0.0}, 1.0);
        PulseStates states = new PulseStates(source, KEY);
        for (long i = 0; i < 100_000; i++) {
            int state = states.stateOf(i);
            assertEquals(1, PulseStates.intensityClass(state));
            assertEquals(1, PulseStates.basis(state));
        }
    }

    @Test
    void statesOfManyPulsesAreTheirStatesOneByOne() {
        WeakCoherentSource[] sources = {DECOY, WeakCoherentSource.single(1e9, 0.5),
                new WeakCoherentSource(1e9, new double[] {0.5, 0.1, 0.0}, new double[] {0.0, 1.0, 0.0}, 1.0)};
        Random random = new Random(3);
        long[] pulses = new long[40];
        for (int i = 0; i < pulses.length; i++) {
            pulses[i] = random.nextLong() >>> random.nextInt(64);
        }
        for (WeakCoherentSource source : sources) {
            PulseStates one = new PulseStates(source, KEY);
            PulseStates many = new PulseStates(source, KEY);
            // Every count from 0 to 9 and several offsets: whole groups of four and the remainders.
            for (int from = 0; from < 20; from += 3) {
                for (int count = 0; count < 10; count++) {
                    int[] states = new int[count];
                    many.statesOf(pulses, from, count, states);
                    for (int i = 0; i < count; i++) {
                        assertEquals(one.stateOf(pulses[from + i]), states[i], "pulse " + pulses[from + i]);
                    }
                }
            }
        }
    }

    @Test
    void statesAreDeterministicAndOrderIndependent() {
        PulseStates forward = new PulseStates(DECOY, KEY);
        int[] expected = new int[1000];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = forward.stateOf(1_000_000_000L + i);
        }
        PulseStates backward = new PulseStates(DECOY, new StreamKey(11, "alice", "pulse-state", 5));
        for (int i = expected.length - 1; i >= 0; i--) {
            assertEquals(expected[i], backward.stateOf(1_000_000_000L + i), "pulse " + i);
        }
    }

    @Test
    void anotherSequenceGivesOtherStates() {
        PulseStates a = new PulseStates(DECOY, KEY);
        PulseStates b = new PulseStates(DECOY, KEY.withSequence(6));
        int same = 0;
        for (long i = 0; i < 1000; i++) {
            if (a.stateOf(i) == b.stateOf(i)) {
                same++;
            }
        }
        // Independent states coincide with probability sum_k p_k^2 * (0.9^2 + 0.1^2) * 1/2 ~ 0.27.
        assertTrue(same < 400, same + " of 1000 states coincide");
    }

    private static void assertFrequency(double p, long count, String what) {
        double sigma = Math.sqrt(p * (1 - p) / PULSES);
        assertEquals(p, count / (double) PULSES, 5 * sigma, what);
    }
}
