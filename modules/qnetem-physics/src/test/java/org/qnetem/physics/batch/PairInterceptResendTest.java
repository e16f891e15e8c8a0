package org.qnetem.physics.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.detector.ThresholdDetector;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.physics.source.ContinuousPairSource;

/**
 * Intercept-resend on BBM92 legs: the sampled QBER rises as the pair model says (f(1/4 - e/2) for one leg and
 * unbiased bases), the clicks stay the honest ones, and the closed form the statistical model uses agrees.
 * Tolerances are four standard errors of the sampled rates.
 */
class PairInterceptResendTest {

    private static final Receiver UNBIASED = new Receiver(1.0, ThresholdDetector.gated(0.5, 5e-7), 0, 0.5);
    /** A CW source in the middle of a 6 dB link, active unbiased receivers. */
    private static final Bbm92Scenario LINK = new Bbm92Scenario(new ContinuousPairSource(2e7, 500, 400, 0.98),
            Bbm92Scenario.arm(3, UNBIASED, Bbm92Arm.BasisChoice.ACTIVE),
            Bbm92Scenario.arm(3, UNBIASED, Bbm92Arm.BasisChoice.ACTIVE));
    private static final int BATCHES = 20;
    private static final long WINDOWS = 5_000_000;

    private record Totals(long matched, long errors, long eveKnown) {
    }

    private static Totals run(PairInterceptResend attack) {
        long matched = 0;
        long errors = 0;
        long known = 0;
        for (int s = 0; s < BATCHES; s++) {
            PairSample honest = LINK.sample(s, WINDOWS);
            PairInterceptResend.Attacked attacked = attack.apply(honest, 0.5, 0.5,
                    new RandomStream(new StreamKey(1, "A-B", "intercept-resend", s)));
            assertArrayEquals(honest.alice().pulseIndices(), attacked.sample().alice().pulseIndices());
            assertArrayEquals(honest.bob().pulseIndices(), attacked.sample().bob().pulseIndices());
            assertEquals(honest.truth().matchedBasis(), attacked.sample().truth().matchedBasis());
            matched += attacked.sample().truth().matchedBasis();
            errors += attacked.sample().truth().matchedBasisErrors();
            known += attacked.eveKnownMatched();
        }
        return new Totals(matched, errors, known);
    }

    private static void assertRate(double expected, long count, long of, String what) {
        double measured = count / (double) of;
        double stderr = Math.sqrt(expected * (1 - expected) / of);
        assertEquals(expected, measured, 4 * stderr, what + ": " + count + " of " + of);
    }

    @Test
    void oneAttackedLegAddsTheTextbookErrorRate() {
        double honestQber = LINK.expectation().qber();
        PairInterceptResend attack = new PairInterceptResend(0.5, false, true);
        Totals totals = run(attack);
        assertTrue(totals.matched() > 20_000, "enough sifted bits: " + totals.matched());
        double expected = honestQber + 0.5 * (0.25 - honestQber / 2);
        assertRate(expected, totals.errors(), totals.matched(), "QBER");
        assertEquals(expected, attack.matchedErrorProbability(LINK.expectation(), 0.5, 0.5)
                / LINK.expectation().matchedBasisProbability(), 1e-12, "closed form");
        assertRate(0.25, totals.eveKnown(), totals.matched(), "Eve measured in the sifted basis");
        assertEquals(0.25, attack.eveKnownShare(0.5, 0.5), 1e-12);
    }

    @Test
    void bothLegsAttackedWholly() {
        PairInterceptResend attack = new PairInterceptResend(1, true, true);
        Totals totals = run(attack);
        double honestQber = LINK.expectation().qber();
        double expected = 0.5 - (0.5 - honestQber) * 0.25;
        assertRate(expected, totals.errors(), totals.matched(), "QBER");
        assertEquals(expected, attack.matchedErrorProbability(LINK.expectation(), 0.5, 0.5)
                / LINK.expectation().matchedBasisProbability(), 1e-12);
        assertRate(0.75, totals.eveKnown(), totals.matched(), "Eve's share");
    }

    @Test
    void theSameStreamGivesTheSameAttack() {
        PairSample honest = LINK.sample(3, WINDOWS);
        PairInterceptResend attack = new PairInterceptResend(0.3, true, true);
        StreamKey key = new StreamKey(1, "A-B", "intercept-resend", 3);
        assertEquals(attack.apply(honest, 0.5, 0.5, new RandomStream(key)),
                attack.apply(honest, 0.5, 0.5, new RandomStream(key)));
    }
}
