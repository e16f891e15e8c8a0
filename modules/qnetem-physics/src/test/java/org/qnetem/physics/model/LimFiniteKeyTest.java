package org.qnetem.physics.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Lim et al.'s bound on observed counts (REFERENCE §4.3, eqs. 1–5). Expected values come from an
 * independent Python transcription of the equations, step by step.
 */
class LimFiniteKeyTest {

    private static final LimFiniteKey SECURITY = LimFiniteKey.referenceSecurity();

    /**
     * A noisy block where every term is non-trivial: μ = (0.5, 0.1, 0), p = (0.5, 0.25, 0.25),
     * n_X = (5.4e6, 7e5, 2e5), n_Z = (1.35e6, 1.75e5, 5e4), m_Z = (62500, 26250, 25000), λ_EC = 2.73e6.
     * τ_0 = 0.7794746844, τ_1 = 0.1742536004, s_{X,0} = 595325.03, s_{X,1} = 3344093.63,
     * s_{Z,1} = 793029.44, v_{Z,1} = 45822.90, v/s = 0.0577821, φ_X = 0.0604965, ℓ = ⌊107555.01⌋.
     */
    @Test
    void everyTermOfANoisyBlock() {
        DecoyIntensities settings = settings(0.5, 0.1, 0.0, 0.5, 0.25, 0.25);
        DecoyCounts counts = DecoyCounts.observed(new long[] {5_400_000, 700_000, 200_000},
                new long[] {1_350_000, 175_000, 50_000}, new long[] {62_500, 26_250, 25_000});
        assertEquals(0.7794746843653066, settings.photonNumberProbability(0), 1e-15);
        assertEquals(0.17425360037905735, settings.photonNumberProbability(1), 1e-15);
        FiniteKeyBound bound = SECURITY.secretKeyLength(settings, counts, 2_730_000);
        assertEquals(595325.0339548349, bound.vacuumEventsX(), 1e-6);
        assertEquals(3344093.631932498, bound.singlePhotonEventsX(), 1e-5);
        assertEquals(793029.4397184188, bound.singlePhotonEventsZ(), 1e-5);
        assertEquals(45822.89742204664, bound.singlePhotonErrorsZ(), 1e-6);
        assertEquals(0.0604965197059626, bound.phaseErrorRate(), 1e-12);
        assertEquals(107555.01469814096, bound.lengthBound(), 1e-4);
        assertEquals(107555, bound.secretKeyLength());
    }

    /**
     * A Lim-detector block at 25 km, μ = (0.5, 0.1, 2e-4), p = (0.6, 0.3, 0.1), q_x = 0.7, n_X ≈ 1e8:
     * the weakest class is too small for its Hoeffding margin, so s_{X,0} falls to the trivial 0.
     * s_{X,1} = 60623553.98, s_{Z,1} = 10815270.78, v_{Z,1} = 380122.34, φ_X = 0.0356979,
     * ℓ = ⌊28152298.87⌋ with λ_EC = 1.9e7.
     */
    @Test
    void aLowNoiseBlockWithNoProvableVacuumEvents() {
        DecoyIntensities settings = settings(0.5, 0.1, 2e-4, 0.6, 0.3, 0.1);
        DecoyCounts counts = DecoyCounts.observed(new long[] {90_847_650, 9_145_088, 7_262},
                new long[] {16_686_303, 1_679_710, 1_334}, new long[] {401_721, 40_681, 133});
        FiniteKeyBound bound = SECURITY.secretKeyLength(settings, counts, 19_000_000);
        assertEquals(0, bound.vacuumEventsX(), 0);
        assertEquals(60623553.9811896, bound.singlePhotonEventsX(), 1e-4);
        assertEquals(10815270.775653433, bound.singlePhotonEventsZ(), 1e-4);
        assertEquals(380122.34428119956, bound.singlePhotonErrorsZ(), 1e-5);
        assertEquals(0.03569792026372523, bound.phaseErrorRate(), 1e-12);
        assertEquals(28152298, bound.secretKeyLength());
    }

    /** Every bit error correction leaks comes off the key, one for one. */
    @Test
    void leakedBitsComeOffTheKey() {
        DecoyIntensities settings = settings(0.5, 0.1, 2e-4, 0.6, 0.3, 0.1);
        DecoyCounts counts = DecoyCounts.observed(new long[] {90_847_650, 9_145_088, 7_262},
                new long[] {16_686_303, 1_679_710, 1_334}, new long[] {401_721, 40_681, 133});
        double less = SECURITY.secretKeyLength(settings, counts, 19_000_000).lengthBound();
        double more = SECURITY.secretKeyLength(settings, counts, 19_001_000).lengthBound();
        assertEquals(1000, less - more, 1e-6);
    }

    /** Each of the security terms 6 log₂(21/ε_sec) + log₂(2/ε_cor) costs bits; weaker security, more key. */
    @Test
    void securityParametersCostBits() {
        DecoyIntensities settings = settings(0.5, 0.1, 2e-4, 0.6, 0.3, 0.1);
        DecoyCounts counts = DecoyCounts.observed(new long[] {90_847_650, 9_145_088, 7_262},
                new long[] {16_686_303, 1_679_710, 1_334}, new long[] {401_721, 40_681, 133});
        double strict = SECURITY.secretKeyLength(settings, counts, 19_000_000).lengthBound();
        double lessCorrect = new LimFiniteKey(1e-10, 1e-5).secretKeyLength(settings, counts, 19_000_000).lengthBound();
        assertEquals(Math.log(1e10) / Math.log(2), lessCorrect - strict, 1e-6);
        double lessSecret = new LimFiniteKey(1e-6, 1e-15).secretKeyLength(settings, counts, 19_000_000).lengthBound();
        assertTrue(lessSecret > lessCorrect, "eps_sec enters the Hoeffding margins as well as the 6 log term");
    }

    @Test
    void moreTestBasisErrorsMeanAShorterKey() {
        DecoyIntensities settings = settings(0.5, 0.1, 2e-4, 0.6, 0.3, 0.1);
        long[] x = {90_847_650, 9_145_088, 7_262};
        long[] z = {16_686_303, 1_679_710, 1_334};
        FiniteKeyBound clean = SECURITY.secretKeyLength(settings,
                DecoyCounts.observed(x, z, new long[] {401_721, 40_681, 133}), 19_000_000);
        FiniteKeyBound noisy = SECURITY.secretKeyLength(settings,
                DecoyCounts.observed(x, z, new long[] {401_721, 60_000, 133}), 19_000_000);
        assertTrue(noisy.phaseErrorRate() > clean.phaseErrorRate());
        assertTrue(noisy.secretKeyLength() < clean.secretKeyLength());
    }

    /** Too few detections to prove any single photon: no key, and the bound says so without failing. */
    @Test
    void aTinyBlockGivesNoKey() {
        FiniteKeyBound bound = SECURITY.secretKeyLength(settings(0.5, 0.1, 2e-4, 0.6, 0.3, 0.1),
                DecoyCounts.observed(new long[] {900, 90, 1}, new long[] {100, 10, 0}, new long[] {2, 1, 0}), 100);
        assertEquals(0, bound.singlePhotonEventsZ(), 0);
        assertEquals(0.5, bound.phaseErrorRate(), 0);
        assertTrue(bound.lengthBound() < 0);
        assertEquals(0, bound.secretKeyLength());
    }

    @Test
    void refusesInconsistentInput() {
        assertThrows(IllegalArgumentException.class, () -> settings(0.1, 0.1, 0, 0.5, 0.25, 0.25));
        assertThrows(IllegalArgumentException.class, () -> settings(0.5, 0.3, 0.25, 0.5, 0.25, 0.25));
        assertThrows(IllegalArgumentException.class, () -> settings(0.5, 0.1, 0, 0.5, 0.25, 0.3));
        assertThrows(IllegalArgumentException.class, () -> DecoyCounts.observed(new long[] {1, 1, 1},
                new long[] {1, 1, 1}, new long[] {2, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> DecoyCounts.observed(new long[] {1, 1},
                new long[] {1, 1, 1}, new long[] {0, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> new LimFiniteKey(0, 1e-15));
    }

    static DecoyIntensities settings(double mu1, double mu2, double mu3, double p1, double p2, double p3) {
        return new DecoyIntensities(new PerIntensity(mu1, mu2, mu3), new PerIntensity(p1, p2, p3));
    }
}
