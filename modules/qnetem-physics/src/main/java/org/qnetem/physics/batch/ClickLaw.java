package org.qnetem.physics.batch;

/**
 * Which detectors click in one pulse of a pulsed pair source, for one combination of basis choices:
 * the probability Z(S) that none of a set S clicks, for every S of the gated detectors, and from it by
 * inclusion–exclusion the probability of each exact set. Detector masks hold Alice's detectors in
 * bits 0–3 and Bob's in 4–7, detector (basis, bit) at bit 2·basis + bit of its side.
 */
final class ClickLaw {

    private static final int SIDE = 4;
    private static final int MASKS = 1 << (2 * SIDE);

    final int gated;
    private final double[] noClick = new double[MASKS];
    private final PairLinkPhysics physics;
    private final double[] aliceRoute;
    private final double[] bobRoute;
    // Per (Alice detector i, Bob detector j): probability that a pair's two photons, both detected, reach i and j.
    private final double[][] joint = new double[SIDE][SIDE];
    private final double[] aliceMarginal = new double[SIDE];
    private final double[] bobMarginal = new double[SIDE];

    /** {@code aliceBasis} and {@code bobBasis}: 0 (Z) or 1 (X) for an active choice, −1 for a passive receiver. */
    ClickLaw(PairLinkPhysics physics, int aliceBasis, int bobBasis, GaussLegendre quadrature) {
        this.physics = physics;
        aliceRoute = route(physics.alice, aliceBasis);
        bobRoute = route(physics.bob, bobBasis);
        gated = gatedDetectors(aliceBasis) | gatedDetectors(bobBasis) << SIDE;
        for (int f = 0; f <= 1; f++) {
            double flipWeight = f == 1 ? physics.polarisationError : 1 - physics.polarisationError;
            for (int a = 0; a < quadrature.nodes.length; a++) {
                for (int b = 0; b < quadrature.nodes.length; b++) {
                    double weight = flipWeight * quadrature.weights[a] * quadrature.weights[b];
                    if (weight > 0) {
                        addMixturePoint(weight, quadrature.nodes[a], quadrature.nodes[b], f);
                    }
                }
            }
        }
        for (int set = gated; ; set = (set - 1) & gated) {
            noClick[set] *= Math.pow(1 - physics.alice.darkCountPerDetector(), Integer.bitCount(set & 0xF))
                    * Math.pow(1 - physics.bob.darkCountPerDetector(), Integer.bitCount(set >>> SIDE));
            if (set == 0) {
                break;
            }
        }
    }

    /** Probability that exactly the detectors of {@code clicked} (a subset of the gated ones) click. */
    double exactly(int clicked) {
        int silent = gated & ~clicked;
        double sum = 0;
        for (int extra = clicked; ; extra = (extra - 1) & clicked) {
            double term = noClick[silent | extra];
            sum += Integer.bitCount(extra) % 2 == 0 ? term : -term;
            if (extra == 0) {
                return sum;
            }
        }
    }

    /** One quadrature point of the label mixture: (1 + λ h(S))^−2 for every gated set S. */
    private void addMixturePoint(double weight, double pZ, double pX, int flip) {
        fillJoint(pZ, pX, flip);
        double etaA = physics.alice.efficiency();
        double etaB = physics.bob.efficiency();
        for (int set = gated; ; set = (set - 1) & gated) {
            double hit = etaA * aliceHit(set) + etaB * bobHit(set) - etaA * etaB * jointHit(set);
            double base = 1 + physics.meanPairsPerMode * hit;
            noClick[set] += weight / (base * base);
            if (set == 0) {
                return;
            }
        }
    }

    /** joint[i][j] and its marginals for labels Bernoulli(p_Z), Bernoulli(p_X) and Bob's flip. */
    private void fillJoint(double pZ, double pX, int flip) {
        double eA = physics.alice.misalignment();
        double eB = physics.bob.misalignment();
        for (int i = 0; i < SIDE; i++) {
            aliceMarginal[i] = 0;
            bobMarginal[i] = 0;
        }
        for (int i = 0; i < SIDE; i++) {
            int basisA = i >>> 1;
            int bitA = i & 1;
            for (int j = 0; j < SIDE; j++) {
                int basisB = j >>> 1;
                int bitB = j & 1;
                double bits;
                if (basisA == basisB) {
                    bits = 0;
                    for (int label = 0; label <= 1; label++) {
                        bits += labelProbability(basisA, label, pZ, pX) * reach(bitA, label, eA)
                                * reach(bitB, label ^ flip, eB);
                    }
                } else {
                    double aliceBit = 0;
                    double bobBit = 0;
                    for (int label = 0; label <= 1; label++) {
                        aliceBit += labelProbability(basisA, label, pZ, pX) * reach(bitA, label, eA);
                        bobBit += labelProbability(basisB, label, pZ, pX) * reach(bitB, label ^ flip, eB);
                    }
                    bits = aliceBit * bobBit;
                }
                joint[i][j] = aliceRoute[basisA] * bobRoute[basisB] * bits;
                aliceMarginal[i] += joint[i][j];
                bobMarginal[j] += joint[i][j];
            }
        }
    }

    private double aliceHit(int set) {
        double sum = 0;
        for (int i = 0; i < SIDE; i++) {
            sum += (set >>> i & 1) * aliceMarginal[i];
        }
        return sum;
    }

    private double bobHit(int set) {
        double sum = 0;
        for (int j = 0; j < SIDE; j++) {
            sum += (set >>> (SIDE + j) & 1) * bobMarginal[j];
        }
        return sum;
    }

    private double jointHit(int set) {
        double sum = 0;
        for (int i = 0; i < SIDE; i++) {
            if ((set >>> i & 1) != 0) {
                for (int j = 0; j < SIDE; j++) {
                    sum += (set >>> (SIDE + j) & 1) * joint[i][j];
                }
            }
        }
        return sum;
    }

    private static double labelProbability(int basis, int label, double pZ, double pX) {
        double one = basis == 1 ? pX : pZ;
        return label == 1 ? one : 1 - one;
    }

    /** Probability that a photon of mode {@code label} reaches detector bit {@code bit} under misalignment e. */
    private static double reach(int bit, int label, double misalignment) {
        return bit == label ? 1 - misalignment : misalignment;
    }

    private static double[] route(PairLinkPhysics.Arm arm, int basis) {
        if (basis < 0) {
            return new double[] {1 - arm.basisBiasX(), arm.basisBiasX()};
        }
        return basis == 1 ? new double[] {0, 1} : new double[] {1, 0};
    }

    private static int gatedDetectors(int basis) {
        return basis < 0 ? 0xF : 0b11 << (2 * basis);
    }
}
