package org.qnetem.qkd.protocol;

import org.qnetem.qkd.sifting.Bbm92Announcer;

/**
 * The announcing end of a BBM92 link (the sifting's {@link Bbm92Announcer}): its receiver's clicks,
 * its sifting, and — because it sifts a batch only when the responding end's answer arrives, after
 * the responding end has sifted it — the closing of key blocks and the driving of post-processing,
 * correcting its key towards the responding end's ({@link CorrectingEnd}, the role decoy BB84 gives
 * Bob). Every message is Wegman–Carter authenticated; this end sends in direction B_TO_A, so the
 * runtime must provision it as end b of the link's authentication and the responding end as end a.
 * It sees only its own detections and the responding end's authenticated messages.
 *
 * <p>A message that fails authentication is never acted on as sent. It may only cost key: a refused
 * sift response discards its batch at both ends, a refused block message aborts its block, and a
 * discard is honoured even when forged.
 */
public final class Bbm92AnnouncingEnd extends CorrectingEnd {

    public Bbm92AnnouncingEnd(String linkId, long runSeed, PostProcessingSettings settings, MessageEncoder encoder) {
        this(linkId, runSeed, Incarnation.FIRST, settings, encoder);
    }

    public Bbm92AnnouncingEnd(String linkId, long runSeed, Incarnation incarnation, PostProcessingSettings settings,
                              MessageEncoder encoder) {
        super(linkId, runSeed, incarnation, settings, new Bbm92SecureLength(settings), encoder,
                new Bbm92Announcer(linkId));
    }
}
