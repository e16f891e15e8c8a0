package org.qnetem.runtime.link;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
    private final TreeMap<Long, byte[]> deliveredDigests = new TreeMap<>();
    private final List<BlockRecord> aborted = new ArrayList<>();
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

    void opened(long blockId) {
        opened.add(blockId);
    }

    void record(BlockRecord record) {
        if (!reported.add(record.role() + "#" + record.blockId())) {
            keysDeliveredTwice += record.delivered() ? 1 : 0;
            return;
        }
        BlockRecord other = waiting.remove(record.blockId());
        if (other == null) {
            waiting.put(record.blockId(), record);
            return;
        }
        opened.remove(record.blockId());
        if (record.delivered() && other.delivered()) {
            if (!record.sameKeyAs(other)) {
                mismatchedKeys++;
            }
            countDelivered(record);
        } else {
            if (record.delivered() || other.delivered()) {
                keysFromAbortedBlocks++;
            }
            abortedBlocks++;
            aborted.add(record.delivered() ? other : record);
        }
    }

    private void countDelivered(BlockRecord record) {
        blocks++;
        keyBits += record.keyBits();
        leakedBits += record.leakedBits();
        shannonBits += record.keyBits() * BinaryEntropy.of(record.keyQber());
        secretBits += record.secretBits();
        refillBits += record.refillBits();
        deliveredBits += record.deliveredBits();
        deliveredDigests.put(record.blockId(), record.keyDigest());
    }

    /** Blocks opened but not yet reported by both ends. */
    int inFlight() {
        Set<Long> unfinished = new HashSet<>(opened);
        unfinished.addAll(waiting.keySet());
        return unfinished.size();
    }

    KeyStatistics statistics() {
        return new KeyStatistics(blocks, abortedBlocks, keyBits, leakedBits, shannonBits, secretBits, refillBits,
                deliveredBits, mismatchedKeys, keysFromAbortedBlocks, keysDeliveredTwice,
                chainedDigest(), aborted.toArray(BlockRecord[]::new));
    }

    private String chainedDigest() {
        MessageDigest sha256 = BlockRecord.sha256();
        deliveredDigests.values().forEach(sha256::update);
        return HexFormat.of().formatHex(sha256.digest());
    }
}
