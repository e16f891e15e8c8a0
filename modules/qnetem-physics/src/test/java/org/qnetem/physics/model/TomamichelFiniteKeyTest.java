package org.qnetem.physics.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Tomamichel et al.'s BBM92 key length (REFERENCE §4.4). */
class TomamichelFiniteKeyTest {

    private static final TomamichelFiniteKey SECURITY = TomamichelFiniteKey.referenceSecurity();

    /**
     * n = 10⁶, k = 10⁵, 2000 test errors, 160000 leaked bits, by hand (Python):
     * μ = √(1.1e6/1e11 · 1.00001 · ln 2e10) = 0.0161527579, h(0.0361527579) = 0.2243657055,
     * log₂(2/(1e-20 · 1e-15)) = 117.2674833, ℓ = ⌊10⁶ · 0.7756342945 − 160000 − 117.27⌋ = ⌊615517.027⌋.
     */
    @Test
    void handComputedBlock() {
        TomamichelFiniteKey.Bound bound = SECURITY.secretKeyLength(1_000_000, 100_000, 2_000, 160_000);
        assertEquals(0.01615275791638371, bound.statisticalDeviation(), 1e-15);
        assertEquals(0.02, bound.toleratedErrorRate(), 0);
        assertEquals(117.26748332105768, bound.securityCost(), 1e-12);
        assertEquals(615517.0270582187, bound.lengthBound(), 1e-6);
        assertEquals(615517, bound.secretKeyLength());
    }

    /** More key bits at the same test sample and error rate, leak growing with them: never less key. */
    @Test
    void lengthGrowsWithTheBlock() {
        long previous = 0;
        for (long n = 10_000; n <= 10_000_000_000L; n *= 2) {
            long length = SECURITY.secretKeyLength(n, 200_000, 4_000, 1.1 * n * BinaryEntropy.of(0.02))
                    .secretKeyLength();
            assertTrue(length >= previous, n + " key bits gave " + length + " < " + previous);
            previous = length;
        }
        assertTrue(previous > 0);
    }

    @Test
    void noKeyAtHighErrorRates() {
        // 12 %: even error correction at the Shannon limit, n h(Q), leaks more than 1 − h(Q + μ) leaves.
        assertEquals(0, SECURITY.secretKeyLength(1_000_000, 100_000, 12_000, 1e6 * BinaryEntropy.of(0.12))
                .secretKeyLength());
        TomamichelFiniteKey.Bound beyondHalf = SECURITY.secretKeyLength(1_000_000, 100_000, 60_000, 0);
        assertEquals(0, beyondHalf.secretKeyLength());
        assertEquals(-beyondHalf.securityCost(), beyondHalf.lengthBound(), 1e-9, "h saturates at 1");
    }

    /** μ → 0 as n, k → ∞, so ℓ/n → 1 − h(Q) − leak/n. */
    @Test
    void approachesTheAsymptoticRate() {
        long n = 1_000_000_000_000L;
        double q = 0.03;
        double leak = 1.1 * n * BinaryEntropy.of(q);
        TomamichelFiniteKey.Bound bound = SECURITY.secretKeyLength(n, n, (long) (q * n), leak);
        double asymptotic = n * (1 - BinaryEntropy.of(q)) - leak;
        assertTrue(bound.statisticalDeviation() < 1e-5);
        assertTrue(bound.secretKeyLength() < asymptotic);
        assertEquals(1, bound.secretKeyLength() / asymptotic, 1e-3);
    }

    @Test
    void nothingTestedOrNothingToKeepGivesNoKey() {
        assertEquals(0, SECURITY.secretKeyLength(1_000_000, 0, 0, 0).secretKeyLength());
        assertEquals(0, SECURITY.secretKeyLength(0, 1_000, 0, 0).secretKeyLength());
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> SECURITY.secretKeyLength(100, 10, 11, 0));
        assertThrows(IllegalArgumentException.class, () -> SECURITY.secretKeyLength(-1, 10, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> SECURITY.secretKeyLength(100, 10, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> new TomamichelFiniteKey(0, 1e-15));
    }
}
