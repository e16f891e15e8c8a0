package org.qnetem.physics.batch;

import org.qnetem.physics.random.RandomStream;

/**
 * Draws, exactly, what both receivers record in one pulse (or window) given that at least one of them
 * registers a detection; {@link Bbm92BatchSampler} skips to such pulses geometrically. Results are
 * left in the fields; not thread-safe.
 */
abstract class PairEventSampler {

    boolean aliceClicked;
    int aliceBasis;
    int aliceOutcome;
    boolean aliceDoubleClick;
    boolean bobClicked;
    int bobBasis;
    int bobOutcome;
    boolean bobDoubleClick;
    /** Some pair had both its photons detected in this pulse. */
    boolean truePair;

    static PairEventSampler of(PairLinkPhysics physics) {
        return physics.continuous ? new WindowPairSampler(physics) : new PulsedPairSampler(physics);
    }

    /** Probability that a pulse gives at least one detection, at either end. */
    abstract double candidateProbability();

    /** Draws one pulse that gives at least one detection. */
    abstract void sample(RandomStream random);
}
