package org.qnetem.qkd.protocol;

import org.qnetem.physics.source.WeakCoherentSource;
import org.qnetem.qkd.sifting.Bb84Receiver;

/**
 * Bob's end of an efficient decoy-state BB84 link: his sifting, the closing of key blocks, his half
 * of post-processing, behind Wegman–Carter authentication of every message (direction B_TO_A). It
 * sees only his detector's clicks and Alice's authenticated messages. He decides the blocks and
 * corrects his key towards Alice's ({@link CorrectingEnd}).
 *
 * <p>A message that fails authentication is never acted on as sent. It may only cost key: a refused
 * sift response discards its batch at both ends, a refused block message aborts its block.
 */
public final class DecoyBb84Bob extends CorrectingEnd {

    public DecoyBb84Bob(String linkId, WeakCoherentSource source, long runSeed, PostProcessingSettings settings,
                        MessageEncoder encoder) {
        this(linkId, source, runSeed, Incarnation.FIRST, settings, encoder);
    }

    public DecoyBb84Bob(String linkId, WeakCoherentSource source, long runSeed, Incarnation incarnation,
                        PostProcessingSettings settings, MessageEncoder encoder) {
        super(linkId, runSeed, incarnation, settings, new DecoyBb84SecureLength(source, settings), encoder,
                new Bb84Receiver(linkId));
    }
}
