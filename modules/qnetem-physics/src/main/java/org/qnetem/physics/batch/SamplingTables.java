package org.qnetem.physics.batch;

import org.qnetem.physics.attack.PulseKind;
import org.qnetem.physics.attack.PulseKinds;
import org.qnetem.physics.detector.ClickDistribution;
import org.qnetem.physics.model.Bb84Expectation;
import org.qnetem.physics.random.FixedPointProbability;

/**
 * The sampler's per-transmittance tables, from the pulse kinds of a {@link Bb84Expectation}.
 *
 * <p>Candidates and cells. Every pulse is a candidate with probability p_max, the largest click
 * probability of any kind that can occur; a candidate of kind κ whose photons are in basis b_ph
 * then falls in one of six cells, (Bob's basis) × (correct only, wrong only, both), with probability
 * q(Bob's basis) · P(category | Bob's basis relative to b_ph) / p_max, or in none (no click). So one
 * uniform decides thinning, Bob's basis and the detectors together, and the kept candidates are
 * exactly the pulses that click, with the right joint distribution. Cell bounds are cumulative
 * fixed-point probabilities, six per (κ, b_ph) at {@link #cellsFrom}.
 *
 * <p>Eve's knowledge of a matched click of category c: the kind's share of such clicks in which she
 * knows Alice's bit, as a fixed-point threshold at {@link #eveKnowsMatchedBelow}.
 */
final class SamplingTables {

    static final int CELLS = 2 * ClickDistribution.CATEGORIES;

    final Bb84Expectation expectation;
    final PulseKinds kinds;
    final double candidateProbability;
    /** 1 / -ln(1 - p_max): an exponential variate times this, floored, is a geometric gap; 0 when p_max = 1. */
    final double gapScale;
    final long[] cellBounds;
    final long[] eveKnowsMatchedBelow;
    final long[] eveKnowsAfterpulseBelow;
    final boolean[] conjugatePhotons;
    final boolean[] clicksInTestSlots;
    final long bobXBelow;
    final long afterpulseBelow;
    final long deadSlots;

    SamplingTables(Bb84Expectation expectation) {
        this.expectation = expectation;
        kinds = expectation.kinds();
        double bobBiasX = kinds.optics().receiver().basisBiasX();
        int kindCount = kinds.classCount() * PulseKinds.ACTIONS;
        double pMax = 0;
        for (int k = 0; k < kinds.classCount(); k++) {
            if (kinds.optics().source().probability(k) > 0) {
                for (int action = 0; action < PulseKinds.ACTIONS; action++) {
                    PulseKind kind = kinds.kind(k, action);
                    for (int photonBasis = 0; photonBasis < 2; photonBasis++) {
                        pMax = Math.max(pMax, bobBiasX * kind.response(true, photonBasis == 1).total()
                                + (1 - bobBiasX) * kind.response(false, photonBasis == 1).total());
                    }
                }
            }
        }
        candidateProbability = Math.min(1, pMax);
        gapScale = candidateProbability < 1 ? -1 / StrictMath.log1p(-candidateProbability) : 0;
        cellBounds = new long[kindCount * 2 * CELLS];
        eveKnowsMatchedBelow = new long[kindCount * ClickDistribution.CATEGORIES];
        eveKnowsAfterpulseBelow = new long[kindCount];
        conjugatePhotons = new boolean[kindCount];
        clicksInTestSlots = new boolean[kindCount];
        for (int kindIndex = 0; kindIndex < kindCount; kindIndex++) {
            PulseKind kind = kinds.kind(kindIndex / PulseKinds.ACTIONS, kindIndex % PulseKinds.ACTIONS);
            conjugatePhotons[kindIndex] = kind.conjugatePhotons();
            clicksInTestSlots[kindIndex] = kind.clicksInTestSlots();
            eveKnowsAfterpulseBelow[kindIndex] = FixedPointProbability.of(kind.eveKnowsAfterpulse());
            for (int photonBasis = 0; photonBasis < 2; photonBasis++) {
                fillCells(kind, photonBasis == 1, bobBiasX, cellsFrom(kindIndex, photonBasis == 1));
            }
            ClickDistribution matched = kind.sifted();
            for (int c = 0; c < ClickDistribution.CATEGORIES; c++) {
                double clicks = matched.probability(c);
                double known = clicks > 0 ? Math.min(1, kind.eveKnowsSifted().probability(c) / clicks) : 0;
                eveKnowsMatchedBelow[kindIndex * ClickDistribution.CATEGORIES + c] = FixedPointProbability.of(known);
            }
        }
        bobXBelow = FixedPointProbability.of(bobBiasX);
        afterpulseBelow = FixedPointProbability.of(kinds.afterpulseProbability());
        deadSlots = kinds.deadSlots();
    }

    static int kindIndex(int k, int action) {
        return k * PulseKinds.ACTIONS + action;
    }

    static int cellsFrom(int kindIndex, boolean photonX) {
        return (2 * kindIndex + (photonX ? 1 : 0)) * CELLS;
    }

    /** Cells 0-2: Bob in X; cells 3-5: Bob in Z; each in the order of {@link ClickDistribution}'s categories. */
    private void fillCells(PulseKind kind, boolean photonX, double bobBiasX, int from) {
        if (candidateProbability == 0) {
            return;
        }
        double cumulative = 0;
        for (int cell = 0; cell < CELLS; cell++) {
            boolean bobX = cell < ClickDistribution.CATEGORIES;
            double pBasis = bobX ? bobBiasX : 1 - bobBiasX;
            cumulative += pBasis * kind.response(bobX, photonX).probability(cell % ClickDistribution.CATEGORIES);
            cellBounds[from + cell] = FixedPointProbability.of(Math.min(1, cumulative / candidateProbability));
        }
    }
}
