package org.qnetem.qkd.authentication;

/**
 * The link end's authentication key pool has no pad left for the next message in one direction.
 * Nothing was consumed; the engine should abort the block and may carry on once the pool is
 * replenished (with the same bits at both ends).
 */
public final class AuthenticationKeyExhaustedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Direction direction;
    private final long sequence;

    public AuthenticationKeyExhaustedException(Direction direction, long sequence) {
        super("authentication key pool exhausted: no " + Authenticator.PAD_BITS_PER_MESSAGE
                + "-bit pad left for message " + sequence + " " + direction + "; replenish the pool");
        this.direction = direction;
        this.sequence = sequence;
    }

    public Direction direction() {
        return direction;
    }

    public long sequence() {
        return sequence;
    }
}
