package org.qnetem.qkd.protocol;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.qnetem.qkd.authentication.AuthenticationVerdict;
import org.qnetem.qkd.authentication.Direction;
import org.qnetem.qkd.message.BatchDiscarded;
import org.qnetem.qkd.message.ClassicalMessage;
import org.qnetem.qkd.message.SiftAnnouncement;
import org.qnetem.qkd.message.SiftResponse;
import org.qnetem.qkd.message.TestBasisBits;
import org.qnetem.qkd.reconciliation.CascadeSettings;
import org.qnetem.qkd.sifting.SiftedBlock;

/**
 * The end of a link that answers the other end's sift announcements and whose key is the reference
 * ({@link PostProcessingAlice}): it keeps its sifted batches until the other end names the block that
 * takes them. It authenticates in {@link Direction#A_TO_B}. Decoy BB84's transmitter
 * ({@link DecoyBb84Alice}) and BBM92's responding end ({@link Bbm92RespondingEnd}) are such ends; they
 * differ only in how they sift, which they implement, and in their finite-key formula.
 *
 * <p>A message that fails authentication is never acted on as sent. It may only cost key: a refused
 * sift announcement discards its batch at both ends, a refused block message aborts its block. A
 * discarded batch stays discarded: if the other end announces it later (the refused message named a
 * batch it had not announced yet), the discard is sent again rather than the batch sifted. Discarded
 * batch numbers are kept for the life of the link; each costs a refused message.
 *
 * <p>While the link is stopped (a crash at either end) this end acts on nothing it receives, but it still
 * ends the blocks the other end opened just before the stop ({@link #onFrameWhileStopped}), so that every
 * block either end opened ends at both.
 */
abstract class ReferenceEnd {

    // The public methods are the engines' API. They stay non-final so that javac gives each public
    // subclass a public bridge to them: callers in other packages, reflection and method references
    // then never reach into this package-private class.

    /** This end's response to an announcement and its own half of the batch's sifted bits. */
    record Answer(SiftResponse response, SiftedBlock block) {
    }

    private final String linkId;
    private final SiftedHalves halves;
    private final PostProcessingAlice postProcessing;
    private final LinkAuthentication authentication;
    private final Set<Long> discarded = new HashSet<>();

    ReferenceEnd(String linkId, long runSeed, Incarnation incarnation, PostProcessingSettings settings,
                 SecureLength secureLength, MessageEncoder encoder) {
        this.linkId = linkId;
        this.halves = new SiftedHalves(secureLength.classes());
        this.authentication = LinkAuthentication.provisioned(incarnation.preSharedKeySeed(runSeed), linkId,
                settings.preSharedKeyBits(), Direction.A_TO_B, encoder);
        this.postProcessing = new PostProcessingAlice(linkId, settings, secureLength,
                CascadeSettings.defaults(runSeed), authentication.pool(), runSeed);
    }

    /**
     * Sifts the batch of an authentic announcement, or returns nothing while this end cannot yet (it
     * then answers through {@link #answered} when it can).
     */
    abstract Optional<Answer> sift(SiftAnnouncement announcement);

    /** Forgets a batch that will not be sifted, whatever of it this end's sifting holds. */
    abstract void forget(long batchSequence);

    final Outbox outbox() {
        return authentication.outbox();
    }

    /** Whether batch {@code batchSequence} was discarded: it will never be sifted. */
    final boolean discarded(long batchSequence) {
        return discarded.contains(batchSequence);
    }

    /** This end sifted a batch: the response goes to the other end, the half waits for its block. */
    final void answered(Answer answer, Outbox out) {
        out.send(answer.response());
        halves.add(answer.block());
        out.sifted(answer.block());
    }

    /** A message from the other end arrives at emulated time {@code nowPs}. */
    public Outbox onFrame(SealedMessage sealed, long nowPs) {
        Outbox out = outbox();
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
            if (discarded(announcement.batchSequence())) {
                discard(announcement.batchSequence(), "batch was discarded before it was announced", out);
            } else {
                sift(announcement).ifPresent(answer -> answered(answer, out));
            }
        } else if (message instanceof TestBasisBits announced) {
            BlockMaterial mine;
            try {
                mine = halves.take(announced);
            } catch (IllegalStateException e) {
                postProcessing.refuse(announced.batchSequence(), nowPs, e.getMessage(), out);
                return;
            }
            postProcessing.open(announced, mine, nowPs, out);
        } else {
            postProcessing.onMessage(message, nowPs, out);
        }
    }

    private void onRefused(ClassicalMessage message, String reason, long nowPs, Outbox out) {
        if (message instanceof SiftAnnouncement) {
            discard(message.batchSequence(), reason, out);
        } else if (message instanceof TestBasisBits) {
            postProcessing.refuse(message.batchSequence(), nowPs, reason, out);
        } else {
            postProcessing.abort(message.batchSequence(), nowPs, reason, out);
        }
    }

    private void discard(long batchSequence, String reason, Outbox out) {
        discarded.add(batchSequence);
        forget(batchSequence);
        out.send(new BatchDiscarded(linkId, batchSequence, reason));
        out.discarded(batchSequence);
    }

    /** Emulated time passed {@code nowPs}: stale blocks are aborted, stale confirmations sent again. */
    public Outbox onTick(long nowPs) {
        Outbox out = outbox();
        postProcessing.expire(nowPs, out);
        return out;
    }

    /**
     * The run ends at {@code nowPs}: asks again about every block this end confirmed and has no answer for,
     * so that none stays undecided (an answer may have been lost with a crashed node).
     */
    public Outbox confirmAgain(long nowPs) {
        Outbox out = outbox();
        postProcessing.confirmAgain(nowPs, out);
        return out;
    }

    /**
     * A message reaches this end at {@code nowPs} while the link is stopped (for {@code reason}): it is not
     * acted on, except that the opening of a block ({@link TestBasisBits}) is refused, with nothing sent. The
     * other end opened that block before the link stopped and ended it when it stopped; this end, which had
     * not heard of it yet, must end it too, or the block would stay undecided here for ever: no later message
     * names it (the other end asks nothing about blocks it ended) and no timeout runs for a block this end
     * never held. A replayed opening is ignored as ever; a forged one is refused all the same, which costs
     * nothing (the block is over at the other end).
     */
    public Outbox onFrameWhileStopped(SealedMessage sealed, long nowPs, String reason) {
        Outbox out = outbox();
        if (sealed.message() instanceof TestBasisBits announced
                && authentication.verify(announced, sealed.tag()) != AuthenticationVerdict.REPLAYED) {
            postProcessing.abandon(announced.batchSequence(), nowPs, "the link was stopped (" + reason
                    + ") when the block's opening arrived", out);
        }
        return out;
    }

    /**
     * The link stopped at {@code nowPs} (this node or the other end crashed): unconfirmed blocks are aborted
     * and the sifted halves waiting for a block dropped, since the other end drops its own; nothing is sent.
     */
    public Outbox reset(long nowPs, String reason) {
        Outbox out = outbox();
        postProcessing.reset(nowPs, reason, out);
        halves.clear();
        return out;
    }

    public int blocksInProgress() {
        return postProcessing.blocksInProgress();
    }

    public LinkAuthentication authentication() {
        return authentication;
    }
}
