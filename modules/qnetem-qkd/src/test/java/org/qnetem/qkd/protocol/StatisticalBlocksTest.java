package org.qnetem.qkd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetem.physics.batch.StatisticalCounts;
import org.qnetem.physics.model.BinaryEntropy;
import org.qnetem.physics.source.WeakCoherentSource;

class StatisticalBlocksTest {

    private static final WeakCoherentSource SOURCE = new WeakCoherentSource(1e9, new double[] {0.53, 0.26, 0.0002},
            new double[] {0.28, 0.50, 0.22}, 0.8);
    private static final PostProcessingSettings SETTINGS = PostProcessingSettings.defaults().withKeyBlockBits(100_000);

    /** A batch like the two-node link's 10^6-pulse batches: 5,601 key bits at 1 % QBER. */
    private static StatisticalCounts batch() {
        return new StatisticalCounts(1_000_000, 6_100, 0, new long[] {2_100, 3_500, 1}, new long[] {21, 35, 0},
                new long[] {140, 230, 1}, new long[] {1, 2, 0});
    }

    private static List<BlockOutcome> run(long seed, int batches) {
        StatisticalBlocks blocks = new StatisticalBlocks("L", seed, SETTINGS,
                new DecoyBb84SecureLength(SOURCE, SETTINGS), ExpectedKeyRate.CASCADE_EFFICIENCY);
        List<BlockOutcome> out = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            out.addAll(blocks.add(b, b * 1_000_000_000L, (b + 1) * 1_000_000_000L, batch()));
        }
        return out;
    }

    @Test
    void closesABlockAtTheFirstBatchThatReachesTheBlockSizeWithTheFormulasLength() {
        List<BlockOutcome> out = run(1, 40);
        assertEquals(2, out.size(), "40 batches of 5,600 key bits fill two 100,000-bit blocks (18 batches each)");
        KeyBlock first = assertInstanceOf(KeyBlock.class, out.get(0));
        assertEquals(0, first.firstBatch());
        assertEquals(17, first.lastBatch());
        assertEquals(18 * 5_601, first.counts().keyBits());
        assertEquals(56.0 / 5_601, first.keyQber(), 1e-12);
        long leaked = (long) Math.ceil(1.06 * 18 * 5_601 * BinaryEntropy.of(56.0 / 5_601));
        assertEquals(leaked, first.leakedBits());
        SecretLength expected = new DecoyBb84SecureLength(SOURCE, SETTINGS).evaluate(first.counts(), leaked);
        assertEquals(expected.length(), first.secretLength().length());
        assertTrue(first.secretLength().length() > 0);
        assertEquals(first.secretLength().length(), first.deliveredKey().length());
        assertEquals(18, ((KeyBlock) out.get(1)).firstBatch());
    }

    @Test
    void keyMaterialIsDeterministicPerSeed() {
        KeyBlock one = (KeyBlock) run(1, 18).get(0);
        KeyBlock again = (KeyBlock) run(1, 18).get(0);
        KeyBlock other = (KeyBlock) run(2, 18).get(0);
        assertEquals(one.deliveredKey(), again.deliveredKey());
        assertEquals(one.secretLength().length(), other.secretLength().length());
        assertNotEquals(one.deliveredKey(), other.deliveredKey());
    }

    @Test
    void aLaterLifeNumbersItsBlocksAfreshAndMayStartLate() {
        StatisticalBlocks blocks = new StatisticalBlocks("L", 1, new Incarnation(2, 100), SETTINGS,
                new DecoyBb84SecureLength(SOURCE, SETTINGS), ExpectedKeyRate.CASCADE_EFFICIENCY);
        List<BlockOutcome> out = new ArrayList<>();
        for (int b = 130; b < 148; b++) {
            out.addAll(blocks.add(b, b * 1_000_000_000L, (b + 1) * 1_000_000_000L, batch()));
        }
        KeyBlock first = assertInstanceOf(KeyBlock.class, out.get(0));
        assertEquals(new Incarnation(2, 100).firstBlockId(), first.blockId());
        assertEquals(130, first.firstBatch(), "the life began stopped; its first block starts at its first batch");
        assertThrows(IllegalStateException.class, () -> blocks.add(150, 0, 10, batch()), "then batches are in order");
    }

    @Test
    void aBlockPastTheQberThresholdIsAborted() {
        StatisticalBlocks blocks = new StatisticalBlocks("L", 1, SETTINGS,
                new DecoyBb84SecureLength(SOURCE, SETTINGS), ExpectedKeyRate.CASCADE_EFFICIENCY);
        StatisticalCounts noisy = new StatisticalCounts(1_000_000, 200_000, 0, new long[] {100_000, 0, 0},
                new long[] {15_000, 0, 0}, new long[] {10_000, 0, 0}, new long[] {1_500, 0, 0});
        AbortedBlock aborted = assertInstanceOf(AbortedBlock.class, blocks.add(0, 0, 10, noisy).get(0));
        assertEquals(BlockStage.PARAMETER_ESTIMATION, aborted.stage());
        assertThrows(IllegalStateException.class, () -> blocks.add(5, 0, 10, noisy));
    }
}
