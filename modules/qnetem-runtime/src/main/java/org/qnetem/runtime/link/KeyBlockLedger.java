package org.qnetem.runtime.link;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.qnetem.physics.model.BinaryEntropy;

/**
 * The observer's book of a link's key blocks: pairs the two ends' reports of each block, checks that
 * they agree, and totals the key. A block is in flight from the moment it opens until both ends have
 * reported it.
 */
final class KeyBlockLedger {

    private final Map<Long, BlockRecord> waiting = new HashMap<>();
    private final Set<Long> opened = new HashSet<>();
    private final Set<String> reported = new HashSet<>();
    private final TreeMap<Long, BlockRecord> delivered = new TreeMap<>();
    private final TreeMap<Long, BlockRecord> aborted = new TreeMap<>();
    private long blocks;
    private long abortedBlocks;
    private long keyBits;
    private long leakedBits;
    private double shannonBits;
    private long secretBits;
    private long refillBits;
    private long deliveredBits;
    private long mismatchedKeys;
    private long keysFromAbortedBlocks;
    private long keysDeliveredTwice;
    private final Set<LinkRole> lostEnds = new HashSet<>();
    /** The first block id of the link's current life: reports of earlier lives' blocks come too late. */
    private long lifeStartsAt;

    /** What settling blocks for a lost end wrote off: blocks in flight, and keys only the surviving end delivered. */
    record WrittenOff(long blocks, long oneSidedKeys) {
    }

    void opened(long blockId) {
        if (blockId >= lifeStartsAt) {
            opened.add(blockId);
        }
    }

    /**
     * The link starts a new life whose block ids start at {@code firstBlockId}, with fresh engines at both ends:
     * both report again; the earlier lives' blocks were written off when their end was lost.
     */
    void newLife(long firstBlockId) {
        lifeStartsAt = firstBlockId;
        lostEnds.clear();
        waiting.keySet().removeIf(id -> id < firstBlockId);
        opened.removeIf(id -> id < firstBlockId);
    }

    /**
     * A block both ends have now reported: the record the ledger keeps for it (Bob's if delivered, the
     * aborting end's otherwise), whether both delivered it, and the QBER its ends estimated (NaN if none did).
     */
    record Finished(BlockRecord record, boolean delivered, double estimatedQber) {
    }

    /**
     * The end {@code role}'s state was lost with its cluster member: it will never report the blocks in flight,
     * so they are written off now (and any later report of the surviving end settles its block at once). A
     * key only the surviving end delivered is counted apart: it is lost, not a protocol fault.
     */
    WrittenOff endLost(LinkRole role) {
        lostEnds.add(role);
        long blocksLost = 0;
        long oneSided = 0;
        for (BlockRecord waitingRecord : List.copyOf(waiting.values())) {
            waiting.remove(waitingRecord.blockId());
            blocksLost++;
            oneSided += waitingRecord.delivered() ? 1 : 0;
        }
        blocksLost += opened.stream().filter(id -> !reported.contains(LinkRole.RECEIVER + "#" + id)
                && !reported.contains(LinkRole.TRANSMITTER + "#" + id)).count();
        opened.clear();
        return new WrittenOff(blocksLost, oneSided);
    }

    /** Books one end's report; returns the block once both ends have reported it. */
    Optional<Finished> record(BlockRecord record) {
        if (lostEnds.contains(record.role()) || record.blockId() < lifeStartsAt) {
            return Optional.empty();
        }
        if (!lostEnds.isEmpty()) {
            opened.remove(record.blockId());
            return Optional.empty();
        }
        if (!reported.add(record.role() + "#" + record.blockId())) {
            keysDeliveredTwice += record.delivered() ? 1 : 0;
            return Optional.empty();
        }
        BlockRecord other = waiting.remove(record.blockId());
        if (other == null) {
            waiting.put(record.blockId(), record);
            return Optional.empty();
        }
        double qber = Double.isNaN(record.estimatedQber()) ? other.estimatedQber() : record.estimatedQber();
        opened.remove(record.blockId());
        BlockRecord bobs = record.role() == LinkRole.RECEIVER ? record : other;
        if (record.delivered() && other.delivered()) {
            if (!record.sameKeyAs(other)) {
                mismatchedKeys++;
            }
            countDelivered(bobs);
            return Optional.of(new Finished(bobs, true, qber));
        }
        if (record.delivered() || other.delivered()) {
            keysFromAbortedBlocks++;
        }
        abortedBlocks++;
        BlockRecord kept = bobs.delivered() ? (bobs == record ? other : record) : bobs;
        aborted.put(record.blockId(), kept);
        return Optional.of(new Finished(kept, false, qber));
    }

    private void countDelivered(BlockRecord record) {
        BlockDetail detail = record.detail();
        blocks++;
        keyBits += detail.keyBits();
        leakedBits += detail.leakedBits();
        shannonBits += detail.keyBits() * BinaryEntropy.of(detail.keyQber());
        secretBits += detail.secretBits();
        refillBits += detail.refillBits();
        deliveredBits += detail.deliveredBits();
        delivered.put(record.blockId(), record);
    }

    /** Blocks opened but not yet reported by both ends. */
    int inFlight() {
        return unfinished().size();
    }

    private TreeSet<Long> unfinished() {
        TreeSet<Long> unfinished = new TreeSet<>(opened);
        unfinished.addAll(waiting.keySet());
        return unfinished;
    }

    /**
     * One line per block in flight, in block order: which end decided what, so that a block left undecided
     * names itself. {@code transmitter} and {@code receiver} name the nodes at ends a and b.
     */
    List<String> describeInFlight(String transmitter, String receiver) {
        List<String> lines = new ArrayList<>();
        for (long blockId : unfinished()) {
            BlockRecord decided = waiting.get(blockId);
            if (decided == null) {
                lines.add("block " + blockId + ": opened by " + receiver + ", decided at neither end");
                continue;
            }
            boolean atTransmitter = decided.role() == LinkRole.TRANSMITTER;
            String outcome = decided.delivered() ? ""
                    : " during " + decided.abortStage() + " (" + decided.abortReason() + ")";
            lines.add(String.format(Locale.ROOT, "block %d: %s %s it at %.6f s%s; %s has not decided it", blockId,
                    atTransmitter ? transmitter : receiver, decided.delivered() ? "delivered" : "aborted",
                    decided.finishedAtPs() / 1e12, outcome, atTransmitter ? receiver : transmitter));
        }
        return lines;
    }

    KeyStatistics statistics() {
        return new KeyStatistics(blocks, abortedBlocks, keyBits, leakedBits, shannonBits, secretBits, refillBits,
                deliveredBits, mismatchedKeys, keysFromAbortedBlocks, keysDeliveredTwice,
                chainedDigest(), delivered.values().toArray(BlockRecord[]::new), aborted.values().toArray(BlockRecord[]::new));
    }

    private String chainedDigest() {
        MessageDigest sha256 = BlockRecord.sha256();
        delivered.values().forEach(record -> sha256.update(record.keyDigest()));
        return HexFormat.of().formatHex(sha256.digest());
    }
}
