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
 * thread-safe (scratch blocks); make one per user.
 *
 * <p>Speed: a state costs one Philox block, a single dependency chain of about 20 ns; {@link #statesOf}
 * computes four at once so the chains overlap (about 17 ns a state). The class and basis are found
 * without branches, since the random choices would make branches mispredict.
 */
public final class PulseStates {

    private static final int CLASS_MASK = 0b11;
    private static final int BASIS_SHIFT = 2;
    private static final int BIT_SHIFT = 3;

    private final RandomStream stream;
    private final int classCount;
    // The classes' upper bounds plus 2^63 (Long.MIN_VALUE), so that signed comparisons order them as
    // unsigned; in fields, one per possible class, so that classOf is straight-line code. The bounds of
    // absent classes are the largest value, which no uniform but the largest exceeds.
    private final long shiftedBound0;
    private final long shiftedBound1;
    private final long shiftedBound2;
    private final int lastPossibleClass;
    private final long xBasisBelow;
    private final long[] block = new long[2];
    private final long[] fourBlocks = new long[8];

    public PulseStates(Bb84Source source, StreamKey key) {
        stream = new RandomStream(key);
        xBasisBelow = FixedPointProbability.of(source.basisBiasX()) >>> 1;
        classCount = source.classCount();
        if (classCount > Bb84Source.MAX_CLASSES) {
            throw new IllegalArgumentException(classCount + " intensity classes, at most " + Bb84Source.MAX_CLASSES);
        }
        long[] shiftedBounds = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
        double total = 0;
        for (int k = 0; k < classCount; k++) {
            total += source.probability(k);
        }
        double cumulative = 0;
        int lastPositive = 0;
        for (int k = 0; k < classCount; k++) {
            cumulative += source.probability(k);
            shiftedBounds[k] = FixedPointProbability.of(Math.min(1, cumulative / total)) + Long.MIN_VALUE;
            if (source.probability(k) > 0) {
                lastPositive = k;
            }
        }
        shiftedBound0 = shiftedBounds[0];
        shiftedBound1 = shiftedBounds[1];
        shiftedBound2 = shiftedBounds[2];
        lastPossibleClass = lastPositive;
    }

    /** The packed state of pulse {@code pulseIndex}. */
    public int stateOf(long pulseIndex) {
        stream.blockAt(pulseIndex, block);
        return state(block[0], block[1]);
    }

    /**
     * The packed states of pulses {@code pulseIndices[from]}, ..., {@code pulseIndices[from + count - 1]}
     * into {@code states[0]}, ..., {@code states[count - 1]}: the same as {@link #stateOf} of each, four
     * Philox blocks at a time.
     */
    public void statesOf(long[] pulseIndices, int from, int count, int[] states) {
        long[] b = fourBlocks;
        int i = 0;
        for (; i + 4 <= count; i += 4) {
            int p = from + i;
            stream.fourBlocksAt(pulseIndices[p], pulseIndices[p + 1], pulseIndices[p + 2], pulseIndices[p + 3], b);
            states[i] = state(b[0], b[1]);
            states[i + 1] = state(b[2], b[3]);
            states[i + 2] = state(b[4], b[5]);
            states[i + 3] = state(b[6], b[7]);
        }
        for (; i < count; i++) {
            states[i] = stateOf(pulseIndices[from + i]);
        }
    }

    private int state(long word0, long word1) {
        int k = classOf(word0);
        // (word1 >>> 1) < xBasisBelow, both in [0, 2^63): the sign of their difference.
        int basis = (int) (((word1 >>> 1) - xBasisBelow) >>> 63);
        int bit = (int) (word1 & 1);
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

    /** The first class whose upper bound is above {@code uniform} (unsigned). */
    private int classOf(long uniform) {
        // The bounds ascend, so that class is the number of bounds at or below the uniform: counted
        // rather than searched, so that there is no branch on the random class to mispredict.
        long shifted = uniform + Long.MIN_VALUE;
        int k = (shifted >= shiftedBound0 ? 1 : 0) + (shifted >= shiftedBound1 ? 1 : 0)
                + (shifted >= shiftedBound2 ? 1 : 0);
        // All bounds at or below it only when rounding leaves the last bound a hair below 2^64.
        return k < classCount ? k : lastPossibleClass;
    }
}
