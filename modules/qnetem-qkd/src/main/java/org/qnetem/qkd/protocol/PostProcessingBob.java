package org.qnetem.qkd.protocol;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.qkd.authentication.AuthenticationKeyPool;
import org.qnetem.qkd.hashing.PolynomialDigest;
import org.qnetem.qkd.message.BlockAbort;
import org.qnetem.qkd.message.BlockAccepted;
import org.qnetem.qkd.message.ClassicalMessage;
import org.qnetem.qkd.message.ErrorEstimate;
import org.qnetem.qkd.message.KeyConfirmation;
import org.qnetem.qkd.message.ParityResponse;
import org.qnetem.qkd.message.TestBasisBits;
import org.qnetem.qkd.reconciliation.CascadeBob;
import org.qnetem.qkd.reconciliation.CascadeSettings;
import org.qnetem.qkd.reconciliation.CascadeStep;
import org.qnetem.qkd.reconciliation.ReconciliationResult;
import org.qnetem.qkd.verification.KeyVerification;

/**
 * Bob's post-processing, block by block and several blocks at once: he opens a block by disclosing
 * its test bits, drives Cascade, checks Alice's verification tag and secret length, amplifies, and
 * accepts. A block ends with a key only if every check passed; anything unexpected aborts it. In
 * BBM92 the announcing end plays Bob's part, so messages name the other end "the peer".
 *
 * <p>Accepting is this end's commitment: once it sent {@link BlockAccepted} it never aborts the block,
 * and it keeps the acceptance (as a key store keeps its keys, across a crash) to answer the peer's
 * confirmation again if the first answer was lost. A block that waits longer than the settings'
 * timeout for the peer's next message, before acceptance, is aborted; a confirmation for a block this
 * end no longer has and never accepted is answered with an abort. So the peer, which waits for one
 * answer or the other and never gives up a confirmed block on its own, ends the block the same way.
 */
final class PostProcessingBob {

    private final String linkId;
    private final PostProcessingSettings settings;
    private final SecureLength secureLength;
    private final CascadeSettings cascade;
    private final AuthenticationKeyPool pool;
    private final Map<Long, Block> blocks = new HashMap<>();
    private final Map<Long, BlockAccepted> accepted = new HashMap<>();

    private static final class Block {
        final BlockMaterial material;
        final long openedAtPs;
        long lastHeardPs;
        BlockStage stage = BlockStage.PARAMETER_ESTIMATION;
        BlockCounts counts;
        CascadeBob cascade;
        ReconciliationResult reconciled;

        Block(BlockMaterial material, long openedAtPs) {
            this.material = material;
            this.openedAtPs = openedAtPs;
            this.lastHeardPs = openedAtPs;
        }
    }

    PostProcessingBob(String linkId, PostProcessingSettings settings, SecureLength secureLength,
                      CascadeSettings cascade, AuthenticationKeyPool pool) {
        this.linkId = linkId;
        this.settings = settings;
        this.secureLength = secureLength;
        this.cascade = cascade;
        this.pool = pool;
    }

    void open(BlockMaterial material, long nowPs, Outbox out) {
        blocks.put(material.blockId(), new Block(material, nowPs));
        out.opened(material.blockId());
        out.send(new TestBasisBits(linkId, material.blockId(), material.firstBatch(), material.lastBatch(),
                material.discardedBatches(), material.testBits()));
    }

    int blocksInProgress() {
        return blocks.size();
    }

    /**
     * Handles a block message; messages about blocks that already ended are late and change nothing. A
     * message the protocol cannot have produced (Cascade refuses it, or it breaks a record's rules)
     * aborts its block.
     */
    void onMessage(ClassicalMessage message, long nowPs, Outbox out) {
        Block block = blocks.get(message.batchSequence());
        if (block == null) {
            if (message instanceof KeyConfirmation) {
                answerAgain(message.batchSequence(), out);
            }
            return;
        }
        block.lastHeardPs = Math.max(block.lastHeardPs, nowPs);
        try {
            if (message instanceof ErrorEstimate estimate) {
                onErrorEstimate(block, estimate, nowPs, out);
            } else if (message instanceof ParityResponse response) {
                BlockRules.requireStage(block.stage, BlockStage.ERROR_CORRECTION, message);
                step(block, block.cascade.onParityResponse(response), out);
            } else if (message instanceof KeyConfirmation confirmation) {
                onKeyConfirmation(block, confirmation, nowPs, out);
            } else if (message instanceof BlockAbort abort) {
                end(block, nowPs, "peer aborted: " + abort.reason(), out);
            } else {
                abort(block, nowPs, "unexpected " + message.getClass().getSimpleName(), out);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            abort(block, nowPs, e.getMessage(), out);
        }
    }

    /** The peer confirmed a block this end has ended: the acceptance again if it accepted, else an abort. */
    private void answerAgain(long blockId, Outbox out) {
        BlockAccepted acceptance = accepted.get(blockId);
        out.send(acceptance != null ? acceptance
                : new BlockAbort(linkId, blockId, "this end has no block " + blockId + " in progress"));
    }

    /** Aborts every block that has waited longer than the timeout for the peer, at emulated time {@code nowPs}. */
    void expire(long nowPs, Outbox out) {
        for (Block block : new TreeMap<>(blocks).values()) {
            if (nowPs - block.lastHeardPs > settings.blockTimeoutPs()) {
                abort(block, nowPs, String.format(Locale.ROOT, "timed out at %s: nothing from the peer for %.3f s",
                        block.stage, (nowPs - block.lastHeardPs) / 1e12), out);
            }
        }
    }

    /** The link stopped (this node or the peer crashed): every block in progress is lost. */
    void reset(long nowPs, String reason, Outbox out) {
        for (Block block : new TreeMap<>(blocks).values()) {
            end(block, nowPs, reason, out);
        }
    }

    /** Aborts a block because a message about it could not be trusted. */
    void abort(long blockId, long nowPs, String reason, Outbox out) {
        Block block = blocks.get(blockId);
        if (block != null) {
            abort(block, nowPs, reason, out);
        }
    }

    private void onErrorEstimate(Block block, ErrorEstimate estimate, long nowPs, Outbox out) {
        BlockRules.requireStage(block.stage, BlockStage.PARAMETER_ESTIMATION, estimate);
        BlockMaterial material = block.material;
        block.counts = new BlockCounts(material.keyCounts(), material.testCounts(), estimate.testErrors());
        Optional<String> abortReason = BlockRules.estimationAbortReason(block.counts, settings, secureLength);
        if (abortReason.isPresent()) {
            out.send(new BlockAbort(linkId, material.blockId(), abortReason.get()));
            blocks.remove(material.blockId());
            out.finish(new AbortedBlock(linkId, material.blockId(), nowPs, block.stage, abortReason.get(),
                    block.counts.testQber()));
            return;
        }
        block.stage = BlockStage.ERROR_CORRECTION;
        block.cascade = new CascadeBob(linkId, material.blockId(), material.keyBits(), block.counts.testQber(),
                cascade);
        step(block, block.cascade.start(), out);
    }

    private void step(Block block, CascadeStep step, Outbox out) {
        if (step instanceof CascadeStep.Ask ask) {
            out.send(ask.request());
        } else if (step instanceof CascadeStep.Finish finish) {
            block.reconciled = finish.result();
            block.stage = BlockStage.VERIFICATION;
            out.send(finish.complete());
        }
    }

    private void onKeyConfirmation(Block block, KeyConfirmation confirmation, long nowPs, Outbox out) {
        BlockRules.requireStage(block.stage, BlockStage.VERIFICATION, confirmation);
        ReconciliationResult reconciled = block.reconciled;
        SecretLength length = secureLength.evaluate(block.counts, reconciled.leakedBits());
        if (length.length() != confirmation.secretLength()) {
            abort(block, nowPs, "secret length disagreement: the peer computed " + confirmation.secretLength()
                    + " bits, this end " + length.length(), out);
            return;
        }
        KeyVerification verification = KeyVerification.atPoints(confirmation.verificationFirstPoint(),
                confirmation.verificationSecondPoint());
        if (!verification.matches(reconciled.key(),
                new PolynomialDigest(confirmation.tagFirst(), confirmation.tagSecond()))) {
            abort(block, nowPs, "verification tag mismatch: the keys still differ after error correction", out);
            return;
        }
        block.stage = BlockStage.PRIVACY_AMPLIFICATION;
        PackedBits secret = BlockRules.amplify(linkId, block.material.blockId(), confirmation.toeplitzSeed(),
                reconciled.key(), length.length());
        long refill = confirmation.authenticationRefillBits();
        pool.replenish(BlockRules.slice(secret, 0, refill));
        BlockAccepted acceptance = new BlockAccepted(linkId, block.material.blockId(), reconciled.flippedBits());
        accepted.put(block.material.blockId(), acceptance);
        out.send(acceptance);
        blocks.remove(block.material.blockId());
        long keyBits = block.counts.keyBits();
        double keyQber = (double) reconciled.flippedBits() / keyBits;
        out.finish(new KeyBlock(linkId, block.material.blockId(), block.material.firstBatch(),
                block.material.lastBatch(), block.openedAtPs, nowPs, block.counts, block.counts.testQber(), keyQber,
                reconciled.leakedBits(), reconciled.rounds(), BlockRules.efficiency(reconciled, keyQber), KeyVerification.TAG_BITS,
                length, refill, secret));
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
