package org.qnetem.qkd.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.physics.batch.StatisticalCounts;
import org.qnetem.physics.model.BinaryEntropy;

/**
 * Statistical fidelity's stand-in for a link's classical protocol: takes the counts of each batch in
 * batch order, closes a key block at the first batch boundary where it holds at least
 * {@code keyBlockBits} key-basis bits (as {@link BlockAssembler} does), and gives the block the length
 * the same {@link SecureLength} gives its counts, with error correction leaking
 * λ_EC = ⌈f_EC · n_X · h(key-basis QBER)⌉ (the expectation's model of Cascade) instead of what Cascade
 * disclosed. A block is aborted by the same parameter-estimation rules as in the protocol.
 *
 * <p>The key material of a delivered block is drawn once, for both ends, from AES-CTR keyed by (run seed,
 * link, {@value #KEY_PURPOSE}) at the block's counter ({@link StatisticalKeyMaterial}): it stands in for
 * the protocol's output, so that key pools and digests work as in a full run. It is a cryptographically
 * secure generator, but deterministic: anyone with the run seed can recompute it. There is no
 * authentication, so no refill: the whole secret key is delivered.
 */
public final class StatisticalBlocks {

    /** Purpose of the stream the blocks' key material is drawn from. */
    public static final String KEY_PURPOSE = "statistical-key";

    private final String linkId;
    private final StatisticalKeyMaterial keyMaterial;
    private final PostProcessingSettings settings;
    private final SecureLength secureLength;
    private final double errorCorrectionEfficiency;
    private final int classes;
    private long nextBatch;
    private long nextBlockId;
    private long firstBatch;
    private long openedAtPs = -1;
    private long[] key;
    private long[] keyErrors;
    private long[] test;
    private long[] testErrors;
    private boolean resuming;

    public StatisticalBlocks(String linkId, long runSeed, PostProcessingSettings settings, SecureLength secureLength,
                             double errorCorrectionEfficiency) {
        this(linkId, runSeed, Incarnation.FIRST, settings, secureLength, errorCorrectionEfficiency);
    }

    /** The blocks of the link's life {@code life}: from its first batch, with its block ids. */
    public StatisticalBlocks(String linkId, long runSeed, Incarnation life, PostProcessingSettings settings,
                             SecureLength secureLength, double errorCorrectionEfficiency) {
        this.linkId = linkId;
        this.nextBatch = life.firstBatch();
        this.firstBatch = life.firstBatch();
        this.nextBlockId = life.firstBlockId();
        // A later life may begin stopped (a node at an end down for a crash): its first batch then comes later.
        this.resuming = life.number() > 0;
        this.keyMaterial = new StatisticalKeyMaterial(runSeed, linkId, KEY_PURPOSE);
        this.settings = settings;
        this.secureLength = secureLength;
        this.errorCorrectionEfficiency = errorCorrectionEfficiency;
        this.classes = secureLength.classes();
        reset();
    }

    /**
     * Adds batch {@code sequence} (batches must come in order, from 0) that started at {@code startPs} and
     * whose counts are known at {@code endPs}; returns the blocks it closed (at most one).
     */
    public List<BlockOutcome> add(long sequence, long startPs, long endPs, StatisticalCounts counts) {
        if (resuming && sequence > nextBatch) {
            nextBatch = sequence;
            firstBatch = sequence;
        }
        resuming = false;
        if (sequence != nextBatch) {
            throw new IllegalStateException("link " + linkId + ": batch " + sequence + " after " + (nextBatch - 1));
        }
        if (counts.keyDetections().length != classes) {
            throw new IllegalArgumentException("link " + linkId + ": " + counts.keyDetections().length
                    + " intensity classes, the formula expects " + classes);
        }
        nextBatch++;
        if (openedAtPs < 0) {
            openedAtPs = startPs;
        }
        add(key, counts.keyDetections());
        add(keyErrors, counts.keyErrors());
        add(test, counts.testDetections());
        add(testErrors, counts.testErrors());
        long keyBits = 0;
        for (long bits : key) {
            keyBits += bits;
        }
        if (keyBits < settings.keyBlockBits()) {
            return List.of();
        }
        BlockOutcome closed = close(sequence, endPs, keyBits);
        reset();
        firstBatch = nextBatch;
        return List.of(closed);
    }

    /** Key-basis bits gathered towards the block not yet closed. */
    public long openBlockKeyBits() {
        long bits = 0;
        for (long k : key) {
            bits += k;
        }
        return bits;
    }

    private BlockOutcome close(long lastBatch, long nowPs, long keyBits) {
        long blockId = nextBlockId++;
        BlockCounts counts = new BlockCounts(key, test, testErrors);
        Optional<String> abort = BlockRules.estimationAbortReason(counts, settings, secureLength);
        if (abort.isPresent()) {
            return new AbortedBlock(linkId, blockId, nowPs, BlockStage.PARAMETER_ESTIMATION, abort.get(),
                    counts.testQber());
        }
        long errors = 0;
        for (long e : keyErrors) {
            errors += e;
        }
        double keyQber = (double) errors / keyBits;
        long leaked = (long) Math.ceil(errorCorrectionEfficiency * keyBits * BinaryEntropy.of(keyQber));
        SecretLength secret = secureLength.evaluate(counts, leaked);
        PackedBits material = keyMaterial.block(blockId, Math.toIntExact(secret.length()));
        return new KeyBlock(linkId, blockId, firstBatch, lastBatch, openedAtPs, nowPs, counts, counts.testQber(),
                keyQber, leaked, 0, keyQber > 0 ? errorCorrectionEfficiency : Double.NaN, 0, secret, 0, material);
    }

    /**
     * The link stopped at {@code nowPs}: the block being gathered, if it has any batch, is aborted for
     * {@code reason}; the next block starts with the next batch that arrives, however many were skipped.
     */
    public Optional<BlockOutcome> abandon(long nowPs, String reason) {
        resuming = true;
        if (openedAtPs < 0) {
            return Optional.empty();
        }
        reset();
        firstBatch = nextBatch;
        return Optional.of(new AbortedBlock(linkId, nextBlockId++, nowPs, BlockStage.PARAMETER_ESTIMATION, reason));
    }

    private void reset() {
        key = new long[classes];
        keyErrors = new long[classes];
        test = new long[classes];
        testErrors = new long[classes];
        openedAtPs = -1;
    }

    private static void add(long[] into, long[] counts) {
        for (int k = 0; k < into.length; k++) {
            into[k] += counts[k];
        }
    }
}
