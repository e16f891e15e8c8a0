package org.qnetem.runtime.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetem.qkd.protocol.Incarnation;

/** The observer pairs both ends' reports of each block and counts every way they can disagree. */
class KeyBlockLedgerTest {

    private final KeyBlockLedger ledger = new KeyBlockLedger();

    private static BlockRecord delivered(LinkRole role, long block, int digestByte) {
        BlockDetail detail = new BlockDetail(0, 9, 100, new long[] {1000}, new long[] {200}, new long[] {2}, 0.01,
                0.01, 90, 12, 500.5, new String[] {"mu"}, new double[] {0.1}, 500, 100, 400);
        byte[] digest = new byte[32];
        digest[0] = (byte) digestByte;
        return new BlockRecord(role, block, 1000 + (role == LinkRole.RECEIVER ? 1 : 0), null, null, detail, digest);
    }

    private static BlockRecord aborted(LinkRole role, long block) {
        return new BlockRecord(role, block, 2000, "VERIFICATION", "tag mismatch", null, new byte[0]);
    }

    @Test
    void aBlockIsInFlightFromItsOpeningUntilBothEndsReportIt() {
        ledger.opened(0);
        assertEquals(1, ledger.inFlight());
        ledger.record(delivered(LinkRole.TRANSMITTER, 0, 7));
        assertEquals(1, ledger.inFlight());
        ledger.record(delivered(LinkRole.RECEIVER, 0, 7));
        assertEquals(0, ledger.inFlight());
        KeyStatistics keys = ledger.statistics();
        assertEquals(1, keys.blocks());
        assertEquals(500, keys.secretBits());
        assertEquals(400, keys.deliveredBits());
        assertEquals(100, keys.refillBits());
        assertEquals(0, keys.mismatchedKeys());
        assertEquals(LinkRole.RECEIVER, keys.delivered()[0].role(), "Bob's record is kept, whichever came last");
    }

    @Test
    void anEndLostWithItsMemberHasItsBlocksInFlightWrittenOffAndNeverCountsAsAProtocolFault() {
        ledger.opened(1);
        ledger.record(delivered(LinkRole.RECEIVER, 1, 3));
        ledger.opened(2);
        ledger.opened(3);
        ledger.record(aborted(LinkRole.RECEIVER, 3));
        ledger.record(delivered(LinkRole.RECEIVER, 4, 9));
        ledger.record(delivered(LinkRole.TRANSMITTER, 4, 9));

        KeyBlockLedger.WrittenOff off = ledger.endLost(LinkRole.TRANSMITTER);
        assertEquals(3, off.blocks(), "blocks 1, 2 and 3 were in flight");
        assertEquals(1, off.oneSidedKeys(), "Bob alone had delivered block 1");
        assertEquals(0, ledger.inFlight());

        ledger.opened(5);
        ledger.record(aborted(LinkRole.RECEIVER, 5));
        ledger.record(delivered(LinkRole.TRANSMITTER, 2, 3));
        assertEquals(0, ledger.inFlight(), "the surviving end's later reports settle at once, the lost end's are void");
        KeyStatistics keys = ledger.statistics();
        assertEquals(1, keys.blocks(), "only block 4, which both ends finished, counts");
        assertEquals(0, keys.keysFromAbortedBlocks() + keys.mismatchedKeys() + keys.keysDeliveredTwice());
    }

    @Test
    void aNewLifeCountsBothEndsAgainAndIgnoresWhatIsLeftOfTheOldOne() {
        ledger.opened(1);
        ledger.record(delivered(LinkRole.RECEIVER, 1, 3));
        ledger.endLost(LinkRole.TRANSMITTER);
        long firstOfLife = new Incarnation(1, 50).firstBlockId();

        ledger.newLife(firstOfLife);
        ledger.opened(2);
        ledger.record(delivered(LinkRole.RECEIVER, 2, 4));
        ledger.record(delivered(LinkRole.TRANSMITTER, 1, 3));
        assertEquals(0, ledger.inFlight(), "blocks of the old life are not waited for");
        ledger.opened(firstOfLife);
        assertEquals(1, ledger.inFlight());
        ledger.record(delivered(LinkRole.RECEIVER, firstOfLife, 5));
        ledger.record(delivered(LinkRole.TRANSMITTER, firstOfLife, 5));
        assertEquals(0, ledger.inFlight());
        KeyStatistics keys = ledger.statistics();
        assertEquals(1, keys.blocks(), "the new life's block, reported by both ends, counts");
        assertEquals(firstOfLife, keys.delivered()[0].blockId());
    }

    @Test
    void describesEachBlockInFlightWithWhatEachEndDecided() {
        ledger.opened(3);
        ledger.opened(5);
        ledger.record(aborted(LinkRole.RECEIVER, 5));
        ledger.record(delivered(LinkRole.TRANSMITTER, 4, 1));
        ledger.opened(6);
        ledger.record(delivered(LinkRole.RECEIVER, 6, 1));
        ledger.record(delivered(LinkRole.TRANSMITTER, 6, 1));
        assertEquals(List.of(
                "block 3: opened by BOB, decided at neither end",
                "block 4: ALICE delivered it at 0.000000 s; BOB has not decided it",
                "block 5: BOB aborted it at 0.000000 s during VERIFICATION (tag mismatch); ALICE has not decided it"),
                ledger.describeInFlight("ALICE", "BOB"));
    }

    @Test
    void countsMismatchedKeysKeysFromAbortedBlocksAndRepeatedDeliveries() {
        ledger.record(delivered(LinkRole.RECEIVER, 0, 1));
        ledger.record(delivered(LinkRole.TRANSMITTER, 0, 2));
        ledger.record(delivered(LinkRole.TRANSMITTER, 1, 3));
        ledger.record(aborted(LinkRole.RECEIVER, 1));
        ledger.record(aborted(LinkRole.RECEIVER, 2));
        ledger.record(aborted(LinkRole.TRANSMITTER, 2));
        ledger.record(delivered(LinkRole.RECEIVER, 0, 1));

        KeyStatistics keys = ledger.statistics();
        assertEquals(1, keys.mismatchedKeys());
        assertEquals(1, keys.keysFromAbortedBlocks());
        assertEquals(1, keys.keysDeliveredTwice());
        assertEquals(1, keys.blocks());
        assertEquals(2, keys.abortedBlocks());
        assertArrayEquals(new long[] {1, 2}, Arrays.stream(keys.aborted()).mapToLong(BlockRecord::blockId)
                .toArray());
        assertEquals("tag mismatch", keys.aborted()[0].abortReason());
    }

    @Test
    void theKeyDigestChainsTheBlocksInBlockOrderWhateverOrderTheyFinish() {
        KeyBlockLedger other = new KeyBlockLedger();
        for (long block : new long[] {0, 1, 2}) {
            ledger.record(delivered(LinkRole.RECEIVER, block, (int) block));
            ledger.record(delivered(LinkRole.TRANSMITTER, block, (int) block));
        }
        for (long block : new long[] {2, 0, 1}) {
            other.record(delivered(LinkRole.TRANSMITTER, block, (int) block));
            other.record(delivered(LinkRole.RECEIVER, block, (int) block));
        }
        assertEquals(ledger.statistics().keyDigest(), other.statistics().keyDigest());
        KeyBlockLedger fewer = new KeyBlockLedger();
        fewer.record(delivered(LinkRole.RECEIVER, 0, 0));
        fewer.record(delivered(LinkRole.TRANSMITTER, 0, 0));
        assertNotEquals(ledger.statistics().keyDigest(), fewer.statistics().keyDigest());
    }
}
