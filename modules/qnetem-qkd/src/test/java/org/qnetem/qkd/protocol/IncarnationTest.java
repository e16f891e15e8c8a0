package org.qnetem.qkd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetem.physics.attack.Attack;

/** A link's later life: fresh engines at both ends, starting mid-stream, with a new pre-shared key. */
class IncarnationTest {

    private static final PostProcessingSettings SMALL_BLOCKS = PostProcessingSettings.defaults()
            .withKeyBlockBits(100_000).withPreSharedKeyBits(1L << 26);
    private static final long BATCH_PULSES = 10_000_000;

    @Test
    void aLaterLifeStartingAtBatch500MakesIdenticalKeysWithBlockIdsOfItsOwn() {
        Incarnation second = new Incarnation(1, 500);
        InMemoryLink link = new InMemoryLink(InMemoryLink.HUNDRED_KILOBIT_BLOCKS, 5, Attack.NONE, SMALL_BLOCKS, 11,
                second, second).runUntilBlocks(3, BATCH_PULSES, 2_000);

        List<KeyBlock> bobKeys = link.keyBlocks(link.bobOutcomes);
        List<KeyBlock> aliceKeys = link.keyBlocks(link.aliceOutcomes);
        assertEquals(3, link.bobOutcomes.size());
        assertEquals(3, bobKeys.size(), "a life that starts at batch 500 waits for no earlier batch");
        for (int i = 0; i < bobKeys.size(); i++) {
            assertEquals(second.firstBlockId() + i, bobKeys.get(i).blockId());
            assertEquals(bobKeys.get(i).blockId(), aliceKeys.get(i).blockId());
            assertEquals(bobKeys.get(i).secretKey(), aliceKeys.get(i).secretKey());
        }
    }

    @Test
    void endsOfDifferentLivesHoldDifferentPreSharedKeysAndMakeNoKey() {
        InMemoryLink link = new InMemoryLink(InMemoryLink.HUNDRED_KILOBIT_BLOCKS, 5, Attack.NONE, SMALL_BLOCKS, 11,
                Incarnation.FIRST, new Incarnation(1, 0)).runUntilBlocks(1, BATCH_PULSES, 200);

        assertTrue(link.keyBlocks(link.aliceOutcomes).isEmpty());
        assertTrue(link.keyBlocks(link.bobOutcomes).isEmpty());
        assertTrue(link.alice.authentication().refusedMessages() > 0, "Bob's tags fail against Alice's new key");
    }

    @Test
    void eachLifeDrawsItsOwnPreSharedKeyFromTheRunSeed() {
        assertEquals(7L, Incarnation.FIRST.preSharedKeySeed(7L));
        assertNotEquals(new Incarnation(1, 9).preSharedKeySeed(7L), new Incarnation(2, 9).preSharedKeySeed(7L));
        assertNotEquals(7L, new Incarnation(1, 9).preSharedKeySeed(7L));
        assertThrows(IllegalArgumentException.class, () -> new Incarnation(0, 5));
        assertThrows(IllegalArgumentException.class, () -> new Incarnation(1, -1));
    }
}
