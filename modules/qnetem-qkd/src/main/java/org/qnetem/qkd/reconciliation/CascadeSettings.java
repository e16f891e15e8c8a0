package org.qnetem.qkd.reconciliation;

/**
 * Cascade's parameters, the same at both ends of a link. {@link #defaults} are tuned for f_EC and round
 * trips together (docs/error-correction.md has the trade-off): larger first blocks and faster growth
 * disclose fewer parities but let corrections cascade back and forth between the first passes for
 * longer, and every step of such a chain is a few more round trips.
 *
 * @param shuffleSeed      public seed of the per-pass shuffles (with the link id and block id)
 * @param passes           number of passes, 1 to 127
 * @param firstBlockErrors expected errors in a first-pass block: k_1 = firstBlockErrors / QBER
 * @param blockGrowth      factor from one pass's block size to the next
 * @param widestBlocks     the fewest top-level blocks a pass cuts the key into: block sizes stop growing
 *                         at key length / widestBlocks, and the passes at that size act as random
 *                         confirmations, each missing a leftover pair of errors with probability
 *                         1 / widestBlocks
 */
public record CascadeSettings(long shuffleSeed, int passes, double firstBlockErrors, int blockGrowth,
                              int widestBlocks) {

    /** Below this the estimate is treated as this, so that a QBER of 0 still gives finite first blocks. */
    static final double MIN_QBER = 1e-6;

    /**
     * 6 passes, first blocks holding 0.6 expected errors, block sizes growing eightfold up to 1/16 of the
     * key: f_EC 1.04–1.06 at QBER 0.5–2 % and about 1.09 at 5–8 % on 10^5–10^6-bit blocks, in 130–250
     * rounds. The errors are nearly always all found by the fourth pass; the rest are confirmations.
     */
    public static CascadeSettings defaults(long shuffleSeed) {
        return new CascadeSettings(shuffleSeed, 6, 0.6, 8, 16);
    }

    public CascadeSettings {
        if (passes < 1 || passes > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("passes must be in [1, " + Byte.MAX_VALUE + "], got " + passes);
        }
        if (!(firstBlockErrors > 0)) {
            throw new IllegalArgumentException("firstBlockErrors must be positive, got " + firstBlockErrors);
        }
        if (blockGrowth < 1) {
            throw new IllegalArgumentException("blockGrowth must be at least 1, got " + blockGrowth);
        }
        if (widestBlocks < 2) {
            throw new IllegalArgumentException("widestBlocks must be at least 2, got " + widestBlocks);
        }
    }

    /** The top-level block size of each pass for a key of {@code length} bits at the estimated QBER. */
    public int[] blockSizes(int length, double estimatedQber) {
        if (length < 1) {
            throw new IllegalArgumentException("key length must be positive, got " + length);
        }
        if (!(estimatedQber >= 0 && estimatedQber < 0.5)) {
            throw new IllegalArgumentException("estimated QBER must be in [0, 0.5), got " + estimatedQber);
        }
        long widest = Math.max(1, (length + widestBlocks - 1) / widestBlocks);
        long size = Math.max(1, Math.round(firstBlockErrors / Math.max(estimatedQber, MIN_QBER)));
        int[] sizes = new int[passes];
        for (int p = 0; p < passes; p++) {
            sizes[p] = (int) Math.min(size, widest);
            size = Math.min(size * blockGrowth, widest);
        }
        return sizes;
    }
}
