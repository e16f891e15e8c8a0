package org.qnetem.physics.batch;

import org.qnetem.physics.random.RandomStream;

/**
 * One CW coincidence window, in the first-order event classes of {@link PairLinkPhysics}: a true
 * coincidence, an accidental one, a click at one end only. A true coincidence is one pair: a fair label
 * bit, and in matching bases Alice reads it through her misalignment and Bob through the source's flip
 * (e_pol) and his misalignment; in different bases the two bits are independent. Every other click is
 * a uniformly random bit, a photon's in a basis chosen with the receiver's bias, a dark count's in the
 * active basis or, at a passive receiver, in either basis alike. A window holds one photon per end at
 * most, so there are no double clicks.
 */
final class WindowPairSampler extends PairEventSampler {

    private final PairLinkPhysics physics;
    private final double candidate;
    private final double trueBelow;
    private final double accidentalBelow;
    private final double aliceOnlyBelow;

    WindowPairSampler(PairLinkPhysics physics) {
        this.physics = physics;
        double trueCoincidence = physics.trueWindowCoincidence;
        double accidental = physics.accidentalWindowCoincidence();
        double aliceOnly = physics.aliceOnlyWindow();
        candidate = trueCoincidence + accidental + aliceOnly + physics.bobOnlyWindow();
        trueBelow = candidate > 0 ? trueCoincidence / candidate : 0;
        accidentalBelow = candidate > 0 ? (trueCoincidence + accidental) / candidate : 0;
        aliceOnlyBelow = candidate > 0 ? (trueCoincidence + accidental + aliceOnly) / candidate : 0;
    }

    @Override
    double candidateProbability() {
        return candidate;
    }

    @Override
    void sample(RandomStream random) {
        double kind = random.nextDouble();
        truePair = kind < trueBelow;
        aliceDoubleClick = false;
        bobDoubleClick = false;
        if (truePair) {
            aliceClicked = true;
            bobClicked = true;
            aliceBasis = random.nextBoolean(physics.alice.basisBiasX()) ? 1 : 0;
            bobBasis = random.nextBoolean(physics.bob.basisBiasX()) ? 1 : 0;
            long coins = random.nextLong();
            int label = (int) (coins & 1);
            aliceOutcome = label ^ flip(physics.alice.misalignment(), random);
            bobOutcome = aliceBasis == bobBasis
                    ? label ^ flip(physics.polarisationError, random) ^ flip(physics.bob.misalignment(), random)
                    : (int) (coins >>> 1 & 1);
            return;
        }
        aliceClicked = kind < aliceOnlyBelow;
        bobClicked = kind < accidentalBelow || kind >= aliceOnlyBelow;
        if (aliceClicked) {
            aliceBasis = unpairedBasis(physics.alice, physics.aliceUnpairedDarkShare(), random);
            aliceOutcome = random.nextBoolean(0.5) ? 1 : 0;
        }
        if (bobClicked) {
            bobBasis = unpairedBasis(physics.bob, physics.bobUnpairedDarkShare(), random);
            bobOutcome = random.nextBoolean(0.5) ? 1 : 0;
        }
    }

    private static int unpairedBasis(PairLinkPhysics.Arm arm, double darkShare, RandomStream random) {
        boolean dark = random.nextBoolean(darkShare);
        return random.nextBoolean(arm.xBasisProbability(dark)) ? 1 : 0;
    }

    private static int flip(double probability, RandomStream random) {
        return probability > 0 && random.nextBoolean(probability) ? 1 : 0;
    }
}
