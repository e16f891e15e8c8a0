package org.qnetem.physics.random;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The random numbers of one {@link StreamKey}: Philox4x32-10 blocks 0, 1, 2, ... read as 64-bit
 * words (block n gives words 2n and 2n+1), plus random access to any block.
 *
 * <p>Why Philox4x32-10: it is counter-based, so the state of pulse i is block i, computed in O(1)
 * without drawing the pulses before it; the numbers depend only on (key, counter), never on thread,
 * JVM or host; it passes TestU01 BigCrush, and its 10 rounds keep Random123's safety margin over
 * the 7 that already pass (Salmon et al., SC'11). Cheaper options were measured and weighed: 7
 * rounds made the batch sampler only about 11 % faster (a block is a third of a detection's cost,
 * the rest is the sampler's own work), too little to give up the margin; the much cheaper
 * hash-of-a-counter generators (SplitMix-style finalisers, Squares) come without Philox's evidence
 * that streams of different keys are independent, and their 64-bit states make stream overlaps
 * likely across the millions of batch streams of a long run. Instead the sampler asks for fewer
 * bits: 32-bit draws where 32 bits decide, with the exact lazy comparison of {@link #nextBelow},
 * and the sequential stream computes four blocks at once ({@link Philox4x32#fourBlocks}).
 *
 * <p>Key and counter derivation. Let D = SHA-256 of the bytes
 * {@code enc("qnetem-stream-v1") || seed (8 bytes, big-endian) || enc(entity) || enc(purpose)}, where
 * {@code enc(s)} is the UTF-8 bytes of s preceded by their count as a 4-byte big-endian int (the length
 * prefix keeps ("ab", "c") and ("a", "bc") apart). Read D's first 16 bytes as two big-endian longs d0,
 * d1. Then
 * <pre>
 *   Philox key  = d0
 *   counter     = (d1 XOR sequence) : block      (high word : low word)
 * </pre>
 * For one (seed, entity, purpose) the key is fixed and sequence maps one-to-one to the high counter
 * word, so the blocks of different batch sequences never coincide; Philox is a bijection of the
 * counter, and neighbouring counters give unrelated outputs. Distinct (seed, entity, purpose) get
 * independent 64-bit keys (and high words). The hash is computed once, in the constructor.
 *
 * <p>Sequential draws. {@link #nextLong} takes the next whole word. {@link #nextInt} takes 32 bits:
 * the low half of a fresh word, then that word's high half on the following call; a
 * {@code nextLong} in between takes the word after it and leaves the pending half in place. The
 * order is fixed, so the draws are as reproducible as the words.
 *
 * <p>A stream is not thread-safe: it has a sequential position and buffers. Make one per user; two
 * streams of the same key give the same numbers.
 */
public final class RandomStream {

    private static final String DOMAIN = "qnetem-stream-v1";
    private static final double DOUBLE_UNIT = 0x1.0p-53;
    private static final long LOW_32 = 0xFFFFFFFFL;
    private static final int LANES = 2;
    private static final int BUFFERED_BLOCKS = 4;
    private static final int BUFFERED_WORDS = LANES * BUFFERED_BLOCKS;

    private final long philoxKey;
    private final long counterHi;
    private final long sequence;
    private final long[] buffer = new long[BUFFERED_WORDS];
    private final long[] scratch = new long[LANES];
    private long nextBlock;
    private int nextWord = BUFFERED_WORDS;
    private long pendingHalf;
    private boolean halfPending;

    public RandomStream(StreamKey key) {
        long[] digest = digestWords(key);
        philoxKey = digest[0];
        sequence = key.sequence();
        counterHi = digest[1] ^ sequence;
    }

    private RandomStream(long philoxKey, long counterHi, long sequence) {
        this.philoxKey = philoxKey;
        this.counterHi = counterHi;
        this.sequence = sequence;
    }

    /**
     * The stream of this one's key at sequence {@code newSequence}, from its start: the same numbers as
     * {@code new RandomStream(key.withSequence(newSequence))} without hashing the key again (a statistical
     * link opens one stream per batch, and the hash and digest lookup showed in its profile).
     */
    public RandomStream atSequence(long newSequence) {
        return new RandomStream(philoxKey, counterHi ^ sequence ^ newSequence, newSequence);
    }

    /** The next 64 uniformly random bits. */
    public long nextLong() {
        if (nextWord == BUFFERED_WORDS) {
            Philox4x32.fourBlocks(philoxKey, counterHi, nextBlock, buffer);
            nextBlock += BUFFERED_BLOCKS;
            nextWord = 0;
        }
        return buffer[nextWord++];
    }

    /** The next 32 uniformly random bits. */
    public int nextInt() {
        if (halfPending) {
            halfPending = false;
            return (int) pendingHalf;
        }
        long word = nextLong();
        pendingHalf = word >>> 32;
        halfPending = true;
        return (int) word;
    }

    /** Uniform in [0, 1) on the 2^53 multiples of 2^-53. */
    public double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /** Uniform in (0, 1] on the 2^53 multiples of 2^-53: safe to take the logarithm of. */
    public double nextOpenDouble() {
        return ((nextLong() >>> 11) + 1) * DOUBLE_UNIT;
    }

    /** True with probability {@code pTrue} (to 2^-53); always consumes one word, whatever pTrue is. */
    public boolean nextBoolean(double pTrue) {
        return nextDouble() < pTrue;
    }

    /**
     * True with probability threshold / 2^64 exactly, reading the threshold as an unsigned
     * {@link FixedPointProbability}. The uniform is compared 32 bits at a time: its high half decides
     * unless it equals the threshold's high half (probability 2^-32), and only then is a second
     * {@code nextInt} drawn.
     */
    public boolean nextBelow(long threshold) {
        long high = nextInt() & LOW_32;
        long thresholdHigh = threshold >>> 32;
        if (high != thresholdHigh) {
            return high < thresholdHigh;
        }
        return (nextInt() & LOW_32) < (threshold & LOW_32);
    }

    /**
     * Which of {@code count} consecutive cells of [0, 1) a uniform U falls in, the cells ending at the
     * ascending unsigned fixed-point bounds {@code bounds[from]}, ..., {@code bounds[from + count - 1]};
     * -1 when U is above the last bound. Exact like {@link #nextBelow}: a second 32-bit draw is made
     * only when U's high half equals a bound's.
     */
    public int nextCell(long[] bounds, int from, int count) {
        long high = nextInt() & LOW_32;
        for (int cell = 0; cell < count; cell++) {
            long boundHigh = bounds[from + cell] >>> 32;
            if (high < boundHigh) {
                return cell;
            }
            if (high == boundHigh) {
                return cellOfFullWord(high << 32 | (nextInt() & LOW_32), bounds, from, cell, count);
            }
        }
        return -1;
    }

    private static int cellOfFullWord(long uniform, long[] bounds, int from, int firstCell, int count) {
        for (int cell = firstCell; cell < count; cell++) {
            if (Long.compareUnsigned(uniform, bounds[from + cell]) < 0) {
                return cell;
            }
        }
        return -1;
    }

    /** Uniform in [0, bound), without modulo bias (Lemire's multiply-and-reject on 32-bit draws). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long product = (nextInt() & LOW_32) * bound;
        if ((product & LOW_32) < bound) {
            // 2^32 mod bound low products are over-represented; rejecting them leaves each result
            // with exactly floor(2^32 / bound) preimages.
            long rejectBelow = ((1L << 32) - bound) % bound;
            while ((product & LOW_32) < rejectBelow) {
                product = (nextInt() & LOW_32) * bound;
            }
        }
        return (int) (product >>> 32);
    }

    /** Word {@code lane} (0 or 1) of block {@code counter}; leaves the sequential position alone. */
    public long longAt(long counter, int lane) {
        if (lane < 0 || lane >= LANES) {
            throw new IllegalArgumentException("lane must be 0 or 1, got " + lane);
        }
        blockAt(counter, scratch);
        return scratch[lane];
    }

    /** Both words of block {@code counter} into {@code out2}; leaves the sequential position alone. */
    public void blockAt(long counter, long[] out2) {
        Philox4x32.block(philoxKey, counterHi, counter, out2);
    }

    /**
     * Blocks {@code counter0}, ..., {@code counter3} into {@code out8[0..1]}, ..., {@code out8[6..7]}: the
     * same words as four {@link #blockAt} calls, computed together ({@link Philox4x32#fourBlocksAt});
     * leaves the sequential position alone.
     */
    public void fourBlocksAt(long counter0, long counter1, long counter2, long counter3, long[] out8) {
        Philox4x32.fourBlocksAt(philoxKey, counterHi, counter0, counter1, counter2, counter3, out8);
    }

    private static long[] digestWords(StreamKey key) {
        byte[] domain = DOMAIN.getBytes(StandardCharsets.UTF_8);
        byte[] entity = key.entity().getBytes(StandardCharsets.UTF_8);
        byte[] purpose = key.purpose().getBytes(StandardCharsets.UTF_8);
        ByteBuffer encoded = ByteBuffer.allocate(3 * Integer.BYTES + Long.BYTES
                + domain.length + entity.length + purpose.length);
        encoded.putInt(domain.length).put(domain).putLong(key.seed())
                .putInt(entity.length).put(entity).putInt(purpose.length).put(purpose);
        ByteBuffer digest = ByteBuffer.wrap(sha256().digest(encoded.array()));
        return new long[] {digest.getLong(), digest.getLong()};
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
