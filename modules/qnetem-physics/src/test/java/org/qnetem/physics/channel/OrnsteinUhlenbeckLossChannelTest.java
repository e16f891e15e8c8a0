package org.qnetem.physics.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qnetem.physics.random.StreamKey;

/**
 * The loss process against the Ornstein–Uhlenbeck law, at fixed seeds: sample moments must lie
 * within 4 standard errors of their expectations. Samples 100 τ apart are independent to e^−100.
 */
class OrnsteinUhlenbeckLossChannelTest {

    private static final FibreChannel FIBRE = FibreChannel.smf28(10, 0.2, 0.5);
    private static final double MEAN = 2.0;
    private static final double SIGMA = 0.7;
    // An odd correlation time, so lags straddle dyadic boundaries at every level.
    private static final double TAU_PS = 12_345_678_901.0;
    private static final int SAMPLES = 20_000;

    private static OrnsteinUhlenbeckLossChannel wind(long seed) {
        return new OrnsteinUhlenbeckLossChannel(FIBRE, MEAN, SIGMA, TAU_PS, new StreamKey(seed, "A-B", "wind", 0));
    }

    private static long independentTime(int i) {
        return 3_000_000L + (long) (i * 100 * TAU_PS);
    }

    @Test
    void stationaryMeanAndVariance() {
        OrnsteinUhlenbeckLossChannel channel = wind(1);
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < SAMPLES; i++) {
            double x = channel.lossProcessDbAt(independentTime(i)) - MEAN;
            sum += x;
            sumSquares += x * x;
        }
        assertWithin(0, sum / SAMPLES, SIGMA / Math.sqrt(SAMPLES), "mean deviation");
        assertWithin(SIGMA * SIGMA, sumSquares / SAMPLES, SIGMA * SIGMA * Math.sqrt(2.0 / SAMPLES), "variance");
    }

    @Test
    void correlationDecaysAsExpOfLagOverTau() {
        OrnsteinUhlenbeckLossChannel channel = wind(2);
        for (double lagOverTau : new double[] {0.1, 1.0, 2.5}) {
            long lag = Math.round(lagOverTau * TAU_PS);
            double sum = 0;
            for (int i = 0; i < SAMPLES; i++) {
                long t = independentTime(i);
                sum += (channel.lossProcessDbAt(t) - MEAN) * (channel.lossProcessDbAt(t + lag) - MEAN);
            }
            double expected = Math.exp(-lag / TAU_PS);
            double standardError = Math.sqrt((1 + expected * expected) / SAMPLES);
            double correlation = sum / SAMPLES / (SIGMA * SIGMA);
            assertWithin(expected, correlation, standardError, "correlation at " + lagOverTau + " τ");
        }
    }

    @Test
    void shortLagsMoveByTheOuIncrementEvenBetweenOddPicoseconds() {
        // Var(X(t + δ) − X(t)) = 2 s² (1 − e^−δ/τ); δ = 12 345 ps ≈ τ/10^6 resolves the finest levels.
        OrnsteinUhlenbeckLossChannel channel = wind(3);
        long lag = 12_345;
        double sumSquares = 0;
        for (int i = 0; i < SAMPLES; i++) {
            long t = independentTime(i) + 2 * i + 1;
            double step = channel.lossProcessDbAt(t + lag) - channel.lossProcessDbAt(t);
            sumSquares += step * step;
        }
        double expected = 2 * SIGMA * SIGMA * -Math.expm1(-lag / TAU_PS);
        assertWithin(expected, sumSquares / SAMPLES, expected * Math.sqrt(2.0 / SAMPLES), "increment variance");
    }

    @Test
    void valuesDependOnlyOnKeyAndTimeNotOnQueryOrder() {
        long[] times = {0, 1, 7, 1L << 40, 5_000_000_000_000L, Long.MAX_VALUE, 123_456_789};
        double[] forward = new double[times.length];
        OrnsteinUhlenbeckLossChannel first = wind(4);
        for (int i = 0; i < times.length; i++) {
            forward[i] = first.lossProcessDbAt(times[i]);
        }
        OrnsteinUhlenbeckLossChannel second = wind(4);
        for (int i = times.length - 1; i >= 0; i--) {
            assertEquals(forward[i], second.lossProcessDbAt(times[i]));
        }
        assertNotEquals(forward[3], wind(5).lossProcessDbAt(times[3]));
    }

    @Test
    void extraLossIsTheProcessClampedAtZero() {
        OrnsteinUhlenbeckLossChannel channel = wind(6);
        long t = 42_000_000_000L;
        double x = channel.lossProcessDbAt(t);
        assertEquals(FIBRE.transmittance() * Math.pow(10, -Math.max(0, x) / 10), channel.transmittanceAt(t), 1e-15);
        assertEquals(FIBRE.delayPs(), channel.delayPsAt(t));
        OrnsteinUhlenbeckLossChannel neverLossy = new OrnsteinUhlenbeckLossChannel(FIBRE, -100, 1, TAU_PS,
                new StreamKey(6, "A-B", "wind", 0));
        assertEquals(0, neverLossy.extraLossDbAt(t));
        assertEquals(FIBRE.transmittance(), neverLossy.transmittanceAt(t));
    }

    @Test
    void aProcessWithoutSpreadIsItsMean() {
        OrnsteinUhlenbeckLossChannel still = new OrnsteinUhlenbeckLossChannel(FIBRE, 1.5, 0, TAU_PS,
                new StreamKey(7, "A-B", "wind", 0));
        assertEquals(1.5, still.lossProcessDbAt(987_654_321));
    }

    @Test
    void negativeTimesAndBadParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> wind(8).lossProcessDbAt(-1));
        StreamKey key = new StreamKey(8, "A-B", "wind", 0);
        assertThrows(IllegalArgumentException.class, () -> new OrnsteinUhlenbeckLossChannel(FIBRE, 1, -1, TAU_PS, key));
        assertThrows(IllegalArgumentException.class, () -> new OrnsteinUhlenbeckLossChannel(FIBRE, 1, 1, 0, key));
        assertThrows(IllegalArgumentException.class,
                () -> new OrnsteinUhlenbeckLossChannel(FIBRE, Double.NaN, 1, TAU_PS, key));
    }

    private static void assertWithin(double expected, double observed, double standardError, String what) {
        assertTrue(Math.abs(observed - expected) <= 4 * standardError, () -> what + ": observed " + observed
                + ", expected " + expected + " ± 4 × " + standardError);
    }
}
