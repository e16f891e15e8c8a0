package org.qnetem.physics.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.qnetem.physics.random.StreamKey;

/** Frequencies within 4 binomial standard errors, at a fixed seed. */
class EveChoicesTest {

    private static final StreamKey KEY = new StreamKey(9, "A-B", "channel/eve", 3);
    private static final int PULSES = 400_000;

    @Test
    void sheActsOnTheFractionAskedAndPicksHerBasisWithItsBias() {
        EveChoices eve = new EveChoices(KEY, 0.3, 0.8);
        long[] actions = new long[PulseKinds.ACTIONS];
        long ones = 0;
        for (long i = 0; i < PULSES; i++) {
            int choice = eve.choiceAt(i, true);
            actions[EveChoices.action(choice)]++;
            ones += EveChoices.randomBit(choice);
        }
        assertFrequency(0.7, actions[PulseKinds.PASS], "pass");
        assertFrequency(0.3 * 0.8, actions[PulseKinds.SAME_BASIS], "Eve in X like Alice");
        assertFrequency(0.5, ones, "random bit");
    }

    @Test
    void herChoiceOfAPulseDoesNotDependOnWhenItIsAsked() {
        EveChoices forward = new EveChoices(KEY, 0.5, 0.5);
        EveChoices backward = new EveChoices(KEY, 0.5, 0.5);
        int[] expected = new int[1000];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = forward.choiceAt(5_000_000_000L + i, i % 2 == 0);
        }
        for (int i = expected.length - 1; i >= 0; i--) {
            assertEquals(expected[i], backward.choiceAt(5_000_000_000L + i, i % 2 == 0));
        }
    }

    @Test
    void aliceBasisOnlyRenamesTheAction() {
        EveChoices eve = new EveChoices(KEY, 1, 0.5);
        for (long i = 0; i < 1000; i++) {
            int x = EveChoices.action(eve.choiceAt(i, true));
            int z = EveChoices.action(eve.choiceAt(i, false));
            assertEquals(PulseKinds.SAME_BASIS + PulseKinds.CONJUGATE_BASIS, x + z);
        }
    }

    private static void assertFrequency(double p, long count, String what) {
        assertEquals(p, count / (double) PULSES, 4 * Math.sqrt(p * (1 - p) / PULSES), what);
    }
}
