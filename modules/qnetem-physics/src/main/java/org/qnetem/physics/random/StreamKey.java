package org.qnetem.physics.random;

import java.util.Objects;

/**
 * Names one reproducible random stream: every draw in QNetEm comes from the stream of
 * (run seed, entity id, purpose, batch sequence). Two runs with the same seed draw the same numbers
 * for the same key, whichever thread, JVM or host evaluates it.
 */
public record StreamKey(long seed, String entity, String purpose, long sequence) {

    public StreamKey {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(purpose, "purpose");
    }

    /** The same seed, entity and sequence for another purpose: a stream independent of this one. */
    public StreamKey withPurpose(String newPurpose) {
        return new StreamKey(seed, entity, newPurpose, sequence);
    }

    /** The same entity and purpose at another batch sequence. */
    public StreamKey withSequence(long newSequence) {
        return new StreamKey(seed, entity, purpose, newSequence);
    }
}
