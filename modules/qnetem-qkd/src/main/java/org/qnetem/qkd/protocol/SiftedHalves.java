package org.qnetem.qkd.protocol;

import java.util.Arrays;
import java.util.TreeMap;
import org.qnetem.qkd.message.TestBasisBits;
import org.qnetem.qkd.sifting.SiftedBlock;

/**
 * Alice's side: keeps her sifted batches until Bob names the block that takes them, then gathers
 * exactly the batches he names. Alice always sifts a batch before Bob does, so they are all here.
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
     * Alice's material for the block Bob announced, or an exception naming the batch she lacks. Batches
     * before the block belong to blocks that never reached her (their announcement was refused) and go.
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
                        + ", which Alice has not sifted");
            } else {
                block.append(batch);
            }
        }
        return block.build();
    }

    int size() {
        return batches.size();
    }
}
