package org.qnetem.physics.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BinomialSamplerTest {

    private static final int DRAWS = 20_000;

    /** Mean and variance within 5 standard errors, in the exact regime, the normal one, and p > 1/2. */
    @ParameterizedTest
    @CsvSource({"10, 0.3", "1000, 0.001", "100000000, 1e-7", "1000000, 0.01", "10000000, 0.3", "200, 0.9",
        "1000000, 0.999"})
    void meanAndVarianceMatchTheBinomial(long n, double p) {
        RandomStream stream = new RandomStream(new StreamKey(7, "test", "binomial", n));
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < DRAWS; i++) {
            long k = BinomialSampler.binomial(stream, n, p);
            assertTrue(k >= 0 && k <= n, "draw " + k + " out of [0, " + n + "]");
            sum += k;
            sumSquares += (double) k * k;
        }
        double mean = sum / DRAWS;
        double variance = sumSquares / DRAWS - mean * mean;
        double expectedVariance = n * p * (1 - p);
        assertEquals(n * p, mean, 5 * Math.sqrt(expectedVariance / DRAWS), "mean");
        // The sample variance's standard error is about variance * sqrt(2 / DRAWS) (near-normal counts).
        assertEquals(expectedVariance, variance, 5 * expectedVariance * Math.sqrt(2.0 / DRAWS) + 0.05, "variance");
    }

    @Test
    void edgeCasesAndDeterminism() {
        RandomStream stream = new RandomStream(new StreamKey(1, "t", "b", 0));
        assertEquals(0, BinomialSampler.binomial(stream, 0, 0.5));
        assertEquals(0, BinomialSampler.binomial(stream, 100, 0));
        assertEquals(100, BinomialSampler.binomial(stream, 100, 1));
        assertThrows(IllegalArgumentException.class, () -> BinomialSampler.binomial(stream, -1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> BinomialSampler.binomial(stream, 1, Double.NaN));
        RandomStream one = new RandomStream(new StreamKey(3, "link", "statistical", 9));
        RandomStream two = new RandomStream(new StreamKey(3, "link", "statistical", 9));
        for (int i = 0; i < 100; i++) {
            assertEquals(BinomialSampler.binomial(one, 1_000_000 + i, 0.02),
                    BinomialSampler.binomial(two, 1_000_000 + i, 0.02));
        }
    }
}
