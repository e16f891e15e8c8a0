package org.qnetem.physics.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qnetem.physics.model.DecoyBb84AsymptoticTest.assertRelative;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * REFERENCE §4.5b [C]: B = 1e7 pairs/s, η = 0.5 (coupling) × 0.8 (SNSPD) per side, 100 dark counts/s,
 * t_CC 0.5 ns, t_Δ 0.1 ns, V 0.98. REFERENCE does not state f; the published SKRs need f = 1.1, the
 * value it lists for the Neumann-model code (§4.7); f = 1.22 would give 6.32e5 at 0 dB.
 */
class Bbm92ContinuousTest {

    private static final Bbm92Continuous MODEL = new Bbm92Continuous(1.1, 0.5);

    private static Bbm92Continuous.CwPairLink link(double brightness, double totalLossDb) {
        return Bbm92Continuous.CwPairLink.sourceInTheMiddle(brightness, totalLossDb, 0.5 * 0.8, 100, 0.5e-9,
                0.1e-9, 0.98);
    }

    @ParameterizedTest(name = "{0} dB")
    @CsvSource({"0, 6.4e5", "10, 6.4e4", "20, 6.4e3", "30, 6.4e2", "40, 64"})
    void referenceExample(double totalLossDb, double bitsPerSecond) {
        Bbm92Continuous.Rate rate = MODEL.rate(link(1e7, totalLossDb));
        assertEquals(0.0124, rate.qber(), 0.00005);
        assertRelative(bitsPerSecond, rate.secretBitsPerSecond(), 0.01);
    }

    /**
     * At 0 dB by hand: singles 4e6 + 100 each side, accidentals (4.0001e6)² × 5e-10 = 8000.4/s,
     * true 1.6e6 × erf(5 √ln2) = 1.6e6 × (1 − 2.2e-9)/s.
     */
    @Test
    void coincidencesByHand() {
        Bbm92Continuous.Rate rate = MODEL.rate(link(1e7, 0));
        assertEquals(4.0001e6 * 4.0001e6 * 0.5e-9, rate.accidentalCoincidencesHz(), 1e-6);
        assertEquals(1.6e6, rate.trueCoincidencesHz(), 0.01);
        double expectedQber = (rate.trueCoincidencesHz() * 0.01 + rate.accidentalCoincidencesHz() / 2)
                / rate.coincidencesHz();
        assertEquals(expectedQber, rate.qber(), 1e-15);
    }

    /** Accidentals grow as B², true coincidences as B: too bright a source drowns its own key. */
    @Test
    void brightnessHasAnOptimum() {
        double at1e7 = MODEL.rate(link(1e7, 30)).secretBitsPerSecond();
        double at1e8 = MODEL.rate(link(1e8, 30)).secretBitsPerSecond();
        Bbm92Continuous.Rate at1e9 = MODEL.rate(link(1e9, 30));
        assertTrue(at1e8 > 5 * at1e7, at1e8 + " vs " + at1e7);
        assertEquals(0.17, at1e9.qber(), 0.01);
        assertEquals(0, at1e9.secretBitsPerSecond(), 0);
    }

    /** A window as wide as the timing spread catches erf(√ln 2) = 76.1 % of the true pairs. */
    @Test
    void narrowWindowLosesTruePairs() {
        Bbm92Continuous.CwPairLink narrow = new Bbm92Continuous.CwPairLink(1e6, 0.5, 0.5, 0, 0, 1e-10, 1e-10, 1);
        assertEquals(1e6 * 0.25 * 0.7609681085504878, MODEL.rate(narrow).trueCoincidencesHz(), 1e-3);
    }
}
