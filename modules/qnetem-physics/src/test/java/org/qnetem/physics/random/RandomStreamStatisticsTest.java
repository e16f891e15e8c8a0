package org.qnetem.physics.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Statistical checks at fixed seeds. Chi-square bounds are the upper 10^-4 quantiles of the
 * chi-square distribution (from scipy.stats.chi2.ppf); other bounds are 5 standard errors.
 */
class RandomStreamStatisticsTest {

    private static final int SAMPLES = 1_000_000;
    private static final double TOLERANCE_SIGMAS = 5;

    @Test
    void bytesAreUniform() {
        RandomStream stream = new RandomStream(new StreamKey(1, "alice", "bytes", 0));
        long[] counts = new long[256];
        for (int i = 0; i < SAMPLES / 8; i++) {
            long word = stream.nextLong();
            for (int b = 0; b < 8; b++) {
                counts[(int) (word >>> (8 * b)) & 0xFF]++;
            }
        }
        // 255 degrees of freedom: P(chi2 > 347.65) = 1e-4.
        assertChiSquareBelow(counts, 347.65);
    }

    @Test
    void successiveDoublesAreUncorrelated() {
        RandomStream stream = new RandomStream(new StreamKey(2, "alice", "doubles", 0));
        double[] x = new double[SAMPLES + 1];
        for (int i = 0; i < x.length; i++) {
            x[i] = stream.nextDouble();
        }
        double r = correlation(x, 0, x, 1, SAMPLES);
        // Under independence r is about normal with standard error 1/sqrt(n).
        assertEquals(0, r, TOLERANCE_SIGMAS / Math.sqrt(SAMPLES), "lag-1 correlation");
        assertEquals(0.5, mean(x), TOLERANCE_SIGMAS * Math.sqrt(1.0 / 12 / x.length), "mean");
    }

    @Test
    void neighbouringSequencesAreIndependent() {
        StreamKey key = new StreamKey(3, "BRS-BRADLEY", "channel", 41);
        RandomStream a = new RandomStream(key);
        RandomStream b = new RandomStream(key.withSequence(42));
        int n = 200_000;
        double[] x = new double[n];
        double[] y = new double[n];
        long[] onesPerBit = new long[64];
        long ones = 0;
        for (int i = 0; i < n; i++) {
            long wa = a.nextLong();
            long wb = b.nextLong();
            long xor = wa ^ wb;
            ones += Long.bitCount(xor);
            for (int bit = 0; bit < 64; bit++) {
                onesPerBit[bit] += xor >>> bit & 1;
            }
            x[i] = (wa >>> 11) * 0x1.0p-53;
            y[i] = (wb >>> 11) * 0x1.0p-53;
        }
        assertEquals(0, correlation(x, 0, y, 0, n), TOLERANCE_SIGMAS / Math.sqrt(n), "paired correlation");
        double bits = 64.0 * n;
        assertEquals(0.5, ones / bits, TOLERANCE_SIGMAS * 0.5 / Math.sqrt(bits), "XOR bit balance");
        for (int bit = 0; bit < 64; bit++) {
            assertEquals(0.5, onesPerBit[bit] / (double) n, TOLERANCE_SIGMAS * 0.5 / Math.sqrt(n),
                    "XOR balance of bit " + bit);
        }
    }

    @Test
    void smallBoundIntsAreUniform() {
        RandomStream stream = new RandomStream(new StreamKey(4, "alice", "ints", 0));
        long[] counts = new long[10];
        for (int i = 0; i < SAMPLES; i++) {
            counts[stream.nextInt(10)]++;
        }
        // 9 degrees of freedom: P(chi2 > 33.72) = 1e-4.
        assertChiSquareBelow(counts, 33.72);
    }

    @Test
    void largeBoundIntsHaveNoModuloBias() {
        // With bound 3 * 2^29, reducing a 32-bit word modulo the bound would put 9/16 of the mass
        // below bound/2 instead of 1/2.
        int bound = 3 << 29;
        RandomStream stream = new RandomStream(new StreamKey(5, "alice", "ints", 0));
        long below = 0;
        for (int i = 0; i < SAMPLES; i++) {
            int value = stream.nextInt(bound);
            assertTrue(value >= 0 && value < bound);
            if (value < bound / 2) {
                below++;
            }
        }
        assertEquals(0.5, below / (double) SAMPLES, TOLERANCE_SIGMAS * 0.5 / Math.sqrt(SAMPLES));
    }

    @Test
    void booleansFollowTheirProbability() {
        RandomStream stream = new RandomStream(new StreamKey(6, "bob", "basis", 0));
        double p = 0.9;
        long trues = 0;
        for (int i = 0; i < SAMPLES; i++) {
            if (stream.nextBoolean(p)) {
                trues++;
            }
        }
        assertEquals(p, trues / (double) SAMPLES, TOLERANCE_SIGMAS * Math.sqrt(p * (1 - p) / SAMPLES));
    }

    private static void assertChiSquareBelow(long[] counts, double critical) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        double expected = total / (double) counts.length;
        double chi2 = 0;
        for (long c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        assertTrue(chi2 < critical, "chi-square " + chi2 + " exceeds " + critical);
    }

    private static double mean(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return sum / x.length;
    }

    private static double correlation(double[] x, int xFrom, double[] y, int yFrom, int n) {
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < n; i++) {
            sx += x[xFrom + i];
            sy += y[yFrom + i];
        }
        double mx = sx / n;
        double my = sy / n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[xFrom + i] - mx;
            double dy = y[yFrom + i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
