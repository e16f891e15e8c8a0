package org.qnetem.qkd.authentication;

import org.qnetem.qkd.hashing.PolynomialDigest;
import org.qnetem.qkd.hashing.PolynomialHash;

/**
 * Wegman–Carter authentication of one link end's classical messages: the tag of message m, the j-th
 * in its direction, is
 * <pre>
 *   t = (h_r(m) + u_j,  h_s(m) + v_j)    each half mod 2^64
 * </pre>
 * where h is the {@link PolynomialHash} over GF(2^61 − 1) keyed by the long-term points (r, s) of the
 * {@link AuthenticationKeyPool}, and (u_j, v_j) is the 128-bit one-time pad of that direction and
 * sequence number, used once and never again.
 *
 * <p><b>Security.</b> The pad is uniform over 2^64 per half, so a tag reveals nothing about (r, s) and
 * the long-term key can serve every message. A forger who has seen (m, t) and submits m' ≠ m with t'
 * at the same sequence number succeeds only if h_r(m') − h_r(m) ≡ t'₁ − t₁ (mod 2^64) and likewise
 * for s. Digests lie in [0, p) with p &lt; 2^63, so the difference mod 2^64 fixes the difference in
 * (−p, p), a single δ; the hash is ε-almost-Δ-universal with ε = D/p per point (D = ⌈8·bytes/32⌉ + 1),
 * so the family (r, s, u, v) is ε-almost-strongly-universal₂ with
 * <pre>
 *   ε = (D/p)²:   16 KB → (4,097 / 2.31e18)² ≈ 3.2e-30;   1 MB → (262,145 / 2.31e18)² ≈ 1.3e-26
 * </pre>
 * per forgery attempt ({@link #forgeryProbability}). At a sequence number whose tag the forger has not
 * seen, the pad is unknown and a guess succeeds with probability 2^-128.
 *
 * <p><b>Ordering.</b> Each direction has its own sequence numbers and pads, so what one end sends never
 * competes for pads with what it receives. The classical transport is ordered, so a sequence number
 * smaller than the next expected one is a replay, refused without consuming a pad; a larger one means
 * the messages in between were lost (a crashed node drops what reaches it): their pads are burnt,
 * never to be used, and the message is checked against its own pad. A tag mismatch does consume the
 * pad (it is spent either way), so a message altered in flight costs one message and leaves both ends
 * in step for the next.
 *
 * <p>Key consumption: {@link #PAD_BITS_PER_MESSAGE} bits per message at each end, plus the hash key's
 * 128 bits once. Not thread-safe.
 */
public final class Authenticator {

    /** Key bits each message consumes, at the sender and again at the receiver. */
    public static final int PAD_BITS_PER_MESSAGE = AuthenticationKeyPool.PAD_BITS;

    private final AuthenticationKeyPool pool;
    private final Direction outgoing;
    private final PolynomialHash hash;

    /** The authenticator of the link end that sends in {@code outgoing}: A_TO_B at end a, B_TO_A at end b. */
    public Authenticator(AuthenticationKeyPool pool, Direction outgoing) {
        this.pool = pool;
        this.outgoing = outgoing;
        this.hash = pool.hashKey();
    }

    public Direction outgoing() {
        return outgoing;
    }

    public AuthenticationKeyPool pool() {
        return pool;
    }

    /**
     * Tags the next outgoing message.
     *
     * @throws AuthenticationKeyExhaustedException if no pad is left (nothing is consumed)
     */
    public AuthenticationTag tag(byte[] message) {
        AuthenticationKeyPool.Pad pad = pool.takePad(outgoing);
        PolynomialDigest digest = hash.digest(message);
        return new AuthenticationTag(pad.sequence(), digest.first() + pad.first(), digest.second() + pad.second());
    }

    /**
     * Checks the next incoming message against its tag.
     *
     * @throws AuthenticationKeyExhaustedException if the tag's sequence number is the expected one but
     *         no pad is left for it (nothing is consumed)
     */
    public AuthenticationVerdict verify(byte[] message, AuthenticationTag tag) {
        Direction incoming = outgoing.reverse();
        long expected = pool.nextSequence(incoming);
        if (tag.sequence() < expected) {
            return AuthenticationVerdict.REPLAYED;
        }
        for (long lost = expected; lost < tag.sequence(); lost++) {
            pool.takePad(incoming);
        }
        AuthenticationKeyPool.Pad pad = pool.takePad(incoming);
        PolynomialDigest digest = hash.digest(message);
        long difference = ((digest.first() + pad.first()) ^ tag.first())
                | ((digest.second() + pad.second()) ^ tag.second());
        return difference == 0 ? AuthenticationVerdict.AUTHENTIC : AuthenticationVerdict.TAG_MISMATCH;
    }

    /** ε for one forgery attempt on a message of at most {@code messageBytes} bytes: (D/p)². */
    public static double forgeryProbability(long messageBytes) {
        return PolynomialHash.collisionProbability(8 * messageBytes);
    }

    @Override
    public String toString() {
        return "Authenticator[sends " + outgoing + ", " + pool + "]";
    }
}
