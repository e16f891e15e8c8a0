package org.qnetem.qkd.protocol;

/**
 * Which life of a link's engines this is. A link whose end lost its state (its cluster member died) starts
 * again with fresh engines at both ends: the installer provisions a new pre-shared key, the first block
 * waits for no batch before {@code firstBatch}, and block ids start at {@link #firstBlockId()}, so that no
 * block of this life is taken for one of an earlier life.
 *
 * @param number     0 for the link's first life, then 1, 2, …
 * @param firstBatch the first batch this life sifts; the batches before it belong to earlier lives
 */
public record Incarnation(int number, long firstBatch) {

    public static final Incarnation FIRST = new Incarnation(0, 0);

    /** Block ids of one life stay below 2^40 (a 100 kbit block a microsecond would take 12 days to reach it). */
    private static final int BLOCK_ID_BITS = 40;

    public Incarnation {
        if (number < 0 || number >= 1 << (Long.SIZE - 1 - BLOCK_ID_BITS)) {
            throw new IllegalArgumentException("incarnation number out of range: " + number);
        }
        if (firstBatch < 0) {
            throw new IllegalArgumentException("first batch must not be negative: " + firstBatch);
        }
        if (number == 0 && firstBatch != 0) {
            throw new IllegalArgumentException("a link's first life starts at batch 0, not " + firstBatch);
        }
    }

    public long firstBlockId() {
        return (long) number << BLOCK_ID_BITS;
    }

    /**
     * The seed this life's pre-shared key is drawn from: the run's own for the first life, a different one for
     * each later life (both ends derive the same).
     */
    public long preSharedKeySeed(long runSeed) {
        return number == 0 ? runSeed : runSeed ^ (0x9E3779B97F4A7C15L * number);
    }
}
