package org.qnetem.qkd.protocol;

import org.qnetem.physics.batch.DetectionBatch;
import org.qnetem.physics.source.WeakCoherentSource;
import org.qnetem.qkd.authentication.AuthenticationVerdict;
import org.qnetem.qkd.authentication.Direction;
import org.qnetem.qkd.message.BatchDiscarded;
import org.qnetem.qkd.message.ClassicalMessage;
import org.qnetem.qkd.message.SiftResponse;
import org.qnetem.qkd.reconciliation.CascadeSettings;
import org.qnetem.qkd.sifting.Bb84Receiver;
import org.qnetem.qkd.sifting.SiftedBlock;

/**
 * Bob's end of an efficient decoy-state BB84 link: his sifting, the closing of key blocks, his half
 * of post-processing, behind Wegman–Carter authentication of every message. It sees only his
 * detector's clicks and Alice's authenticated messages.
 *
 * <p>A message that fails authentication is never acted on as sent. It may only cost key: a refused
 * sift response discards its batch at both ends, a refused block message aborts its block.
 */
public final class DecoyBb84Bob {

    private final Bb84Receiver sifting;
    private final BlockAssembler assembler;
    private final PostProcessingBob postProcessing;
    private final LinkAuthentication authentication;

    public DecoyBb84Bob(String linkId, WeakCoherentSource source, long runSeed, PostProcessingSettings settings,
                        MessageEncoder encoder) {
        DecoyBb84SecureLength secureLength = new DecoyBb84SecureLength(source, settings);
        this.sifting = new Bb84Receiver(linkId);
        this.assembler = new BlockAssembler(secureLength.classes(), settings.keyBlockBits());
        this.authentication = LinkAuthentication.provisioned(runSeed, linkId, settings.preSharedKeyBits(),
                Direction.B_TO_A, encoder);
        this.postProcessing = new PostProcessingBob(linkId, settings, secureLength, CascadeSettings.defaults(runSeed),
                authentication.pool());
    }

    /** Bob's detectors report a batch at emulated time {@code nowPs}: he announces its clicks. */
    public Outbox onDetections(DetectionBatch detections, long nowPs) {
        Outbox out = authentication.outbox();
        out.send(sifting.onDetections(detections));
        return out;
    }

    /** A message from Alice arrives at emulated time {@code nowPs}. */
    public Outbox onFrame(SealedMessage sealed, long nowPs) {
        Outbox out = authentication.outbox();
        ClassicalMessage message = sealed.message();
        AuthenticationVerdict verdict = authentication.verify(message, sealed.tag());
        boolean authentic = verdict == AuthenticationVerdict.AUTHENTIC;
        if (verdict == AuthenticationVerdict.REPLAYED) {
            return out;
        }
        if (message instanceof SiftResponse response) {
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
