package org.qnetem.physics.channel;

/**
 * The optical path of a link's quantum signal. Its loss may vary with emulated time (a bend, aerial
 * fibre in wind, a satellite pass); samplers evaluate it at each batch's emission time, so a batch
 * sees one transmittance.
 */
public interface QuantumChannel {

    /** Fraction of photons that reach the receiver, for light emitted at {@code emissionTimePs}. */
    double transmittanceAt(long emissionTimePs);

    /** Propagation delay, in picoseconds, of light emitted at {@code emissionTimePs}. */
    long delayPsAt(long emissionTimePs);
}
