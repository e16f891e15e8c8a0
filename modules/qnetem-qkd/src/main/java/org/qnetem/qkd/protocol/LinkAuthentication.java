package org.qnetem.qkd.protocol;

import java.util.Arrays;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.qkd.authentication.AuthenticationKeyPool;
import org.qnetem.qkd.authentication.AuthenticationKeyExhaustedException;
import org.qnetem.qkd.authentication.AuthenticationVerdict;
import org.qnetem.qkd.authentication.Authenticator;
import org.qnetem.qkd.authentication.AuthenticationTag;
import org.qnetem.qkd.authentication.Direction;
import org.qnetem.qkd.message.ClassicalMessage;

/**
 * One link end's authentication: its key pool, its Wegman–Carter authenticator and the encoding the
 * tags cover, with counts of what it accepted and refused.
 */
public final class LinkAuthentication {

    /** Purpose of the stream the emulator provisions a link's pre-shared key from, identically at both ends. */
    public static final String PRE_SHARED_KEY_PURPOSE = "pre-shared-key";

    private final String linkId;
    private final long preSharedKeyBits;
    private final Authenticator authenticator;
    private final MessageEncoder encoder;
    private long authenticated;
    private long refused;

    private LinkAuthentication(String linkId, long preSharedKeyBits, AuthenticationKeyPool pool, Direction outgoing,
                               MessageEncoder encoder) {
        this.linkId = linkId;
        this.preSharedKeyBits = preSharedKeyBits;
        this.authenticator = new Authenticator(pool, outgoing);
        this.encoder = encoder;
    }

    /**
     * The end that sends in {@code outgoing}, starting from the link's pre-shared key. The emulator plays
     * the installer who provisioned it: it draws {@code preSharedKeyBits} from the run's seed.
     */
    public static LinkAuthentication provisioned(long runSeed, String linkId, long preSharedKeyBits,
                                                 Direction outgoing, MessageEncoder encoder) {
        RandomStream stream = new RandomStream(new StreamKey(runSeed, linkId, PRE_SHARED_KEY_PURPOSE, 0));
        long[] words = new long[PackedBits.wordsFor(Math.toIntExact(preSharedKeyBits))];
        for (int w = 0; w < words.length; w++) {
            words[w] = stream.nextLong();
        }
        byte[] bytes = PackedBits.of(words, Math.toIntExact(preSharedKeyBits)).toBytes();
        try {
            return new LinkAuthentication(linkId, preSharedKeyBits, AuthenticationKeyPool.fromBytes(bytes), outgoing,
                    encoder);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            Arrays.fill(words, 0L);
        }
    }

    Outbox outbox() {
        return new Outbox(this::tag);
    }

    /**
     * The link cannot go on once a direction's pads run out: its blocks' refills have not kept up with
     * its messages, which says how to configure it.
     */
    private AuthenticationTag tag(ClassicalMessage message) {
        try {
            return authenticator.tag(encoder.encode(message));
        } catch (AuthenticationKeyExhaustedException e) {
            throw new IllegalStateException("link " + linkId + ": authentication key exhausted after "
                    + e.sequence() + " messages " + e.direction() + "; the " + preSharedKeyBits
                    + "-bit pre-shared key and the blocks' refills no longer cover the link's messages. Give "
                    + "authentication.pre-shared-key-bits more, or post-processing.key-block-bits more so that "
                    + "each block's key pays for its authentication", e);
        }
    }

    AuthenticationVerdict verify(ClassicalMessage message, AuthenticationTag tag) {
        AuthenticationVerdict verdict = authenticator.verify(encoder.encode(message), tag);
        if (verdict == AuthenticationVerdict.AUTHENTIC) {
            authenticated++;
        } else {
            refused++;
        }
        return verdict;
    }

    public AuthenticationKeyPool pool() {
        return authenticator.pool();
    }

    /** Messages received whose tag checked out. */
    public long authenticatedMessages() {
        return authenticated;
    }

    /** Messages received and refused: wrong tag, replayed or out of order. */
    public long refusedMessages() {
        return refused;
    }
}
