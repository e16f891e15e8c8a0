package org.qnetem.physics.batch;

import org.qnetem.physics.source.ContinuousPairSource;
import org.qnetem.physics.source.EntangledPairSource;
import org.qnetem.physics.source.SourceDescriptor;

/**
 * The physics of a BBM92 link for one batch, fixed at the batch's emission time (a batch sees one
 * transmittance per arm): each receiver's state and what the source sends per pulse or window.
 *
 * <p>Pulsed: the pair number is the sum of two thermal modes of mean λ each ({@link EntangledPairSource}).
 *
 * <p>CW, per coincidence window t_CC, the first-order rates of REFERENCE §4.5b as probabilities: a
 * receiver clicks with s = S·t_CC, S = B·η + DC (DC·t_CC = gated detectors × dark count per window); a
 * true coincidence happens with c = B·t_CC·η_A·η_B·η_tCC; an accidental one, two unrelated clicks, with
 * s_A·s_B. A window holds exactly one of: a true coincidence, an accidental coincidence, a click at Alice
 * only (s_A − c − s_A s_B), a click at Bob only, or nothing — which needs s, c ≪ 1, the regime in which
 * §4.5b holds.
 */
final class PairLinkPhysics {

    /** One receiver during the batch; η includes channel, optics and detector efficiency. */
    record Arm(double efficiency, double darkCountPerDetector, double misalignment, double basisBiasX,
               boolean passive) {

        static Arm of(Bbm92Arm arm, long emissionTimePs, double clockHz) {
            return new Arm(arm.efficiencyAt(emissionTimePs), arm.receiver().detector().timing().darkCountPerSlot(clockHz),
                    arm.receiver().misalignment(), arm.receiver().basisBiasX(),
                    arm.basisChoice() == Bbm92Arm.BasisChoice.PASSIVE);
        }

        int gatedDetectors() {
            return passive ? 4 : 2;
        }

        /** Probability that a single photon, or a dark count, is read in the X basis. */
        double xBasisProbability(boolean darkCount) {
            // A passive receiver's dark counts come from any of its four detectors alike.
            return darkCount && passive ? 0.5 : basisBiasX;
        }
    }

    final boolean continuous;
    final Arm alice;
    final Arm bob;
    final double polarisationError;
    final double clockHz;
    /** Pulsed: λ, the mean pairs per mode. */
    final double meanPairsPerMode;
    /** CW, per window: s_A, s_B and c. */
    final double aliceWindowSingles;
    final double bobWindowSingles;
    final double trueWindowCoincidence;

    PairLinkPhysics(SourceDescriptor source, Bbm92Arm aliceArm, Bbm92Arm bobArm, long emissionTimePs) {
        clockHz = source.clockHz();
        alice = Arm.of(aliceArm, emissionTimePs, clockHz);
        bob = Arm.of(bobArm, emissionTimePs, clockHz);
        if (source instanceof EntangledPairSource pulsed) {
            continuous = false;
            polarisationError = pulsed.polarisationError();
            meanPairsPerMode = pulsed.meanPairsPerMode();
            aliceWindowSingles = 0;
            bobWindowSingles = 0;
            trueWindowCoincidence = 0;
        } else if (source instanceof ContinuousPairSource cw) {
            continuous = true;
            polarisationError = cw.polarisationError();
            meanPairsPerMode = 0;
            double pairs = cw.meanPairsPerWindow();
            aliceWindowSingles = pairs * alice.efficiency + alice.gatedDetectors() * alice.darkCountPerDetector;
            bobWindowSingles = pairs * bob.efficiency + bob.gatedDetectors() * bob.darkCountPerDetector;
            trueWindowCoincidence = pairs * alice.efficiency * bob.efficiency * cw.coincidenceWindowEfficiency();
            if (aliceOnlyWindow() < 0 || bobOnlyWindow() < 0 || aliceOnlyWindow() + bobOnlyWindow()
                    + trueWindowCoincidence + accidentalWindowCoincidence() > 1) {
                throw new IllegalArgumentException("a CW window with singles " + aliceWindowSingles + " and "
                        + bobWindowSingles + " and true coincidences " + trueWindowCoincidence
                        + " is outside the first-order window model; shorten the window or dim the source");
            }
        } else {
            throw new IllegalArgumentException("BBM92 needs a pair source, got " + source);
        }
    }

    /** CW: s_A s_B. */
    double accidentalWindowCoincidence() {
        return aliceWindowSingles * bobWindowSingles;
    }

    /** CW: s_A − c − s_A s_B. */
    double aliceOnlyWindow() {
        return aliceWindowSingles - trueWindowCoincidence - accidentalWindowCoincidence();
    }

    /** CW: s_B − c − s_A s_B. */
    double bobOnlyWindow() {
        return bobWindowSingles - trueWindowCoincidence - accidentalWindowCoincidence();
    }

    /** CW: the share of dark counts among clicks that are not part of a true coincidence. */
    double aliceUnpairedDarkShare() {
        return unpairedDarkShare(alice, aliceWindowSingles);
    }

    double bobUnpairedDarkShare() {
        return unpairedDarkShare(bob, bobWindowSingles);
    }

    private double unpairedDarkShare(Arm arm, double singles) {
        double unpaired = singles - trueWindowCoincidence;
        return unpaired > 0 ? arm.gatedDetectors() * arm.darkCountPerDetector / unpaired : 0;
    }

    /** Probability per pulse that Alice's receiver registers a detection. */
    double aliceDetectionProbability() {
        return continuous ? aliceWindowSingles : pulsedDetectionProbability(alice);
    }

    /** Probability per pulse that Bob's receiver registers a detection. */
    double bobDetectionProbability() {
        return continuous ? bobWindowSingles : pulsedDetectionProbability(bob);
    }

    /** No click: no dark count in the gated detectors and no photon detected, (1 + λη)^−2 for two thermal modes. */
    private double pulsedDetectionProbability(Arm arm) {
        double logNoDark = arm.gatedDetectors() * Math.log1p(-arm.darkCountPerDetector());
        return -Math.expm1(logNoDark - 2 * Math.log1p(meanPairsPerMode * arm.efficiency()));
    }

    /** Pulsed: probability that a pair has at least one photon detected, η_A + η_B − η_A η_B. */
    double pairDetectedProbability() {
        return alice.efficiency + bob.efficiency - alice.efficiency * bob.efficiency;
    }

    /** e such that 1 − 2e = (1 − 2 e_pol)(1 − 2 e_A)(1 − 2 e_B): three independent flips of one pair's bits. */
    double singlePairError() {
        return (1 - (1 - 2 * polarisationError) * (1 - 2 * alice.misalignment) * (1 - 2 * bob.misalignment)) / 2;
    }
}
