package org.qnetem.qkd.protocol;

import java.util.Optional;
import org.qnetem.physics.batch.PhotonBatch;
import org.qnetem.physics.source.WeakCoherentSource;
import org.qnetem.qkd.message.SiftAnnouncement;
import org.qnetem.qkd.sifting.Bb84Transmitter;

/**
 * Alice's end of an efficient decoy-state BB84 link (Lim et al. 2014: key from X, test from Z, three
 * intensities): her transmitter, her sifting, her half of post-processing, behind Wegman–Carter
 * authentication of every message (direction A_TO_B). It sees only her own choices and Bob's
 * authenticated messages. Her key is the reference ({@link ReferenceEnd}).
 *
 * <p>A message that fails authentication is never acted on as sent. It may only cost key: a refused
 * sift announcement discards its batch at both ends, a refused block message aborts its block.
 */
public final class DecoyBb84Alice extends ReferenceEnd {

    private final Bb84Transmitter sifting;

    public DecoyBb84Alice(String linkId, WeakCoherentSource source, long runSeed, PostProcessingSettings settings,
                          MessageEncoder encoder) {
        this(linkId, source, runSeed, Incarnation.FIRST, settings, encoder);
    }

    public DecoyBb84Alice(String linkId, WeakCoherentSource source, long runSeed, Incarnation incarnation,
                          PostProcessingSettings settings, MessageEncoder encoder) {
        super(linkId, runSeed, incarnation, settings, new DecoyBb84SecureLength(source, settings), encoder);
        this.sifting = new Bb84Transmitter(linkId, source, runSeed);
    }

    public PhotonBatch emit(long sequence, long emissionTimePs, long pulseCount) {
        return sifting.emit(sequence, emissionTimePs, pulseCount);
    }

    @Override
    Optional<Answer> sift(SiftAnnouncement announcement) {
        Bb84Transmitter.Sifted sifted = sifting.onSiftAnnouncement(announcement);
        return Optional.of(new Answer(sifted.response(), sifted.block()));
    }

    @Override
    void forget(long batchSequence) {
        sifting.discard(batchSequence);
    }
}
