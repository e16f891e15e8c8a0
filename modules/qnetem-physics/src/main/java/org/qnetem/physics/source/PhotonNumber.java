package org.qnetem.physics.source;

/**
 * The distribution of the number n of photons in one pulse, in the forms the detection model needs.
 * A photon survives loss and detection independently with probability t, so the probability that
 * none of a pulse's photons is detected is E[(1 - t)^n], the generating function at 1 - t.
 */
public sealed interface PhotonNumber permits PoissonPhotonNumber, AtMostOnePhoton {

    /** P(n = 0). */
    double vacuum();

    /** P(n = 1). */
    double single();

    /** P(n &gt;= 2). */
    double multi();

    /** log E[(1 - t)^n], for t in [0, 1], accurate when t is tiny. */
    double logNoneDetected(double t);

    /**
     * Σ_{n &gt;= 2} P(n) z^(n - 1), for z in [0, 1]: the generating function of the n - 1 photons left
     * when one photon is taken from a multi-photon pulse (zero on single and empty pulses).
     */
    double multiLessOne(double z);
}
