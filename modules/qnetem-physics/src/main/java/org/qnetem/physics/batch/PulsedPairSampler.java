package org.qnetem.physics.batch;

import org.qnetem.physics.random.RandomStream;

/**
 * One pump pulse of a pulsed SPDC source, photon by photon.
 *
 * <p>A pulse's random content is a list of independent components: the number K of pairs with at least
 * one photon detected (a sum of two thermal modes of mean λ(η_A + η_B − η_A η_B)) and one dark count
 * per gated detector. A detection somewhere is some component being non-zero, so the components are
 * drawn in order with component i non-zero, while all before it were zero, with probability
 * q_i / (1 − Π_{j ≥ i} (1 − q_j)); after the first non-zero one they are unconditional.
 *
 * <p>Photons then reach detectors. Every pair carries a label bit per basis, the mode it occupies:
 * Alice's photon of the pair reaches detector (basis, label) and Bob's (basis, label ⊕ f). Per pulse, p_Z
 * and p_X are uniform on [0, 1] and each pair's labels are Bernoulli(p_Z), Bernoulli(p_X): this mixture
 * makes the split of N pairs between the two modes of a basis uniform on 0..N, which is exactly two
 * independent thermal modes. f is one flip per pulse with probability e_pol = (1 − V)/2: the source's
 * imperfection acts on the pulse's pairs together, as in Ma, Fung and Lo's e_d term. Each photon goes
 * to the basis of the pulse (active) or its own random basis (passive), and flips to the other detector
 * of its basis with the receiver's misalignment.
 *
 * <p>Read-out per receiver: one detector clicked gives its basis and bit; more than one gives a random
 * bit (flagged as a double click), in the pulse's basis (active), the clicked analyser's basis, or —
 * clicks in both analysers of a passive receiver — X with probability q_X.
 *
 * <p>Not thread-safe: it holds the last pulse's results.
 */
final class PulsedPairSampler extends PairEventSampler {

    private static final int Z_DETECTORS = 0b0011;
    private static final int X_DETECTORS = 0b1100;

    private final PairLinkPhysics physics;
    private final double[] onGivenNoneBefore;
    // 1 − Π_{j ≥ i} (1 − q_j): some component from i on is non-zero.
    private final double[] someOnFrom;
    // The last component that can be non-zero: reached with all before it zero, it is certainly non-zero.
    private final int lastPossible;
    private final int aliceDarkSlots;
    // Thermal survival ratio r = x/(1+x), x = λ(η_A + η_B − η_Aη_B).
    private final double survivalRatio;
    // Which ends a detected pair reaches: Alice only, Bob only, both.
    private final double firstKindBelow;
    private final double secondKindBelow;

    private int aliceMask;
    private int bobMask;
    private int readBasis;
    private int readOutcome;
    private boolean readDouble;

    PulsedPairSampler(PairLinkPhysics physics) {
        this.physics = physics;
        aliceDarkSlots = physics.alice.gatedDetectors();
        int components = 1 + aliceDarkSlots + physics.bob.gatedDetectors();
        double[] q = new double[components];
        double etaA = physics.alice.efficiency();
        double etaB = physics.bob.efficiency();
        double detected = physics.pairDetectedProbability();
        double x = physics.meanPairsPerMode * detected;
        q[0] = -Math.expm1(-2 * Math.log1p(x));
        survivalRatio = x / (1 + x);
        firstKindBelow = detected > 0 ? etaA * (1 - etaB) / detected : 0;
        secondKindBelow = detected > 0 ? (etaA * (1 - etaB) + (1 - etaA) * etaB) / detected : 0;
        for (int i = 1; i < components; i++) {
            q[i] = i <= aliceDarkSlots ? physics.alice.darkCountPerDetector() : physics.bob.darkCountPerDetector();
        }
        onGivenNoneBefore = new double[components];
        someOnFrom = new double[components];
        double logNoneFromHere = 0;
        for (int i = components - 1; i >= 0; i--) {
            logNoneFromHere += Math.log1p(-q[i]);
            someOnFrom[i] = -Math.expm1(logNoneFromHere);
            onGivenNoneBefore[i] = someOnFrom[i] > 0 ? Math.min(1, q[i] / someOnFrom[i]) : 0;
        }
        int last = components - 1;
        while (last > 0 && q[last] == 0) {
            last--;
        }
        lastPossible = last;
    }

    /** 1 − Π_i (1 − q_i). */
    @Override
    double candidateProbability() {
        return someOnFrom[0];
    }

    @Override
    void sample(RandomStream random) {
        int events = 0;
        int aliceDarks = 0;
        int bobDarks = 0;
        // The first non-zero component, then, while any of those after it is non-zero (probability
        // 1 − Π(1 − q_j) over them), the next one: the same conditional draw, restarted after it.
        int component = -1;
        do {
            component = firstOnFrom(component + 1, random);
            if (component == 0) {
                events = pairsAtLeastOne(random);
            } else if (component <= aliceDarkSlots) {
                aliceDarks |= 1 << (component - 1);
            } else {
                bobDarks |= 1 << (component - 1 - aliceDarkSlots);
            }
        } while (component < lastPossible && random.nextBoolean(someOnFrom[component + 1]));
        int aliceActiveBasis = activeBasis(physics.alice, random);
        int bobActiveBasis = activeBasis(physics.bob, random);
        aliceMask = darkMask(aliceDarks, physics.alice, aliceActiveBasis);
        bobMask = darkMask(bobDarks, physics.bob, bobActiveBasis);
        truePair = false;
        if (events > 0) {
            addPhotons(events, aliceActiveBasis, bobActiveBasis, random);
        }
        aliceClicked = aliceMask != 0;
        bobClicked = bobMask != 0;
        if (aliceClicked) {
            readOut(aliceMask, physics.alice, random);
            aliceBasis = readBasis;
            aliceOutcome = readOutcome;
            aliceDoubleClick = readDouble;
        }
        if (bobClicked) {
            readOut(bobMask, physics.bob, random);
            bobBasis = readBasis;
            bobOutcome = readOutcome;
            bobDoubleClick = readDouble;
        }
    }

    private void addPhotons(int events, int aliceActiveBasis, int bobActiveBasis, RandomStream random) {
        // One pair's labels average the mixture out to fair coins, so p_Z and p_X are drawn only for more.
        boolean mixed = events > 1;
        double pZ = mixed ? random.nextDouble() : 0.5;
        double pX = mixed ? random.nextDouble() : 0.5;
        int flip = random.nextBoolean(physics.polarisationError) ? 1 : 0;
        for (int k = 0; k < events; k++) {
            double kind = random.nextDouble();
            int labelZ;
            int labelX;
            if (mixed) {
                labelZ = random.nextBoolean(pZ) ? 1 : 0;
                labelX = random.nextBoolean(pX) ? 1 : 0;
            } else {
                long coins = random.nextLong();
                labelZ = (int) (coins & 1);
                labelX = (int) (coins >>> 1 & 1);
            }
            boolean atAlice = kind < firstKindBelow || kind >= secondKindBelow;
            boolean atBob = kind >= firstKindBelow;
            if (atAlice) {
                aliceMask |= hit(physics.alice, aliceActiveBasis, labelZ, labelX, random);
            }
            if (atBob) {
                bobMask |= hit(physics.bob, bobActiveBasis, labelZ ^ flip, labelX ^ flip, random);
            }
            truePair |= atAlice && atBob;
        }
    }

    /** The first non-zero component from {@code start} on, given that there is one. */
    private int firstOnFrom(int start, RandomStream random) {
        int i = start;
        while (i < lastPossible && !random.nextBoolean(onGivenNoneBefore[i])) {
            i++;
        }
        return i;
    }

    /** The detector one photon reaches: bit (2·basis + label) of a detector mask. */
    private static int hit(PairLinkPhysics.Arm arm, int activeBasis, int labelZ, int labelX, RandomStream random) {
        int basis = arm.passive() ? (random.nextBoolean(arm.basisBiasX()) ? 1 : 0) : activeBasis;
        int bit = basis == 1 ? labelX : labelZ;
        if (arm.misalignment() > 0 && random.nextBoolean(arm.misalignment())) {
            bit ^= 1;
        }
        return 1 << (2 * basis + bit);
    }

    /** The pulse's basis at an active receiver; unused (0) at a passive one, whose photons choose. */
    private static int activeBasis(PairLinkPhysics.Arm arm, RandomStream random) {
        if (arm.passive()) {
            return 0;
        }
        return random.nextBoolean(arm.basisBiasX()) ? 1 : 0;
    }

    private static int darkMask(int slots, PairLinkPhysics.Arm arm, int activeBasis) {
        return arm.passive() ? slots : slots << (2 * activeBasis);
    }

    private void readOut(int mask, PairLinkPhysics.Arm arm, RandomStream random) {
        if (Integer.bitCount(mask) == 1) {
            int detector = Integer.numberOfTrailingZeros(mask);
            readBasis = detector >>> 1;
            readOutcome = detector & 1;
            readDouble = false;
            return;
        }
        boolean bothAnalysers = (mask & Z_DETECTORS) != 0 && (mask & X_DETECTORS) != 0;
        if (bothAnalysers) {
            readBasis = random.nextBoolean(arm.basisBiasX()) ? 1 : 0;
        } else {
            readBasis = (mask & X_DETECTORS) != 0 ? 1 : 0;
        }
        readOutcome = random.nextBoolean(0.5) ? 1 : 0;
        readDouble = true;
    }

    /**
     * K ≥ 1 pairs with a detected photon. K is the sum of two thermal modes of mean x, so with
     * r = x/(1+x), P(K ≥ k) = r^k (1 + k(1 − r)); K is the largest k with P(K ≥ k) ≥ v for v uniform in
     * (0, P(K ≥ 1)].
     */
    private int pairsAtLeastOne(RandomStream random) {
        double r = survivalRatio;
        double v = random.nextOpenDouble() * r * (2 - r);
        int k = 1;
        double rPower = r * r;
        while (rPower * (1 + (k + 1) * (1 - r)) >= v) {
            k++;
            rPower *= r;
        }
        return k;
    }
}
