package org.qnetem.qkd.protocol;

import java.util.Optional;
import org.qnetem.physics.batch.DetectionBatch;
import org.qnetem.qkd.message.SiftAnnouncement;
import org.qnetem.qkd.sifting.Bbm92Responder;

/**
 * The responding end of a BBM92 link (the sifting's {@link Bbm92Responder}): its receiver's clicks,
 * its sifting — a batch is sifted as soon as both its detections and the announcing end's announcement
 * are in, whichever comes last — and its half of post-processing. It sifts every batch before the
 * announcing end does, so its key is the reference and it answers ({@link ReferenceEnd}, the role
 * decoy BB84 gives Alice), while the announcing end decides the blocks. Every message is Wegman–Carter
 * authenticated; this end sends in direction A_TO_B, so the runtime must provision it as end a of the
 * link's authentication. It sees only its own detections and the announcing end's authenticated
 * messages.
 *
 * <p>A message that fails authentication is never acted on as sent. It may only cost key: a refused
 * sift announcement discards its batch at both ends (detections of it that arrive later are dropped),
 * a refused block message aborts its block.
 */
public final class Bbm92RespondingEnd extends ReferenceEnd {

    private final Bbm92Responder sifting;

    public Bbm92RespondingEnd(String linkId, long runSeed, PostProcessingSettings settings, MessageEncoder encoder) {
        this(linkId, runSeed, Incarnation.FIRST, settings, encoder);
    }

    public Bbm92RespondingEnd(String linkId, long runSeed, Incarnation incarnation, PostProcessingSettings settings,
                              MessageEncoder encoder) {
        super(linkId, runSeed, incarnation, settings, new Bbm92SecureLength(settings), encoder);
        this.sifting = new Bbm92Responder(linkId);
    }

    /**
     * This end's receiver reports a batch at emulated time {@code nowPs}: it is sifted now, and answered,
     * if the announcing end's announcement is already in.
     */
    public Outbox onDetections(DetectionBatch detections, long nowPs) {
        Outbox out = outbox();
        if (!discarded(detections.sequence())) {
            sifting.onDetections(detections).ifPresent(sifted -> answered(answer(sifted), out));
        }
        return out;
    }

    @Override
    Optional<Answer> sift(SiftAnnouncement announcement) {
        return sifting.onSiftAnnouncement(announcement).map(Bbm92RespondingEnd::answer);
    }

    @Override
    void forget(long batchSequence) {
        sifting.discard(batchSequence);
    }

    private static Answer answer(Bbm92Responder.Sifted sifted) {
        return new Answer(sifted.response(), sifted.block());
    }
}
