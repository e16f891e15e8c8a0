package org.qnetem.physics.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The ziggurat's variates against the exponential law, at fixed seeds: moments within 4 standard
 * errors; a chi-square over 40 equiprobable bins below its 10^-4 quantile; and the two rare paths,
 * the wedges and the tail beyond the base edge r ≈ 7.7, each holding the mass they should.
 */
class ExponentialZigguratTest {

    private static final int SAMPLES = 2_000_000;

    @Test
    void meanAndVarianceAreOne() {
        RandomStream stream = new RandomStream(new StreamKey(1, "zig", "moments", 0));
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < SAMPLES; i++) {
            double x = ExponentialZiggurat.next(stream);
            assertTrue(x >= 0);
            sum += x;
            squares += x * x;
        }
        double mean = sum / SAMPLES;
        // Var(E) = 1, Var(E²) = E[E^4] − 4 = 24 − 4 = 20.
        assertEquals(1, mean, 4 / Math.sqrt(SAMPLES), "mean");
        assertEquals(2, squares / SAMPLES, 4 * Math.sqrt(20.0 / SAMPLES), "second moment");
    }

    @Test
    void equiprobableBinsAreEquallyFilled() {
        RandomStream stream = new RandomStream(new StreamKey(2, "zig", "bins", 0));
        int bins = 40;
        long[] counts = new long[bins];
        for (int i = 0; i < SAMPLES; i++) {
            // F(x) = 1 − e^−x maps the variate to a uniform; its bin is floor(40 F(x)).
            double u = -Math.expm1(-ExponentialZiggurat.next(stream));
            counts[Math.min(bins - 1, (int) (u * bins))]++;
        }
        double expected = SAMPLES / (double) bins;
        double chi2 = 0;
        for (long c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        // 39 degrees of freedom: P(chi2 > 77.48) = 1e-4 (scipy.stats.chi2.ppf).
        assertTrue(chi2 < 77.48, "chi-square " + chi2);
    }

    @Test
    void tailAndFarTailHoldTheirMass() {
        RandomStream stream = new RandomStream(new StreamKey(3, "zig", "tail", 0));
        int n = 4 * SAMPLES;
        long beyondBaseEdge = 0;
        long beyondTen = 0;
        for (int i = 0; i < n; i++) {
            double x = ExponentialZiggurat.next(stream);
            if (x > 7.69711747013104972) {
                beyondBaseEdge++;
            }
            if (x > 10) {
                beyondTen++;
            }
        }
        assertPoisson(n * Math.exp(-7.69711747013104972), beyondBaseEdge, "beyond the base edge");
        assertPoisson(n * Math.exp(-10), beyondTen, "beyond 10");
    }

    @Test
    void wedgesHoldTheMassBetweenLayerEdges() {
        // Between 0.5 and 0.6 the wedges of several layers meet their rectangles.
        RandomStream stream = new RandomStream(new StreamKey(4, "zig", "wedge", 0));
        long inside = 0;
        for (int i = 0; i < SAMPLES; i++) {
            double x = ExponentialZiggurat.next(stream);
            if (x > 0.5 && x <= 0.6) {
                inside++;
            }
        }
        double p = Math.exp(-0.5) - Math.exp(-0.6);
        assertEquals(p, inside / (double) SAMPLES, 4 * Math.sqrt(p * (1 - p) / SAMPLES));
    }

    @Test
    void aStreamGivesTheSameVariatesAgain() {
        double[] first = new double[1000];
        double[] again = new double[1000];
        RandomStream a = new RandomStream(new StreamKey(5, "zig", "repeat", 0));
        RandomStream b = new RandomStream(new StreamKey(5, "zig", "repeat", 0));
        for (int i = 0; i < first.length; i++) {
            first[i] = ExponentialZiggurat.next(a);
            again[i] = ExponentialZiggurat.next(b);
        }
        assertArrayEquals(first, again);
    }

    private static void assertPoisson(double mean, long count, String what) {
        assertEquals(mean, count, 4 * Math.sqrt(mean), what);
    }
}
