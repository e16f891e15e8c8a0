package org.qnetem.qkd.protocol;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.qkd.authentication.AuthenticationKeyPool;
import org.qnetem.qkd.authentication.Authenticator;
import org.qnetem.qkd.hashing.PolynomialDigest;
import org.qnetem.qkd.message.BlockAbort;
import org.qnetem.qkd.message.BlockAccepted;
import org.qnetem.qkd.message.CascadeComplete;
import org.qnetem.qkd.message.ClassicalMessage;
import org.qnetem.qkd.message.ErrorEstimate;
import org.qnetem.qkd.message.KeyConfirmation;
import org.qnetem.qkd.message.ParityRequest;
import org.qnetem.qkd.message.TestBasisBits;
import org.qnetem.qkd.reconciliation.CascadeAlice;
import org.qnetem.qkd.reconciliation.CascadeSettings;
import org.qnetem.qkd.reconciliation.ReconciliationResult;
import org.qnetem.qkd.verification.KeyVerification;

/**
 * Alice's post-processing: her key is the reference. She counts the test-basis errors Bob's disclosed
 * bits reveal, answers Cascade, then fixes the block's secret length, verification hash and Toeplitz
 * seed. She delivers her key only when Bob has accepted the block. In BBM92 the responding end plays
 * Alice's part, so messages name the other end "the peer".
 *
 * <p>Once she has sent her confirmation she waits for Bob's acceptance or abort, however long: he may
 * have accepted already, so giving up would leave key at one end only. She sends the confirmation again
 * each time the settings' timeout passes without an answer (the first may have been lost with a crashed
 * node), and keeps such blocks when the link stops. A block that waits longer than the timeout for Bob
 * before she confirmed it is aborted.
 */
final class PostProcessingAlice {

    /** Purpose of Alice's private stream for the verification points and the Toeplitz seed she announces. */
    static final String CONFIRMATION_PURPOSE = "key-confirmation";

    private final String linkId;
    private final PostProcessingSettings settings;
    private final SecureLength secureLength;
    private final CascadeSettings cascade;
    private final AuthenticationKeyPool pool;
    private final StreamKey confirmationKeys;
    private final Map<Long, Block> blocks = new HashMap<>();

    private static final class Block {
        final BlockMaterial material;
        final long openedAtPs;
        final BlockCounts counts;
        final CascadeAlice cascade;
        long lastHeardPs;
        KeyConfirmation confirmation;
        BlockStage stage = BlockStage.ERROR_CORRECTION;
        ReconciliationResult reconciled;
        SecretLength length;
        long refill;
        PackedBits secret;

        Block(BlockMaterial material, long openedAtPs, BlockCounts counts, CascadeAlice cascade) {
            this.material = material;
            this.openedAtPs = openedAtPs;
            this.counts = counts;
            this.cascade = cascade;
            this.lastHeardPs = openedAtPs;
        }
    }

    PostProcessingAlice(String linkId, PostProcessingSettings settings, SecureLength secureLength,
                        CascadeSettings cascade, AuthenticationKeyPool pool, long runSeed) {
        this.linkId = linkId;
        this.settings = settings;
        this.secureLength = secureLength;
        this.cascade = cascade;
        this.pool = pool;
        this.confirmationKeys = new StreamKey(runSeed, linkId, CONFIRMATION_PURPOSE, 0);
    }

    int blocksInProgress() {
        return blocks.size();
    }

    /** Bob opened a block: Alice's own material for it is {@code mine}. */
    void open(TestBasisBits announced, BlockMaterial mine, long nowPs, Outbox out) {
        long blockId = announced.batchSequence();
        PackedBits bobs = announced.bits();
        if (bobs.length() != mine.testBits().length()) {
            refuse(blockId, nowPs, "peer disclosed " + bobs.length()
                    + " test bits, this end has " + mine.testBits().length(), out);
            return;
        }
        long[] errors = errorsPerClass(bobs, mine);
        BlockCounts counts = new BlockCounts(mine.keyCounts(), mine.testCounts(), errors);
        Optional<String> abortReason = BlockRules.estimationAbortReason(counts, settings, secureLength);
        if (abortReason.isPresent()) {
            out.send(new BlockAbort(linkId, blockId, abortReason.get()));
            out.finish(new AbortedBlock(linkId, blockId, nowPs, BlockStage.PARAMETER_ESTIMATION, abortReason.get(),
                    counts.testQber()));
            return;
        }
        blocks.put(blockId, new Block(mine, nowPs, counts,
                new CascadeAlice(linkId, blockId, mine.keyBits(), cascade)));
        out.send(new ErrorEstimate(linkId, blockId, errors));
    }

    private static long[] errorsPerClass(PackedBits bobs, BlockMaterial mine) {
        long[] errors = new long[mine.testCounts().length];
        long[] theirs = bobs.toWords();
        long[] own = mine.testBits().toWords();
        byte[] classes = mine.testClasses();
        for (int w = 0; w < own.length; w++) {
            for (long differing = theirs[w] ^ own[w]; differing != 0; differing &= differing - 1) {
                errors[classes[64 * w + Long.numberOfTrailingZeros(differing)]]++;
            }
        }
        return errors;
    }

    /**
     * Handles a block message; messages about blocks that already ended are late and change nothing. A
     * message the protocol cannot have produced (Cascade refuses it, or it breaks a record's rules)
     * aborts its block.
     */
    void onMessage(ClassicalMessage message, long nowPs, Outbox out) {
        Block block = blocks.get(message.batchSequence());
        if (block == null) {
            return;
        }
        block.lastHeardPs = Math.max(block.lastHeardPs, nowPs);
        try {
            if (message instanceof ParityRequest request) {
                BlockRules.requireStage(block.stage, BlockStage.ERROR_CORRECTION, message);
                out.send(block.cascade.onParityRequest(request));
            } else if (message instanceof CascadeComplete complete) {
                BlockRules.requireStage(block.stage, BlockStage.ERROR_CORRECTION, message);
                onCascadeComplete(block, block.cascade.onComplete(complete), nowPs, out);
            } else if (message instanceof BlockAccepted accepted) {
                BlockRules.requireStage(block.stage, BlockStage.PRIVACY_AMPLIFICATION, message);
                onAccepted(block, accepted, nowPs, out);
            } else if (message instanceof BlockAbort abort) {
                end(block, nowPs, "peer aborted: " + abort.reason(), out);
            } else {
                abort(block, nowPs, "unexpected " + message.getClass().getSimpleName(), out);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            abort(block, nowPs, e.getMessage(), out);
        }
    }

    /** Aborts a block because a message about it could not be trusted. */
    void abort(long blockId, long nowPs, String reason, Outbox out) {
        Block block = blocks.get(blockId);
        if (block != null) {
            abort(block, nowPs, reason, out);
        }
    }

    private void onCascadeComplete(Block block, ReconciliationResult reconciled, long nowPs, Outbox out) {
        block.reconciled = reconciled;
        block.stage = BlockStage.VERIFICATION;
        SecretLength length = secureLength.evaluate(block.counts, reconciled.leakedBits());
        if (length.length() == 0) {
            abort(block, nowPs, String.format(Locale.ROOT, "no secret key after error correction leaked "
                    + "%d bits (bound %.0f bits)", reconciled.leakedBits(), length.lengthBound()), out);
            return;
        }
        long blockId = block.material.blockId();
        RandomStream fresh = new RandomStream(confirmationKeys.withSequence(blockId));
        KeyVerification verification = KeyVerification.draw(fresh);
        long toeplitzSeed = fresh.nextLong();
        PolynomialDigest tag = verification.tag(reconciled.key());
        block.length = length;
        block.refill = refillBits(block, length.length());
        block.secret = BlockRules.amplify(linkId, blockId, toeplitzSeed, reconciled.key(), length.length());
        block.stage = BlockStage.PRIVACY_AMPLIFICATION;
        block.confirmation = new KeyConfirmation(linkId, blockId, verification.firstPoint(),
                verification.secondPoint(), tag.first(), tag.second(), toeplitzSeed, length.length(), block.refill);
        out.send(block.confirmation);
    }

    /**
     * At emulated time {@code nowPs}: aborts every unconfirmed block that has waited longer than the timeout
     * for the peer, and confirms again every confirmed one that has.
     */
    void expire(long nowPs, Outbox out) {
        for (Block block : new TreeMap<>(blocks).values()) {
            if (nowPs - block.lastHeardPs <= settings.blockTimeoutPs()) {
                continue;
            }
            if (block.confirmation != null) {
                block.lastHeardPs = nowPs;
                out.send(block.confirmation);
            } else {
                abort(block, nowPs, String.format(Locale.ROOT, "timed out at %s: nothing from the peer for %.3f s",
                        block.stage, (nowPs - block.lastHeardPs) / 1e12), out);
            }
        }
    }

    /** Sends the confirmation of every block still waiting for the peer's answer again, at {@code nowPs}. */
    void confirmAgain(long nowPs, Outbox out) {
        for (Block block : new TreeMap<>(blocks).values()) {
            if (block.confirmation != null) {
                block.lastHeardPs = nowPs;
                out.send(block.confirmation);
            }
        }
    }

    /**
     * The link stopped (this node or the peer crashed): blocks not yet confirmed are lost; confirmed ones wait
     * for the peer's answer, which {@link #expire} asks for again.
     */
    void reset(long nowPs, String reason, Outbox out) {
        for (Block block : new TreeMap<>(blocks).values()) {
            if (block.confirmation == null) {
                end(block, nowPs, reason, out);
            }
        }
    }

    /**
     * The block pays back the authentication it used, so that the refill depends on the protocol alone
     * and not on how messages interleave in time: per direction, a pad for each of its batches' sift
     * messages, each Cascade round's request or answer, and at most three more (test bits, estimate,
     * completion, confirmation, acceptance). Pads alternate between directions, so twice that is appended.
     */
    private static long refillBits(Block block, long secretLength) {
        BlockMaterial material = block.material;
        long batches = material.lastBatch() - material.firstBatch() + 1;
        long padsPerDirection = batches + block.reconciled.rounds() + 3;
        return Math.min(secretLength, 2 * padsPerDirection * Authenticator.PAD_BITS_PER_MESSAGE);
    }

    private void onAccepted(Block block, BlockAccepted accepted, long nowPs, Outbox out) {
        long keyBits = block.counts.keyBits();
        if (accepted.correctedErrors() > keyBits) {
            throw new IllegalArgumentException("peer corrected " + accepted.correctedErrors() + " errors in "
                    + keyBits + " bits");
        }
        pool.replenish(BlockRules.slice(block.secret, 0, block.refill));
        blocks.remove(block.material.blockId());
        double keyQber = (double) accepted.correctedErrors() / keyBits;
        long secretLength = block.length.length();
        out.finish(new KeyBlock(linkId, block.material.blockId(), block.material.firstBatch(),
                block.material.lastBatch(), block.openedAtPs, nowPs, block.counts, block.counts.testQber(), keyQber,
                block.reconciled.leakedBits(), block.reconciled.rounds(), BlockRules.efficiency(block.reconciled,
                keyQber), KeyVerification.TAG_BITS, block.length, block.refill,
                block.secret));
    }

    /** Ends a block the peer opened and has itself ended, before this end took it up: nothing is sent. */
    void abandon(long blockId, long nowPs, String reason, Outbox out) {
        out.finish(new AbortedBlock(linkId, blockId, nowPs, BlockStage.PARAMETER_ESTIMATION, reason));
    }

    /** Refuses a block the peer opened, before this end took it up. */
    void refuse(long blockId, long nowPs, String reason, Outbox out) {
        out.send(new BlockAbort(linkId, blockId, reason));
        abandon(blockId, nowPs, reason, out);
    }

    private void abort(Block block, long nowPs, String reason, Outbox out) {
        out.send(new BlockAbort(linkId, block.material.blockId(), reason));
        end(block, nowPs, reason, out);
    }

    private void end(Block block, long nowPs, String reason, Outbox out) {
        blocks.remove(block.material.blockId());
        out.finish(new AbortedBlock(linkId, block.material.blockId(), nowPs, block.stage, reason));
    }
}
