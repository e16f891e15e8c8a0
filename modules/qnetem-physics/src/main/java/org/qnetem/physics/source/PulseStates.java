package org.qnetem.physics.source;

import org.qnetem.physics.random.FixedPointProbability;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;

/**
 * Alice's choices for every pulse of a batch (intensity class, basis, bit), by random access: pulse i
 * depends on Philox block i of the pulse-state stream and on nothing else, so the transmitter and the
 * channel sampler each compute any pulse's state in O(1) and always agree.
 *
 * <p>From block i: word 0, as an unsigned 64-bit uniform, picks the class against the cumulative
 * class probabilities in {@link FixedPointProbability} form; word 1's top 63 bits pick the X basis
 * when below {@code basisBiasX} (to 2^-63); word 1's lowest bit is the bit. Integer comparisons keep
 * this cheap: the sampler looks up one state per candidate pulse.
 *
 * <p>A state is packed in an int: bits 0–1 the class, bit 2 the basis (1 = X), bit 3 the bit. Not
 * thread-safe (one scratch block); make one per user.
 */
public final class PulseStates {

    private static final int CLASS_MASK = 0b11;
    private static final int BASIS_SHIFT = 2;
    private static final int BIT_SHIFT = 3;

    private final RandomStream stream;
    private final long[] classUpperBounds;
    private final int lastPossibleClass;
    private final long xBasisBelow;
    private final long[] block = new long[2];

    public PulseStates(Bb84Source source, StreamKey key) {
        stream = new RandomStream(key);
        xBasisBelow = FixedPointProbability.of(source.basisBiasX()) >>> 1;
        int classes = source.classCount();
        classUpperBounds = new long[classes];
        double total = 0;
        for (int k = 0; k < classes; k++) {
            total += source.probability(k);
        }
        double cumulative = 0;
        int lastPositive = 0;
        for (int k = 0; k < classes; k++) {
            cumulative += source.probability(k);
            classUpperBounds[k] = FixedPointProbability.of(Math.min(1, cumulative / total));
            if (source.probability(k) > 0) {
                lastPositive = k;
            }
        }
        lastPossibleClass = lastPositive;
    }

    /** The packed state of pulse {@code pulseIndex}. */
    public int stateOf(long pulseIndex) {
        stream.blockAt(pulseIndex, block);
        int k = classOf(block[0]);
        int basis = block[1] >>> 1 < xBasisBelow ? 1 : 0;
        int bit = (int) (block[1] & 1);
        return k | basis << BASIS_SHIFT | bit << BIT_SHIFT;
    }

    public static int intensityClass(int state) {
        return state & CLASS_MASK;
    }

    /** 1 = X, 0 = Z. */
    public static int basis(int state) {
        return state >>> BASIS_SHIFT & 1;
    }

    public static int bit(int state) {
        return state >>> BIT_SHIFT & 1;
    }

    private int classOf(long uniform) {
        for (int k = 0; k < classUpperBounds.length; k++) {
            if (Long.compareUnsigned(uniform, classUpperBounds[k]) < 0) {
                return k;
            }
        }
        // Reached only when rounding leaves the last bound a hair below 2^64.
        return lastPossibleClass;
    }
}
