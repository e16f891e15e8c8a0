package org.qnetem.qkd.protocol;

import org.qnetem.physics.batch.PhotonBatch;
import org.qnetem.physics.source.WeakCoherentSource;
import org.qnetem.qkd.authentication.AuthenticationVerdict;
import org.qnetem.qkd.authentication.Direction;
import org.qnetem.qkd.message.BatchDiscarded;
import org.qnetem.qkd.message.BlockAbort;
import org.qnetem.qkd.message.ClassicalMessage;
import org.qnetem.qkd.message.SiftAnnouncement;
import org.qnetem.qkd.message.TestBasisBits;
import org.qnetem.qkd.reconciliation.CascadeSettings;
import org.qnetem.qkd.sifting.Bb84Transmitter;

/**
 * Alice's end of an efficient decoy-state BB84 link (Lim et al. 2014: key from X, test from Z, three
 * intensities): her transmitter, her sifting, her half of post-processing, behind Wegman–Carter
 * authentication of every message. It sees only her own choices and Bob's authenticated messages.
 *
 * <p>A message that fails authentication is never acted on as sent. It may only cost key: a refused
 * sift announcement discards its batch at both ends, a refused block message aborts its block.
 */
public final class DecoyBb84Alice {

    private final String linkId;
    private final Bb84Transmitter sifting;
    private final SiftedHalves halves;
    private final PostProcessingAlice postProcessing;
    private final LinkAuthentication authentication;

    public DecoyBb84Alice(String linkId, WeakCoherentSource source, long runSeed, PostProcessingSettings settings,
                          MessageEncoder encoder) {
        DecoyBb84SecureLength secureLength = new DecoyBb84SecureLength(source, settings);
        this.linkId = linkId;
        this.sifting = new Bb84Transmitter(linkId, source, runSeed);
        this.halves = new SiftedHalves(secureLength.classes());
        this.authentication = LinkAuthentication.provisioned(runSeed, linkId, settings.preSharedKeyBits(),
                Direction.A_TO_B, encoder);
        this.postProcessing = new PostProcessingAlice(linkId, settings, secureLength,
                CascadeSettings.defaults(runSeed), authentication.pool(), runSeed);
    }

    public PhotonBatch emit(long sequence, long emissionTimePs, long pulseCount) {
        return sifting.emit(sequence, emissionTimePs, pulseCount);
    }

    /** A message from Bob arrives at emulated time {@code nowPs}. */
    public Outbox onFrame(SealedMessage sealed, long nowPs) {
        Outbox out = authentication.outbox();
        ClassicalMessage message = sealed.message();
        AuthenticationVerdict verdict = authentication.verify(message, sealed.tag());
        if (verdict == AuthenticationVerdict.AUTHENTIC) {
            onAuthentic(message, nowPs, out);
        } else if (verdict != AuthenticationVerdict.REPLAYED) {
            onRefused(message, "authentication failed (" + verdict + ")", nowPs, out);
        }
        return out;
    }

    private void onAuthentic(ClassicalMessage message, long nowPs, Outbox out) {
        if (message instanceof SiftAnnouncement announcement) {
            Bb84Transmitter.Sifted sifted = sifting.onSiftAnnouncement(announcement);
            out.send(sifted.response());
            halves.add(sifted.block());
            out.sifted(sifted.block());
        } else if (message instanceof TestBasisBits announced) {
            BlockMaterial mine;
            try {
                mine = halves.take(announced);
            } catch (IllegalStateException e) {
                refuseBlock(announced.batchSequence(), e.getMessage(), nowPs, out);
                return;
            }
            postProcessing.open(announced, mine, nowPs, out);
        } else {
            postProcessing.onMessage(message, nowPs, out);
        }
    }

    private void onRefused(ClassicalMessage message, String reason, long nowPs, Outbox out) {
        if (message instanceof SiftAnnouncement) {
            sifting.discard(message.batchSequence());
            out.send(new BatchDiscarded(linkId, message.batchSequence(), reason));
            out.discarded(message.batchSequence());
        } else if (message instanceof TestBasisBits) {
            refuseBlock(message.batchSequence(), reason, nowPs, out);
        } else {
            postProcessing.abort(message.batchSequence(), nowPs, reason, out);
        }
    }

    private void refuseBlock(long blockId, String reason, long nowPs, Outbox out) {
        out.send(new BlockAbort(linkId, blockId, reason));
        out.finish(new AbortedBlock(linkId, blockId, nowPs, BlockStage.PARAMETER_ESTIMATION, reason));
    }

    public int blocksInProgress() {
        return postProcessing.blocksInProgress();
    }

    public LinkAuthentication authentication() {
        return authentication;
    }
}
