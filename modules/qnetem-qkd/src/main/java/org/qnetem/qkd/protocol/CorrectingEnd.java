package org.qnetem.qkd.protocol;

import org.qnetem.physics.batch.DetectionBatch;
import org.qnetem.qkd.authentication.AuthenticationVerdict;
import org.qnetem.qkd.authentication.Direction;
import org.qnetem.qkd.message.BatchDiscarded;
import org.qnetem.qkd.message.ClassicalMessage;
import org.qnetem.qkd.message.SiftResponse;
import org.qnetem.qkd.reconciliation.CascadeSettings;
import org.qnetem.qkd.sifting.ClickAnnouncer;
import org.qnetem.qkd.sifting.SiftedBlock;

/**
 * The end of a link that announces its clicks, sifts a batch when the other end's response arrives,
 * decides the key blocks ({@link BlockAssembler}) and drives their post-processing, correcting its key
 * towards the other end's ({@link PostProcessingBob}). It authenticates in {@link Direction#B_TO_A}.
 * Decoy BB84's receiver ({@link DecoyBb84Bob}) and BBM92's announcing end ({@link Bbm92AnnouncingEnd})
 * are such ends; they differ only in their {@link ClickAnnouncer} and finite-key formula.
 *
 * <p>A message that fails authentication is never acted on as sent. It may only cost key: a refused
 * sift response discards its batch at both ends (the block that spans it names it discarded), a
 * refused block message aborts its block, and a discard is honoured even when forged.
 *
 * <p>Batches reach this end in order. A batch that never arrives (the link was stopped while it was in
 * flight) is discarded when a later one does, so blocks never wait for it; when the link stops, every
 * block in progress and the sifting in flight are dropped ({@link #reset}).
 */
abstract class CorrectingEnd {

    // The public methods are the engines' API. They stay non-final so that javac gives each public
    // subclass a public bridge to them: callers in other packages, reflection and method references
    // then never reach into this package-private class.

    private final ClickAnnouncer sifting;
    private final BlockAssembler assembler;
    private final PostProcessingBob postProcessing;
    private final LinkAuthentication authentication;
    private long nextDetections;

    CorrectingEnd(String linkId, long runSeed, Incarnation incarnation, PostProcessingSettings settings,
                  SecureLength secureLength, MessageEncoder encoder, ClickAnnouncer sifting) {
        this.sifting = sifting;
        this.assembler = new BlockAssembler(secureLength.classes(), settings.keyBlockBits(), incarnation.firstBatch(),
                incarnation.firstBlockId());
        this.nextDetections = incarnation.firstBatch();
        this.authentication = LinkAuthentication.provisioned(incarnation.preSharedKeySeed(runSeed), linkId,
                settings.preSharedKeyBits(), Direction.B_TO_A, encoder);
        this.postProcessing = new PostProcessingBob(linkId, settings, secureLength, CascadeSettings.defaults(runSeed),
                authentication.pool());
    }

    /** This end's receiver reports a batch at emulated time {@code nowPs}: it announces the clicks. */
    public Outbox onDetections(DetectionBatch detections, long nowPs) {
        Outbox out = authentication.outbox();
        for (long missing = nextDetections; missing < detections.sequence(); missing++) {
            assembler.discard(missing);
            out.discarded(missing);
        }
        nextDetections = Math.max(nextDetections, detections.sequence() + 1);
        out.send(sifting.onDetections(detections));
        openClosedBlocks(nowPs, out);
        return out;
    }

    /** Emulated time passed {@code nowPs}: blocks that waited too long for the other end are aborted. */
    public Outbox onTick(long nowPs) {
        Outbox out = authentication.outbox();
        postProcessing.expire(nowPs, out);
        return out;
    }

    /**
     * The link stopped at {@code nowPs} (this node or the other end crashed): blocks in progress are aborted,
     * announced batches forgotten and the block being gathered abandoned; nothing is sent.
     */
    public Outbox reset(long nowPs, String reason) {
        Outbox out = authentication.outbox();
        postProcessing.reset(nowPs, reason, out);
        for (long sequence : sifting.awaiting()) {
            sifting.discard(sequence);
            assembler.discard(sequence);
            out.discarded(sequence);
        }
        assembler.abandonOpenBlock().forEach(out::discarded);
        return out;
    }

    /** A message from the other end arrives at emulated time {@code nowPs}. */
    public Outbox onFrame(SealedMessage sealed, long nowPs) {
        Outbox out = authentication.outbox();
        ClassicalMessage message = sealed.message();
        AuthenticationVerdict verdict = authentication.verify(message, sealed.tag());
        boolean authentic = verdict == AuthenticationVerdict.AUTHENTIC;
        if (verdict == AuthenticationVerdict.REPLAYED) {
            return out;
        }
        if (message instanceof SiftResponse response) {
            if (!sifting.awaits(response.batchSequence())) {
                return out; // the batch was dropped when the link stopped; its response came too late
            }
            if (authentic) {
                SiftedBlock batch = sifting.onSiftResponse(response);
                assembler.add(batch);
                out.sifted(batch);
            } else {
                discard(response.batchSequence(), out);
            }
            openClosedBlocks(nowPs, out);
        } else if (message instanceof BatchDiscarded discarded) {
            // A forged discard costs only key, so it is honoured either way.
            discard(discarded.batchSequence(), out);
            openClosedBlocks(nowPs, out);
        } else if (authentic) {
            postProcessing.onMessage(message, nowPs, out);
        } else {
            postProcessing.abort(message.batchSequence(), nowPs, "authentication failed (" + verdict + ")", out);
        }
        return out;
    }

    private void discard(long batchSequence, Outbox out) {
        if (sifting.discard(batchSequence)) {
            assembler.discard(batchSequence);
            out.discarded(batchSequence);
        }
    }

    private void openClosedBlocks(long nowPs, Outbox out) {
        for (BlockMaterial block : assembler.closedBlocks()) {
            postProcessing.open(block, nowPs, out);
        }
    }

    public int blocksInProgress() {
        return postProcessing.blocksInProgress();
    }

    /** Key-basis bits gathered towards the next block, which has not closed yet. */
    public long openBlockKeyBits() {
        return assembler.openBlockKeyBits();
    }

    public LinkAuthentication authentication() {
        return authentication;
    }
}
