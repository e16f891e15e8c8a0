package org.qnetem.physics.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** REFERENCE §4.2 and oracles O1, O2 of §3.5. */
class DecoyBb84AsymptoticTest {

    private static final LinkBudget GYS = LinkBudget.gys2004();
    /** Ma et al.'s GYS evaluation: f = 1.22, q = ½, no credit for vacuum bits. */
    private static final DecoyBb84Asymptotic MA_2005 = new DecoyBb84Asymptotic(1.22, 0.5, false);
    private static final double ONE_PERCENT = 0.01;

    /** REFERENCE's GYS table [C], every row: μ_opt, R_inf, R_vac+weak (μ = 0.48, ν = 0.05), R_inf × 2 MHz. */
    @ParameterizedTest(name = "{0} km")
    @CsvSource({
        "0,   0.486, 2.555e-3, 2.414e-3, 5110",
        "20,  0.482, 9.625e-4, 9.078e-4, 1925",
        "40,  0.480, 3.631e-4, 3.421e-4, 726",
        "60,  0.479, 1.361e-4, 1.281e-4, 272",
        "80,  0.478, 4.990e-5, 4.685e-5, 99.8",
        "100, 0.475, 1.719e-5, 1.602e-5, 34.4",
        "120, 0.467, 4.819e-6, 4.369e-6, 9.6",
        "140, 0.434, 2.653e-7, 7.378e-8, 0.53",
    })
    void gysTable(double km, double optimalMu, double infinite, double vacuumWeak, double bitsPerSecond) {
        KeyRate best = MA_2005.infiniteDecoy(GYS.atKm(km));
        assertEquals(optimalMu, best.intensity(), 0.0015);
        assertRelative(infinite, best.secretBitsPerPulse(), ONE_PERCENT);
        assertRelative(vacuumWeak, MA_2005.vacuumWeakDecoy(GYS.atKm(km), 0.48, 0.05).secretBitsPerPulse(), ONE_PERCENT);
        // The table rounds to 3 significant figures (0.53 for 0.5306), hence 1 % here too.
        assertRelative(bitsPerSecond, best.secretBitsPerSecond(2e6), ONE_PERCENT);
    }

    /** O1: 142.2 km with infinitely many decoys. */
    @Test
    void gysMaximumDistanceInfiniteDecoy() {
        double km = GYS.kmAtLossDb(LossLimit.maxLossDb(db -> MA_2005.infiniteDecoy(GYS.atLossDb(db)).bound())
                .orElseThrow());
        assertRelative(142.2, km, ONE_PERCENT);
        assertEquals(142.2, km, 0.05);
    }

    /** O2: 140.6 km with a vacuum and a weak decoy, μ = 0.48, ν = 0.05. */
    @Test
    void gysMaximumDistanceVacuumWeakDecoy() {
        double km = GYS.kmAtLossDb(LossLimit.maxLossDb(db -> MA_2005.vacuumWeakDecoy(GYS.atLossDb(db), 0.48, 0.05)
                .bound()).orElseThrow());
        assertRelative(140.6, km, ONE_PERCENT);
        assertEquals(140.6, km, 0.05);
    }

    @Test
    void gainAndQberAreTheSignals() {
        GainModel link = GYS.atKm(40);
        KeyRate rate = MA_2005.vacuumWeakDecoy(link, 0.48, 0.05);
        assertEquals(link.gain(0.48), rate.gain(), 0);
        assertEquals(link.qber(0.48), rate.qber(), 0);
        assertEquals(0.48, rate.intensity(), 0);
    }

    /** Optimising μ at fixed ν finds at least what the published μ = 0.48 gives, and near it. */
    @Test
    void vacuumWeakDecoyWithTheBestSignal() {
        GainModel link = GYS.atKm(60);
        KeyRate best = MA_2005.vacuumWeakDecoy(link, 0.05);
        assertTrue(best.bound() >= MA_2005.vacuumWeakDecoy(link, 0.48, 0.05).bound());
        assertEquals(0.48, best.intensity(), 0.03);
    }

    /** REFERENCE §4.2 illustrative 1 GHz gated InGaAs set [C]: α 0.2, η_Bob 0.2, Y_0 2e-6, e_d 1 %, f 1.1, q 1. */
    @ParameterizedTest(name = "{0} km")
    @CsvSource({"0, 53e6", "10, 33e6", "50, 5.2e6", "100, 0.51e6", "150, 43e3"})
    void gatedInGaAsAtOneGigahertz(double km, double bitsPerSecond) {
        LinkBudget ingaas = new LinkBudget(0.2, 0, 0.20, 2e-6, 0.01, 0);
        KeyRate rate = new DecoyBb84Asymptotic(1.1, 1, false).infiniteDecoy(ingaas.atKm(km));
        assertRelative(bitsPerSecond, rate.secretBitsPerSecond(1e9), ONE_PERCENT);
    }

    @Test
    void gatedInGaAsHasNoKeyAt200KmWhereTheQberIsEightPercent() {
        LinkBudget ingaas = new LinkBudget(0.2, 0, 0.20, 2e-6, 0.01, 0);
        KeyRate rate = new DecoyBb84Asymptotic(1.1, 1, false).infiniteDecoy(ingaas.atKm(200));
        assertEquals(0, rate.secretBitsPerPulse(), 0);
        assertEquals(0.08, rate.qber(), 0.005);
    }

    /** REFERENCE §4.2 illustrative 1 GHz SNSPD set [C]: η_Bob 0.6, Y_0 1e-8, otherwise as the InGaAs set. */
    @ParameterizedTest(name = "{0} km")
    @CsvSource({"100, 1.56e6", "200, 15.5e3", "300, 115"})
    void snspdAtOneGigahertz(double km, double bitsPerSecond) {
        LinkBudget snspd = new LinkBudget(0.2, 0, 0.6, 1e-8, 0.01, 0);
        KeyRate rate = new DecoyBb84Asymptotic(1.1, 1, false).infiniteDecoy(snspd.atKm(km));
        assertRelative(bitsPerSecond, rate.secretBitsPerSecond(1e9), ONE_PERCENT);
    }

    /**
     * The "asymptotic (same detector model)" column of REFERENCE §4.3 is infinite decoy with Lim et al.'s
     * afterpulsing detector, f = 1.16, q = 1 and the vacuum bits credited (Lim's ℓ counts s_{X,0}).
     */
    @ParameterizedTest(name = "{0} km")
    @CsvSource({"0, 1.72e-2", "50, 1.68e-3", "100, 1.64e-4", "150, 1.31e-5"})
    void limDetectorAsymptote(double km, double bitsPerPulse) {
        KeyRate rate = new DecoyBb84Asymptotic(1.16, 1, true).infiniteDecoy(LinkBudget.lim2014().atKm(km));
        assertRelative(bitsPerPulse, rate.secretBitsPerPulse(), ONE_PERCENT);
    }

    /** Crediting vacuum bits adds exactly q Y_0 e^(−μ). */
    @Test
    void vacuumCreditIsTheVacuumGain() {
        GainModel link = LinkBudget.lim2014().atKm(150);
        double without = new DecoyBb84Asymptotic(1.16, 0.5, false).infiniteDecoy(link, 0.5).bound();
        double with = new DecoyBb84Asymptotic(1.16, 0.5, true).infiniteDecoy(link, 0.5).bound();
        assertEquals(0.5 * link.gain(0) * Math.exp(-0.5), with - without, 1e-20);
    }

    @Test
    void refusesBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new DecoyBb84Asymptotic(0.9, 0.5, false));
        assertThrows(IllegalArgumentException.class, () -> new DecoyBb84Asymptotic(1.2, 0, false));
        assertThrows(IllegalArgumentException.class, () -> MA_2005.vacuumWeakDecoy(GYS.atKm(0), 0.05, 0.05));
        assertThrows(IllegalArgumentException.class, () -> MA_2005.infiniteDecoy(GYS.atKm(0), 0));
    }

    static void assertRelative(double expected, double actual, double tolerance) {
        assertTrue(Math.abs(actual - expected) <= tolerance * Math.abs(expected),
                () -> "expected " + expected + " within " + tolerance * 100 + " %, got " + actual);
    }
}
