package org.qnetem.physics.attack;

import java.util.Objects;
import org.qnetem.physics.detector.ClickDistribution;

/**
 * How a pulse of one intensity class reaches Bob after one of Eve's per-pulse actions, in a live slot.
 *
 * <p>The photons carry a BB84 state: Alice's, or when {@code conjugatePhotons} a state Eve prepared
 * in the basis conjugate to Alice's with Eve's own random bit. {@code bobInPhotonBasis} and
 * {@code bobInOtherBasis} give the detectors' response when Bob measures in the photons' basis or
 * in the other one (the "correct" detector being the one for the photons' bit).
 * {@code eveKnowsSifted} is the part of the response in the slots Bob measures in Alice's basis
 * (sifted slots) in which Eve knows Alice's bit, and {@code eveKnowsAfterpulse} the probability
 * that she knows it when an afterpulse pre-empts the slot. {@code clicksInTestSlots} marks responses
 * that a detector below breakdown still gives (bright trigger pulses on blinded detectors).
 */
public record PulseKind(ClickDistribution bobInPhotonBasis, ClickDistribution bobInOtherBasis,
                        ClickDistribution eveKnowsSifted, double eveKnowsAfterpulse, boolean conjugatePhotons,
                        boolean clicksInTestSlots) {

    public PulseKind {
        Objects.requireNonNull(bobInPhotonBasis, "bobInPhotonBasis");
        Objects.requireNonNull(bobInOtherBasis, "bobInOtherBasis");
        Objects.requireNonNull(eveKnowsSifted, "eveKnowsSifted");
        if (!(eveKnowsAfterpulse >= 0 && eveKnowsAfterpulse <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + eveKnowsAfterpulse);
        }
    }

    /** An undisturbed pulse: Alice's photons, and Eve learns nothing. */
    public static PulseKind honest(LinkOptics optics, int k) {
        return new PulseKind(optics.honestClicks(k, true), optics.honestClicks(k, false), ClickDistribution.NEVER, 0,
                false, false);
    }

    /** The response when Bob measures in Alice's basis. */
    public ClickDistribution sifted() {
        return conjugatePhotons ? bobInOtherBasis : bobInPhotonBasis;
    }

    /** The response when Bob measures in the basis given (true = X), for photons in basis {@code photonX}. */
    public ClickDistribution response(boolean bobX, boolean photonX) {
        return bobX == photonX ? bobInPhotonBasis : bobInOtherBasis;
    }
}
