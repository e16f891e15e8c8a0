package org.qnetem.kms.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetem.kms.pool.LinkKeyPool.MirrorState;
import org.qnetem.kms.pool.LinkKeyPool.Segment;
import org.qnetem.qkd.authentication.AuthenticationVerdict;

class LinkKeyPoolTest {

    private static byte[] block(int bytes, int salt) {
        byte[] key = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            key[i] = (byte) (i * 31 + salt);
        }
        return key;
    }

    private static LinkKeyPool[] ends(long capacityBits) {
        LinkKeyPool a = new LinkKeyPool("A", "B", capacityBits, 0);
        LinkKeyPool b = new LinkKeyPool("B", "A", capacityBits, 0);
        a.addLink("L");
        b.addLink("L");
        return new LinkKeyPool[] {a, b};
    }

    @Test
    void countingABlockKeepsTheLevelsThatAddingItWould() {
        LinkKeyPool added = ends(8 * 3000)[0];
        LinkKeyPool counted = ends(8 * 3000)[0];
        for (int i = 0; i < 5; i++) {
            added.addBlock("L", i, block(1536, i), 8 * 1536);
            counted.countBlock(8 * 1536);
            assertEquals(added.suppliedBits(), counted.suppliedBits(), "block " + i);
            assertEquals(added.ownedBits(), counted.ownedBits(), "block " + i);
            assertEquals(added.overflowBits(), counted.overflowBits(), "block " + i);
        }
        assertEquals(8 * 1500, counted.ownedBits(), "the share is full: half the capacity");
        assertEquals(8 * (5 * 512 - 1500), counted.overflowBits());
    }

    @Test
    void eachEndSpendsItsOwnHalfAndThePeerReadsTheSameBitsByName() {
        LinkKeyPool[] ends = ends(1 << 20);
        byte[] key = block(1536, 7);
        ends[0].addBlock("L", 0, key, 8 * 1536);
        ends[1].addBlock("L", 0, key, 8 * 1536);
        // 512 authentication bytes, then 512 bytes each: A owns [512, 1024), B owns [1024, 1536).
        assertEquals(8 * 512, ends[0].ownedBits());
        LinkKeyPool.Taken fromA = ends[0].take(100);
        assertEquals(List.of(new Segment("L", 0, 8 * 512, 800)), fromA.segments());
        assertArrayEquals(Arrays.copyOfRange(key, 512, 612), fromA.bits());
        LinkKeyPool.Taken fromB = ends[1].take(100);
        assertEquals(List.of(new Segment("L", 0, 8 * 1024, 800)), fromB.segments());
        assertArrayEquals(fromA.bits(), ends[1].takeMirror(fromA.segments()));
        assertArrayEquals(fromB.bits(), ends[0].takeMirror(fromB.segments()));
        assertEquals(MirrorState.INVALID, ends[1].mirrorState(fromA.segments()), "used bits cannot be read again");
        assertEquals(MirrorState.INVALID, ends[1].mirrorState(List.of(new Segment("L", 0, 8 * 1024, 8))),
                "B cannot read its own share from the mirror");
        assertEquals(MirrorState.WAIT, ends[1].mirrorState(List.of(new Segment("L", 1, 8 * 512, 8))));
    }

    @Test
    void bothEndsTagAndVerifyWithTheSameAuthenticationKey() {
        LinkKeyPool[] ends = ends(1 << 20);
        byte[] key = block(2048, 3);
        ends[0].addBlock("L", 0, key, 8 * 2048);
        ends[1].addBlock("L", 0, key, 8 * 2048);
        byte[] message = {1, 2, 3};
        var tag = ends[0].tag(ends[0].authenticationLink(0).orElseThrow(), message);
        assertEquals(AuthenticationVerdict.AUTHENTIC, ends[1].verify("L", message, tag));
        var forged = ends[1].tag("L", message);
        assertEquals(AuthenticationVerdict.TAG_MISMATCH, ends[0].verify("L", new byte[] {1, 2, 4}, forged));
    }

    @Test
    void aLongRunOfBlocksWithNoConsumptionKeepsEveryPoolWithinItsCapAndBothEndsInStep() {
        long capacity = 8 * 2 * 4096;
        LinkKeyPool[] ends = ends(capacity);
        long window = ends[0].authenticationWindowBits();
        byte[] message = {4, 5, 6};
        for (int block = 0; block < 500; block++) {
            byte[] key = block(3072, block);
            for (LinkKeyPool end : ends) {
                end.addBlock("L", block, key, 8 * 3072);
            }
            // Each end tells the other which bits of its share it dropped, as a KME's next message does.
            List<Segment> droppedByA = ends[0].drainDiscards();
            List<Segment> droppedByB = ends[1].drainDiscards();
            if (!droppedByA.isEmpty()) {
                ends[1].takeMirror(droppedByA);
            }
            if (!droppedByB.isEmpty()) {
                ends[0].takeMirror(droppedByB);
            }
            for (LinkKeyPool end : ends) {
                assertTrue(end.ownedBits() <= capacity / 2, "own share, block " + block + ": " + end.ownedBits());
                assertTrue(end.mirrorBits() <= capacity / 2, "mirror, block " + block + ": " + end.mirrorBits());
                assertTrue(end.authenticationBits() <= window,
                        "authentication, block " + block + ": " + end.authenticationBits());
            }
            assertEquals(ends[0].ownedBits(), ends[1].mirrorBits(), "B holds exactly what A may still send");
            assertEquals(ends[1].ownedBits(), ends[0].mirrorBits(), "A holds exactly what B may still send");
            if (block % 50 == 49) {
                // The ends still agree on every pad and every bit: a message and a pad cross both ways.
                var tag = ends[0].tag("L", message);
                assertEquals(AuthenticationVerdict.AUTHENTIC, ends[1].verify("L", message, tag), "block " + block);
                var back = ends[1].tag("L", message);
                assertEquals(AuthenticationVerdict.AUTHENTIC, ends[0].verify("L", message, back), "block " + block);
                LinkKeyPool.Taken pad = ends[1].take(64);
                assertArrayEquals(pad.bits(), ends[0].takeMirror(pad.segments()));
            }
        }
        assertTrue(ends[0].overflowBits() > 50 * capacity, "the run went far past every cap");
    }

    @Test
    void aMessageTaggedBeforeThePeerHasItsPadWaitsAndOneFromAnEndHalfAWindowBehindStillVerifies() {
        LinkKeyPool[] ends = ends(8 * 2 * 4096);
        long window = ends[0].authenticationWindowBits();
        byte[] message = {7};
        int blocks = 0;
        for (; blocks < 40; blocks++) {
            byte[] key = block(3072, blocks);
            ends[0].addBlock("L", blocks, key, 8 * 3072);
            ends[1].addBlock("L", blocks, key, 8 * 3072);
        }
        // A hears of one more block first and tags with a pad B does not have yet: B waits for the block.
        byte[] next = block(3072, blocks);
        ends[0].addBlock("L", blocks, next, 8 * 3072);
        var early = ends[0].tag("L", message);
        ends[1].addBlock("L", blocks, next, 8 * 3072);
        assertTrue(ends[1].canVerify("L", early));
        assertEquals(AuthenticationVerdict.AUTHENTIC, ends[1].verify("L", message, early));
        blocks++;
        // B is behind by less than half a window of authentication key when it tags: A, ahead, still verifies.
        var late = ends[1].tag("L", message);
        int ahead = (int) (window / 2 / (8 * 1024)) - 1;
        for (int i = 0; i < ahead; i++, blocks++) {
            ends[0].addBlock("L", blocks, block(3072, blocks), 8 * 3072);
        }
        assertTrue(ends[0].canVerify("L", late));
        assertEquals(AuthenticationVerdict.AUTHENTIC, ends[0].verify("L", message, late));
    }

    @Test
    void aFullShareKeepsWhatFitsAndReportsTheRestForThePeer() {
        LinkKeyPool[] ends = ends(8 * 2 * 600);
        byte[] key = block(1536, 1);
        ends[0].addBlock("L", 0, key, 8 * 1536);
        ends[0].addBlock("L", 1, key, 8 * 1536);
        assertEquals(8 * 600, ends[0].ownedBits());
        assertEquals(8 * (1024 - 600), ends[0].overflowBits());
        assertEquals(List.of(new Segment("L", 1, 8 * (512 + 88), 8 * 424)), ends[0].drainDiscards());
        assertThrows(IllegalArgumentException.class, () -> ends[0].take(601));
    }
}
