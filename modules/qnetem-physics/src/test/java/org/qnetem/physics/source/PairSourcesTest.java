package org.qnetem.physics.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PairSourcesTest {

    @Test
    void pulsedPairNumbersAreTwoThermalModesOfHalfTheMean() {
        EntangledPairSource source = new EntangledPairSource(1e8, 0.3, 0.98);
        double lambda = 0.15;
        assertEquals(lambda, source.meanPairsPerMode());
        double total = 0;
        double mean = 0;
        double secondMoment = 0;
        for (int n = 0; n < 200; n++) {
            double p = source.pairNumberProbability(n);
            total += p;
            mean += n * p;
            secondMoment += (double) n * n * p;
        }
        assertEquals(1, total, 1e-12);
        assertEquals(0.3, mean, 1e-12);
        assertEquals(2 * lambda * (1 + lambda), secondMoment - mean * mean, 1e-12);
        // The convolution of two single-mode thermal laws of mean λ, term by term.
        for (int n = 0; n < 6; n++) {
            double convolution = 0;
            for (int k = 0; k <= n; k++) {
                convolution += thermal(lambda, k) * thermal(lambda, n - k);
            }
            assertEquals(convolution, source.pairNumberProbability(n), 1e-15);
        }
    }

    @Test
    void aDarkSourceEmitsNoPairs() {
        EntangledPairSource dark = new EntangledPairSource(1e8, 0, 1);
        assertEquals(1, dark.pairNumberProbability(0));
        assertEquals(0, dark.pairNumberProbability(1));
        assertThrows(IllegalArgumentException.class, () -> dark.pairNumberProbability(-1));
    }

    @Test
    void visibilitySetsThePolarisationError() {
        assertEquals(0.01, new EntangledPairSource(1e8, 0.1, 0.98).polarisationError(), 1e-15);
        assertEquals(0.01, new ContinuousPairSource(1e7, 500, 100, 0.98).polarisationError(), 1e-15);
    }

    @Test
    void continuousSourcesAreCutIntoCoincidenceWindows() {
        ContinuousPairSource source = new ContinuousPairSource(1e7, 500, 100, 0.98);
        assertEquals(2e9, source.clockHz());
        assertEquals(5e-3, source.meanPairsPerWindow(), 1e-18);
    }

    @Test
    void coincidenceWindowEfficiencyIsErfOfRootLn2WindowOverJitter() {
        double rootLn2 = Math.sqrt(Math.log(2));
        // Window = jitter / √ln2 puts the argument of erf at 1.
        ContinuousPairSource atOne = new ContinuousPairSource(1e7, 1000, 1000 * rootLn2, 1);
        assertEquals(0.8427007929497149, atOne.coincidenceWindowEfficiency(), 1e-14);
        // A window equal to the jitter FWHM holds the central ±FWHM/2: erf(√ln2) ≈ 0.7610.
        ContinuousPairSource windowIsJitter = new ContinuousPairSource(1e7, 100, 100, 1);
        assertEquals(0.760968108550488, windowIsJitter.coincidenceWindowEfficiency(), 1e-12);
        assertEquals(1, new ContinuousPairSource(1e7, 100, 0, 1).coincidenceWindowEfficiency());
        // REFERENCE §4.5b example: t_CC = 0.5 ns, t_Δ = 0.1 ns: erf(4.163) = 1 − 3.9e-9.
        assertEquals(1 - 3.93e-9, new ContinuousPairSource(1e7, 500, 100, 0.98).coincidenceWindowEfficiency(), 1e-11);
    }

    @Test
    void erfMatchesTabulatedValues() {
        assertEquals(0, ContinuousPairSource.erf(0));
        assertEquals(0.1124629160182849, ContinuousPairSource.erf(0.1), 1e-16);
        assertEquals(0.5204998778130465, ContinuousPairSource.erf(0.5), 1e-15);
        assertEquals(0.9953222650189527, ContinuousPairSource.erf(2), 1e-15);
        assertEquals(0.9999999845827421, ContinuousPairSource.erf(4), 1e-15);
        assertEquals(1 - 1.5374368445009168e-12, ContinuousPairSource.erf(5), 1e-15);
        assertEquals(1, ContinuousPairSource.erf(7));
    }

    @Test
    void badContinuousSourcesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ContinuousPairSource(-1, 500, 100, 1));
        assertThrows(IllegalArgumentException.class, () -> new ContinuousPairSource(1e7, 0, 100, 1));
        assertThrows(IllegalArgumentException.class, () -> new ContinuousPairSource(1e7, 500, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ContinuousPairSource(1e7, 500, 100, 1.01));
    }

    private static double thermal(double mean, int n) {
        return Math.pow(mean, n) / Math.pow(1 + mean, n + 1);
    }
}
