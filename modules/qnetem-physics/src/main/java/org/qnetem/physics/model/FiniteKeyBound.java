package org.qnetem.physics.model;

/**
 * The terms of Lim et al.'s secret-key length for one block (REFERENCE §4.3, eqs. 1–5): lower bounds
 * on the key-basis vacuum and single-photon events s_{X,0}, s_{X,1} and the test-basis single-photon
 * events s_{Z,1}, the upper bound v_{Z,1} on test-basis single-photon errors, the phase-error bound
 * φ_X, the length bound before rounding (negative when there is no key), and the key length ℓ.
 */
public record FiniteKeyBound(double vacuumEventsX, double singlePhotonEventsX, double singlePhotonEventsZ,
                             double singlePhotonErrorsZ, double phaseErrorRate, double lengthBound,
                             long secretKeyLength) {
}
