package org.qnetem.qkd.protocol;

import java.util.Arrays;
import java.util.TreeMap;
import org.qnetem.qkd.message.TestBasisBits;
import org.qnetem.qkd.sifting.SiftedBlock;

/**
 * The reference end's side (decoy BB84: Alice; BBM92: the responding end): keeps its sifted batches
 * until the correcting end names the block that takes them, then gathers exactly the batches named.
 * The reference end always sifts a batch before the correcting end does (the correcting end sifts on
 * the reference end's response), so they are all here.
 */
final class SiftedHalves {

    private final int classes;
    private final TreeMap<Long, SiftedBlock> batches = new TreeMap<>();

    SiftedHalves(int classes) {
        this.classes = classes;
    }

    void add(SiftedBlock batch) {
        if (batches.putIfAbsent(batch.batchSequence(), batch) != null) {
            throw new IllegalStateException("link " + batch.linkId() + ": batch " + batch.batchSequence()
                    + " sifted twice");
        }
    }

    /**
     * This end's material for the block the correcting end announced, or an exception naming the batch
     * it lacks. Batches before the block belong to blocks that never reached it (their announcement was
     * refused) and go.
     */
    BlockMaterial take(TestBasisBits announced) {
        batches.headMap(announced.firstBatch()).clear();
        long[] discarded = announced.discardedBatches();
        Arrays.sort(discarded);
        BlockMaterial.Builder block = new BlockMaterial.Builder(classes, announced.batchSequence(),
                announced.firstBatch());
        for (long s = announced.firstBatch(); s <= announced.lastBatch(); s++) {
            SiftedBlock batch = batches.remove(s);
            if (Arrays.binarySearch(discarded, s) >= 0) {
                block.discard(s);
            } else if (batch == null) {
                throw new IllegalStateException("block " + announced.batchSequence() + " takes batch " + s
                        + ", which this end has not sifted");
            } else {
                block.append(batch);
            }
        }
        return block.build();
    }

    void clear() {
        batches.clear();
    }

    int size() {
        return batches.size();
    }
}
