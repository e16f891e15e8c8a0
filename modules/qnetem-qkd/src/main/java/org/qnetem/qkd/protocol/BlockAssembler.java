package org.qnetem.qkd.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.qnetem.qkd.sifting.SiftedBlock;

/**
 * The correcting end's side (decoy BB84: Bob; BBM92: the announcing end): takes sifted batches in any
 * order, walks them in batch order and closes a key block at the first batch boundary where the block
 * holds at least {@code keyBlockBits} key-basis bits. This end decides the blocks and tells the
 * reference end which batches each spans.
 */
final class BlockAssembler {

    private final int classes;
    private final long keyBlockBits;
    private final TreeMap<Long, SiftedBlock> waiting = new TreeMap<>();
    private final TreeMap<Long, Boolean> discardedAhead = new TreeMap<>();
    private BlockMaterial.Builder current;
    private long nextBatch;
    private long nextBlockId;

    /** The first block has id {@code firstBlockId} and starts at batch {@code firstBatch}. */
    BlockAssembler(int classes, long keyBlockBits, long firstBatch, long firstBlockId) {
        this.classes = classes;
        this.keyBlockBits = keyBlockBits;
        this.nextBatch = firstBatch;
        this.nextBlockId = firstBlockId;
        this.current = new BlockMaterial.Builder(classes, firstBlockId, firstBatch);
    }

    void add(SiftedBlock batch) {
        long sequence = batch.batchSequence();
        if (sequence < nextBatch || waiting.containsKey(sequence) || discardedAhead.containsKey(sequence)) {
            throw new IllegalStateException("link " + batch.linkId() + ": batch " + sequence + " sifted twice");
        }
        waiting.put(sequence, batch);
    }

    /** A batch that will never be sifted; blocks skip it. Idempotent. */
    void discard(long sequence) {
        if (sequence >= nextBatch && !waiting.containsKey(sequence)) {
            discardedAhead.put(sequence, Boolean.TRUE);
        }
    }

    /** The blocks completed by the batches received so far. */
    List<BlockMaterial> closedBlocks() {
        List<BlockMaterial> closed = new ArrayList<>();
        while (true) {
            SiftedBlock batch = waiting.remove(nextBatch);
            if (batch != null) {
                current.append(batch);
            } else if (discardedAhead.remove(nextBatch) != null) {
                current.discard(nextBatch);
            } else {
                return closed;
            }
            nextBatch++;
            if (current.keyBitCount() >= keyBlockBits) {
                closed.add(current.build());
                current = new BlockMaterial.Builder(classes, ++nextBlockId, nextBatch);
            }
        }
    }

    /**
     * The link stopped: the block being gathered and the batches sifted ahead of it are lost (the other
     * end loses its halves too), and the next block starts at the next batch. Returns the batches dropped
     * ahead, which the next block names as discarded.
     */
    List<Long> abandonOpenBlock() {
        List<Long> dropped = new ArrayList<>(waiting.keySet());
        dropped.forEach(sequence -> discardedAhead.put(sequence, Boolean.TRUE));
        waiting.clear();
        current = new BlockMaterial.Builder(classes, ++nextBlockId, nextBatch);
        return dropped;
    }

    /** Key-basis bits gathered towards the block not yet closed. */
    long openBlockKeyBits() {
        return current.keyBitCount();
    }
}
