package org.qnetem.physics.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qnetem.physics.model.DecoyBb84AsymptoticTest.assertRelative;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * REFERENCE §4.3's finite-key table [C] and oracles O3, O4: Lim et al.'s InGaAs set (η_Bob 10 %, p_dc
 * 6e-7, p_ap 4 %, e_mis 0.5 %, α 0.2 dB/km, f 1.16, μ_3 = 2e-4), ε_sec = 1e-10, ε_cor = 1e-15.
 */
class FiniteKeyOptimiserTest {

    private static final LinkBudget LIM = LinkBudget.lim2014();
    private static final FiniteKeyOptimiser OPTIMISER = optimiser(LimFiniteKey.referenceSecurity());
    private static final double FIVE_PERCENT = 0.05;

    /**
     * Every cell reproduces to better than 0.5 %. The two cells where key is about to vanish (150 km at
     * 1e5, 175 km at 1e7) only do so with q_x ≥ ½ ({@link FiniteKeyOptimiser#MIN_BASIS_BIAS}): the
     * optimum there sits on that edge, and with q_x free it would be 1.43e-7 and 3.04e-8, 11 % and 9 %
     * above the table.
     */
    @ParameterizedTest(name = "{0} km, n_X = {1}")
    @CsvSource({
        "0,   1e5, 1.35e-3", "0,   1e7, 5.23e-3", "0,   1e9, 8.94e-3",
        "50,  1e5, 1.27e-4", "50,  1e7, 5.02e-4", "50,  1e9, 8.64e-4",
        "100, 1e5, 1.08e-5", "100, 1e7, 4.65e-5", "100, 1e9, 8.28e-5",
        "150, 1e5, 1.29e-7", "150, 1e7, 2.56e-6", "150, 1e9, 5.65e-6",
        "175, 1e7, 2.78e-8", "175, 1e9, 4.10e-7",
    })
    void limTable(double km, double blockBits, double bitsPerPulse) {
        FiniteKeyOptimiser.Optimum optimum = OPTIMISER.optimise(LIM.atKm(km), blockBits);
        assertRelative(bitsPerPulse, optimum.rate().secretBitsPerPulse(), FIVE_PERCENT);
        assertEquals(blockBits, optimum.rate().counts().xDetections().total(), blockBits * 1e-12);
    }

    @Test
    void noKeyAt175KmFromBlocksOf1e5() {
        FiniteKeyOptimiser.Optimum optimum = OPTIMISER.optimise(LIM.atKm(175), 1e5);
        assertEquals(0, optimum.rate().bound().secretKeyLength());
        assertEquals(0, optimum.rate().secretBitsPerPulse(), 0);
    }

    /** O3: R(n_X = 1e9) / R(1e7) at 100 km is 1.78 by REFERENCE's script, ≈ 1.75 in the paper. */
    @Test
    void blockSizeRatioAt100Km() {
        double large = OPTIMISER.optimise(LIM.atKm(100), 1e9).rate().secretBitsPerPulse();
        double small = OPTIMISER.optimise(LIM.atKm(100), 1e7).rate().secretBitsPerPulse();
        assertEquals(1.78, large / small, 0.01);
    }

    /**
     * O4: how far blocks of n_X = 1e4 still give key. The paper says 135 km with its ε_sec = κℓ;
     * REFERENCE's script says about 125 km at ε_sec = 1e-6, which this reproduces (125.6 km), and about
     * 112 km at ε_sec = 1e-10, which it does not: the optimiser finds 4.2e-8 bit/pulse at 115 km (333 and
     * 54 bits per block at 110 and 115 km, q_x = ½, μ = 0.50/0.093, p_1 ≈ 0.03) and the limit at 115.9 km.
     * An independent Python evaluation of the same formulas agrees with those rates, so 112 km looks
     * like the script's coarser search.
     */
    @Test
    void smallestBlocksStillMakeKeyBeyond110Km() {
        assertRelative(125, maxKm(new LimFiniteKey(1e-6, 1e-15), 1e4), 0.01);
        assertEquals(115.9, maxKm(LimFiniteKey.referenceSecurity(), 1e4), 0.2);
    }

    @Test
    void optimumRespectsTheProtocolsConstraints() {
        FiniteKeyOptimiser.Optimum optimum = OPTIMISER.optimise(LIM.atKm(50), 1e7);
        DecoyIntensities settings = optimum.settings();
        assertEquals(2e-4, settings.intensities().k3(), 0);
        assertTrue(optimum.basisBiasX() >= 0.5 && optimum.basisBiasX() < 1);
        assertTrue(settings.intensities().k1() > settings.intensities().k2() + settings.intensities().k3());
        // Bigger blocks afford more key-basis pulses: q_x rises towards 1 with n_X.
        assertTrue(OPTIMISER.optimise(LIM.atKm(50), 1e9).basisBiasX() > optimum.basisBiasX());
    }

    @Test
    void sameLinkSameAnswer() {
        FiniteKeyOptimiser.Optimum first = OPTIMISER.optimise(LIM.atKm(80), 1e6);
        FiniteKeyOptimiser.Optimum second = optimiser(LimFiniteKey.referenceSecurity()).optimise(LIM.atKm(80), 1e6);
        assertEquals(first, second);
    }

    private static double maxKm(LimFiniteKey security, double blockBits) {
        FiniteKeyOptimiser optimiser = optimiser(security);
        return LIM.kmAtLossDb(LossLimit.maxLossDb(db -> optimiser.optimise(LIM.atLossDb(db), blockBits).rate()
                .boundPerPulse()).orElseThrow());
    }

    private static FiniteKeyOptimiser optimiser(LimFiniteKey security) {
        return new FiniteKeyOptimiser(new DecoyBb84FiniteKey(security, 1.16), 2e-4);
    }
}
