package org.qnetem.physics.batch;

import org.qnetem.physics.source.SourceDescriptor;

/**
 * Expectations, per pulse (or window), of the BBM92 models that {@link Bbm92BatchSampler} samples,
 * computed exactly rather than by simulation.
 *
 * <p>Pulsed ({@link PulsedPairSampler}): by enumeration. For each combination of active basis choices
 * (or the one passive configuration), the probability that no detector of a set S clicks is, with h(S)
 * the probability that one pair hits S and the dark counts independent,
 * <pre>
 *   Z(S) = Π_{d∈S}(1 − p_d) · E_{p_Z, p_X, f}[ (1 + λ h(S))^−2 ]      (two thermal modes)
 * </pre>
 * The mixture over (p_Z, p_X) ∈ [0, 1]² is integrated by 24 × 24-point Gauss–Legendre quadrature; h is
 * bilinear in (p_Z, p_X), so the integrand is smooth and the quadrature error is far below double
 * rounding for λ ≲ 1. Inclusion–exclusion turns Z into the probability of each exact set of clicking
 * detectors, and the read-out rules into the probabilities of detections, coincidences, matched bases
 * and errors. True coincidences (some pair detected at both ends) are 1 − (1 + λη_Aη_B)^−2.
 *
 * <p>CW ({@link WindowPairSampler}): the event classes give it directly — coincidences c + s_A s_B,
 * matched-basis errors e·c·m_true + ½·s_A s_B·m_accidental, with e the single-pair error and m the
 * probability that the two reported bases agree.
 */
public final class Bbm92Expectation {

    private static final int DETECTORS = 4;
    private static final int QUADRATURE_NODES = 24;
    private static final GaussLegendre QUADRATURE = new GaussLegendre(QUADRATURE_NODES);

    private final PairLinkPhysics physics;
    private double aliceDetection;
    private double bobDetection;
    private double coincidence;
    private double trueCoincidence;
    private double matched;
    private double matchedErrors;
    private double aliceDoubleClick;
    private double bobDoubleClick;

    Bbm92Expectation(PairLinkPhysics physics) {
        this.physics = physics;
        if (physics.continuous) {
            addWindowClasses();
        } else {
            enumerateClicks();
        }
    }

    private void addWindowClasses() {
        aliceDetection = physics.aliceWindowSingles;
        bobDetection = physics.bobWindowSingles;
        trueCoincidence = physics.trueWindowCoincidence;
        double accidental = physics.accidentalWindowCoincidence();
        coincidence = trueCoincidence + accidental;
        double trueMatch = sameBasis(physics.alice.basisBiasX(), physics.bob.basisBiasX());
        double accidentalMatch = sameBasis(unpairedX(physics.alice, physics.aliceUnpairedDarkShare()),
                unpairedX(physics.bob, physics.bobUnpairedDarkShare()));
        matched = trueCoincidence * trueMatch + accidental * accidentalMatch;
        matchedErrors = trueCoincidence * trueMatch * physics.singlePairError() + 0.5 * accidental * accidentalMatch;
    }

    private static double unpairedX(PairLinkPhysics.Arm arm, double darkShare) {
        return (1 - darkShare) * arm.xBasisProbability(false) + darkShare * arm.xBasisProbability(true);
    }

    private static double sameBasis(double xA, double xB) {
        return xA * xB + (1 - xA) * (1 - xB);
    }

    private void enumerateClicks() {
        for (int aliceBasis : basisChoices(physics.alice)) {
            for (int bobBasis : basisChoices(physics.bob)) {
                double weight = basisWeight(physics.alice, aliceBasis) * basisWeight(physics.bob, bobBasis);
                if (weight > 0) {
                    accumulate(weight, new ClickLaw(physics, aliceBasis, bobBasis, QUADRATURE));
                }
            }
        }
        double bothDetected = physics.alice.efficiency() * physics.bob.efficiency();
        trueCoincidence = -Math.expm1(-2 * Math.log1p(physics.meanPairsPerMode * bothDetected));
    }

    /** The expectation of a link of {@code source} and two arms, for light emitted at {@code emissionTimePs}. */
    public static Bbm92Expectation of(SourceDescriptor source, Bbm92Arm alice, Bbm92Arm bob, long emissionTimePs) {
        return new Bbm92Expectation(new PairLinkPhysics(source, alice, bob, emissionTimePs));
    }

    public double aliceDetectionProbability() {
        return aliceDetection;
    }

    public double bobDetectionProbability() {
        return bobDetection;
    }

    /** Both ends detect in the same pulse. */
    public double coincidenceProbability() {
        return coincidence;
    }

    /** Some pair of the pulse is detected at both ends. */
    public double trueCoincidenceProbability() {
        return trueCoincidence;
    }

    /** Coincidences whose reported bases agree (the sifted bits). */
    public double matchedBasisProbability() {
        return matched;
    }

    /** Matched-basis coincidences whose bits differ. */
    public double matchedErrorProbability() {
        return matchedErrors;
    }

    public double qber() {
        return matchedErrors / matched;
    }

    /** More than one of Alice's detectors clicks (her bit is then random). */
    public double aliceDoubleClickProbability() {
        return aliceDoubleClick;
    }

    public double bobDoubleClickProbability() {
        return bobDoubleClick;
    }

    public double coincidenceRateHz() {
        return physics.clockHz * coincidence;
    }

    public double siftedRateBps() {
        return physics.clockHz * matched;
    }

    /** Adds the read-out of every exact set of clicking detectors, Alice's in bits 0–3 and Bob's in 4–7. */
    private void accumulate(double weight, ClickLaw law) {
        int gated = law.gated;
        for (int clicked = gated; ; clicked = (clicked - 1) & gated) {
            double p = weight * law.exactly(clicked);
            int aliceClicks = clicked & 0xF;
            int bobClicks = clicked >>> DETECTORS;
            if (aliceClicks != 0) {
                aliceDetection += p;
                aliceDoubleClick += Integer.bitCount(aliceClicks) > 1 ? p : 0;
            }
            if (bobClicks != 0) {
                bobDetection += p;
                bobDoubleClick += Integer.bitCount(bobClicks) > 1 ? p : 0;
            }
            if (aliceClicks != 0 && bobClicks != 0) {
                coincidence += p;
                double sameBasis = sameBasis(reportedX(aliceClicks, physics.alice), reportedX(bobClicks, physics.bob));
                matched += p * sameBasis;
                boolean random = Integer.bitCount(aliceClicks) > 1 || Integer.bitCount(bobClicks) > 1;
                boolean differ = (Integer.numberOfTrailingZeros(aliceClicks) & 1)
                        != (Integer.numberOfTrailingZeros(bobClicks) & 1);
                matchedErrors += p * sameBasis * (random ? 0.5 : differ ? 1 : 0);
            }
            if (clicked == 0) {
                return;
            }
        }
    }

    /** Probability that a receiver whose detectors {@code clicks} fired reports the X basis. */
    private static double reportedX(int clicks, PairLinkPhysics.Arm arm) {
        boolean z = (clicks & 0b0011) != 0;
        boolean x = (clicks & 0b1100) != 0;
        if (z && x) {
            return arm.basisBiasX();
        }
        return x ? 1 : 0;
    }

    /** Active: each basis with its weight; passive: one configuration (−1) covering both analysers. */
    private static int[] basisChoices(PairLinkPhysics.Arm arm) {
        return arm.passive() ? new int[] {-1} : new int[] {0, 1};
    }

    private static double basisWeight(PairLinkPhysics.Arm arm, int basis) {
        if (basis < 0) {
            return 1;
        }
        return basis == 1 ? arm.basisBiasX() : 1 - arm.basisBiasX();
    }
}
