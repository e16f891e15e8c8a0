package org.qnetem.kms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both ends of a link lose exactly the blocks both held in one window, and release the rest in order. */
class BlockHoldTest {

    private static BlockHold.Block block(long id) {
        return new BlockHold.Block("L", id, new byte[] {(byte) id, 1, 2}, 24);
    }

    private static long[] ids(List<BlockHold.Block> blocks) {
        return blocks.stream().mapToLong(BlockHold.Block::blockId).toArray();
    }

    @Test
    void withoutAHoldEveryBlockPassesAtOnce() {
        BlockHold hold = new BlockHold();
        assertArrayEquals(new long[] {0}, ids(hold.deliver(block(0))));
        assertEquals(0, hold.heldBlocks());
    }

    /**
     * The receiver's end (R) gets each block before the transmitter's (T). Block 1 reached R before the window
     * opened and T inside it; 2 and 3 reached both inside; 4 reached R inside and T after it closed; 5 both after.
     * Only 2 and 3 are lost, and both pools get 0, 1, 4, 5 in that order.
     */
    @Test
    void theEndsLoseTheSameBlocksWhateverOrderTheyCameIn() {
        BlockHold r = new BlockHold();
        BlockHold t = new BlockHold();
        List<BlockHold.Block> poolR = new ArrayList<>();
        List<BlockHold.Block> poolT = new ArrayList<>();
        poolR.addAll(r.deliver(block(0)));
        poolT.addAll(t.deliver(block(0)));
        poolR.addAll(r.deliver(block(1)));
        poolR.addAll(r.setHeld("L", true).ready());
        poolT.addAll(t.setHeld("L", true).ready());
        poolT.addAll(t.deliver(block(1)));
        for (long id = 2; id <= 4; id++) {
            poolR.addAll(r.deliver(block(id)));
        }
        poolT.addAll(t.deliver(block(2)));
        poolT.addAll(t.deliver(block(3)));
        BlockHold.Changed closedR = r.setHeld("L", false);
        BlockHold.Changed closedT = t.setHeld("L", false);
        assertArrayEquals(new long[] {2, 3, 4}, closedR.closed().orElseThrow().blockIds());
        assertArrayEquals(new long[] {1, 2, 3}, closedT.closed().orElseThrow().blockIds());
        poolR.addAll(closedR.ready());
        poolT.addAll(closedT.ready());
        poolT.addAll(t.deliver(block(4)));
        poolR.addAll(r.deliver(block(5)));
        assertArrayEquals(new long[] {0, 1}, ids(poolR), "R waits for T's list before 4");
        poolT.addAll(t.onPeerWindow(closedR.closed().orElseThrow()));
        poolR.addAll(r.onPeerWindow(closedT.closed().orElseThrow()));
        poolT.addAll(t.deliver(block(5)));

        assertArrayEquals(new long[] {0, 1, 4, 5}, ids(poolR));
        assertArrayEquals(new long[] {0, 1, 4, 5}, ids(poolT));
        assertEquals(48, r.lostBits("L"));
        assertEquals(48, t.lostBits("L"));
        assertEquals(2, r.lostBlocks("L"));
        assertEquals(0, r.heldBlocks() + t.heldBlocks());
    }

    @Test
    void theHoldKeepsItsOwnCopyOfAHeldKeyAndWipesLostOnes() {
        BlockHold hold = new BlockHold();
        hold.setHeld("L", true);
        BlockHold.Block kept = block(7);
        BlockHold.Block lost = block(8);
        hold.deliver(kept);
        hold.deliver(lost);
        kept.key()[0] = 0;
        BlockHold.Window mine = hold.setHeld("L", false).closed().orElseThrow();
        List<BlockHold.Block> ready = hold.onPeerWindow(new BlockHold.Window("L", mine.sequence(), new long[] {8}));
        assertArrayEquals(new long[] {7}, ids(ready));
        assertArrayEquals(new byte[] {7, 1, 2}, ready.get(0).key(), "the caller's wipe did not reach the copy");
    }

    /** A second window's list can come before the first's: blocks still wait in order. */
    @Test
    void windowsSettleInOrder() {
        BlockHold hold = new BlockHold();
        hold.setHeld("L", true);
        hold.deliver(block(0));
        BlockHold.Window first = hold.setHeld("L", false).closed().orElseThrow();
        hold.deliver(block(1));
        hold.setHeld("L", true);
        hold.deliver(block(2));
        BlockHold.Window second = hold.setHeld("L", false).closed().orElseThrow();
        assertEquals(1, first.sequence());
        assertEquals(2, second.sequence());
        assertTrue(hold.onPeerWindow(new BlockHold.Window("L", 2, new long[] {2})).isEmpty());
        assertArrayEquals(new long[] {0, 1}, ids(hold.onPeerWindow(new BlockHold.Window("L", 1, new long[] {}))));
        assertEquals(0, hold.heldBlocks());
        assertEquals(24, hold.lostBits("L"));
    }
}
