package org.qnetem.physics.channel;

import java.util.Objects;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;

/**
 * A base channel plus extra loss that wanders at random, as aerial fibre does when wind moves and
 * bends it: the loss in dB is a stationary Ornstein–Uhlenbeck process X(t) with mean m, standard
 * deviation s and correlation time τ, so Cov(X(t), X(t')) = s² exp(−|t − t'|/τ). The extra loss is
 * max(0, X(t)) dB — a channel never amplifies — which matters only when m is within a few s of 0.
 *
 * <p>Exact and reproducible at every picosecond, whatever was asked before. X is defined on
 * t in [0, 2^63) ps (every non-negative emission time) by dyadic bisection, using the Markov property:
 * X(0) ~ N(m, s²); X(2^63) given X(0) by the OU transition; then each dyadic midpoint c of an interval
 * [a, b] of half-length h, given its ends, is Gaussian (centred values Y = X − m, r = exp(−h/τ)):
 * <pre>
 *   Y(c) | Y(a), Y(b)  ~  N( r (Y(a) + Y(b)) / (1 + r²),  s² (1 − r²) / (1 + r²) )
 * </pre>
 * which is the conditional law of the stationary OU process, so every finite set of evaluated
 * times has exactly the OU joint distribution. The standard normal used at midpoint c comes from
 * Philox block c of the channel's stream (block 0 for X(0), block 2^63 for X(2^63)), so X(t) is a
 * pure function of (key, t): evaluating t descends at most 63 levels (63 normals, a few microseconds)
 * and keeps no state. There is no time grid and no interpolation.
 */
public final class OrnsteinUhlenbeckLossChannel implements QuantumChannel {

    private static final int LEVELS = 63;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private final QuantumChannel base;
    private final double meanDb;
    private final double stdDevDb;
    private final double correlationTimePs;
    private final StreamKey key;
    // Per level k (interval half-length 2^k ps): the conditional mean and standard-deviation factors.
    private final double[] midpointWeight = new double[LEVELS];
    private final double[] midpointSpread = new double[LEVELS];
    private final double endCorrelation;
    private final double endSpread;

    public OrnsteinUhlenbeckLossChannel(QuantumChannel base, double meanDb, double stdDevDb, double correlationTimePs,
                                        StreamKey key) {
        this.base = Objects.requireNonNull(base, "base");
        this.key = Objects.requireNonNull(key, "key");
        if (!Double.isFinite(meanDb)) {
            throw new IllegalArgumentException("mean loss must be finite, got " + meanDb);
        }
        if (!(stdDevDb >= 0) || Double.isInfinite(stdDevDb)) {
            throw new IllegalArgumentException("standard deviation must be finite and >= 0 dB, got " + stdDevDb);
        }
        if (!(correlationTimePs > 0) || Double.isInfinite(correlationTimePs)) {
            throw new IllegalArgumentException("correlation time must be positive, got " + correlationTimePs + " ps");
        }
        this.meanDb = meanDb;
        this.stdDevDb = stdDevDb;
        this.correlationTimePs = correlationTimePs;
        for (int k = 0; k < LEVELS; k++) {
            double halfLength = Math.scalb(1.0, k);
            double r = Math.exp(-halfLength / correlationTimePs);
            midpointWeight[k] = r / (1 + r * r);
            // 1 − r² by expm1 keeps precision when the half-length is far below τ.
            midpointSpread[k] = stdDevDb * Math.sqrt(-Math.expm1(-2 * halfLength / correlationTimePs) / (1 + r * r));
        }
        double span = Math.scalb(1.0, LEVELS);
        endCorrelation = Math.exp(-span / correlationTimePs);
        endSpread = stdDevDb * Math.sqrt(-Math.expm1(-2 * span / correlationTimePs));
    }

    public QuantumChannel base() {
        return base;
    }

    /** X(t): the Ornstein–Uhlenbeck loss process in dB, before clamping at 0. */
    public double lossProcessDbAt(long timePs) {
        if (timePs < 0) {
            throw new IllegalArgumentException("the loss process starts at emulated time 0, asked for " + timePs
                    + " ps");
        }
        RandomStream random = new RandomStream(key);
        long[] block = new long[2];
        double lowValue = stdDevDb * normal(random, 0, block);
        if (timePs == 0) {
            return meanDb + lowValue;
        }
        double highValue = endCorrelation * lowValue + endSpread * normal(random, Long.MIN_VALUE, block);
        long low = 0;
        for (int k = LEVELS - 1; k >= 0 && low != timePs; k--) {
            long middle = low + (1L << k);
            double middleValue = midpointWeight[k] * (lowValue + highValue)
                    + midpointSpread[k] * normal(random, middle, block);
            if (timePs >= middle) {
                low = middle;
                lowValue = middleValue;
            } else {
                highValue = middleValue;
            }
        }
        return meanDb + lowValue;
    }

    /** The extra loss in dB at {@code timePs}: max(0, X(t)). */
    public double extraLossDbAt(long timePs) {
        return Math.max(0, lossProcessDbAt(timePs));
    }

    @Override
    public double transmittanceAt(long emissionTimePs) {
        return base.transmittanceAt(emissionTimePs) * Math.pow(10, -extraLossDbAt(emissionTimePs) / 10);
    }

    @Override
    public long delayPsAt(long emissionTimePs) {
        return base.delayPsAt(emissionTimePs);
    }

    public double meanDb() {
        return meanDb;
    }

    public double stdDevDb() {
        return stdDevDb;
    }

    public double correlationTimePs() {
        return correlationTimePs;
    }

    /** A standard normal from Philox block {@code counter} (Box–Muller on its two words). */
    private static double normal(RandomStream random, long counter, long[] block) {
        random.blockAt(counter, block);
        double radiusUniform = ((block[0] >>> 11) + 1) * DOUBLE_UNIT;
        double angleUniform = (block[1] >>> 11) * DOUBLE_UNIT;
        return Math.sqrt(-2 * Math.log(radiusUniform)) * Math.cos(2 * Math.PI * angleUniform);
    }
}
