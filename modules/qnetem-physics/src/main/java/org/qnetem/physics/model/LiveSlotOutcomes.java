package org.qnetem.physics.model;

import org.qnetem.physics.attack.PulseKind;
import org.qnetem.physics.attack.PulseKinds;
import org.qnetem.physics.detector.ClickDistribution;

/**
 * What a class-k pulse does in a live slot that is not a test slot, summed exactly over Alice's
 * basis, Eve's action and Bob's basis: each field is a probability given the class.
 */
final class LiveSlotOutcomes {

    double clicks;
    double sifted;
    double siftedErrors;
    double doubleClicks;
    double testSlotClicks;
    double eveKnownSifted;
    /** Probability that an afterpulse in this slot is sifted and Eve knows Alice's bit. */
    double eveKnownSiftedAfterpulse;

    static LiveSlotOutcomes of(PulseKinds kinds, int k) {
        LiveSlotOutcomes sums = new LiveSlotOutcomes();
        double aliceBiasX = kinds.optics().source().basisBiasX();
        double bobBiasX = kinds.optics().receiver().basisBiasX();
        for (int aliceBasis = 0; aliceBasis < 2; aliceBasis++) {
            boolean aliceX = aliceBasis == 1;
            double pAlice = aliceX ? aliceBiasX : 1 - aliceBiasX;
            double pBobInAliceBasis = aliceX ? bobBiasX : 1 - bobBiasX;
            for (int action = 0; action < PulseKinds.ACTIONS; action++) {
                double pAction = pAlice * kinds.actionProbability(action, aliceX);
                if (pAction > 0) {
                    PulseKind kind = kinds.kind(k, action);
                    sums.eveKnownSiftedAfterpulse += pAction * pBobInAliceBasis * kind.eveKnowsAfterpulse();
                    sums.add(kind, aliceX, pAction * bobBiasX, true);
                    sums.add(kind, aliceX, pAction * (1 - bobBiasX), false);
                }
            }
        }
        return sums;
    }

    private void add(PulseKind kind, boolean aliceX, double p, boolean bobX) {
        boolean photonX = kind.conjugatePhotons() != aliceX;
        ClickDistribution response = kind.response(bobX, photonX);
        clicks += p * response.total();
        doubleClicks += p * response.doubleClick();
        if (kind.clicksInTestSlots()) {
            testSlotClicks += p * response.total();
        }
        if (bobX == aliceX) {
            sifted += p * response.total();
            // Photons in Alice's state err on the wrong detector; Eve's conjugate ones carry a random bit.
            siftedErrors += p * (kind.conjugatePhotons() ? response.total() / 2
                    : response.wrongOnly() + response.doubleClick() / 2);
            eveKnownSifted += p * kind.eveKnowsSifted().total();
        }
    }
}
