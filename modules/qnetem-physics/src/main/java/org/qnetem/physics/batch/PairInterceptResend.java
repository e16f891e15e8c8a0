package org.qnetem.physics.batch;

import org.qnetem.physics.random.RandomStream;

/**
 * Intercept-resend on the fibre leg(s) of a BBM92 link: on each attacked leg Eve measures a fraction
 * {@code fraction} of the photons in a random basis (X with the probability the receiver at that leg's end
 * picks X) and sends on a photon in her basis and result, which the receiver then clicks on as it would have
 * on the honest photon (the click pattern stays the honest one; only the states change).
 *
 * <p>Why this is the whole effect on the pair model ({@link PulsedPairSampler},
 * {@link WindowPairSampler}): measuring one photon of a pair in basis e is the
 * receiver's own measurement when e is the receiver's basis b, so nothing changes; when e ≠ b the resent
 * photon is an eigenstate of the other basis and the receiver's bit is a fair coin, whatever the other end
 * saw. A detection whose bit was already random (a dark count, an accidental coincidence, a squashed double
 * click) stays random. So a sifted coincidence's correlation 1 − 2e is multiplied by 1 − q on each attacked
 * leg, q = f·P(e ≠ b): the error rate becomes ½ − (½ − e)Π(1 − q), which for one leg and unbiased bases is
 * e + f(1/4 − e/2), the textbook f/4 when e is small; two attacked legs give about f/4 each. Eve knows the
 * bit of a sifted coincidence when she measured either of its photons in the sifted basis (her result is
 * that end's bit).
 *
 * @param fraction share of the photons Eve measures on each attacked leg, in (0, 1]
 * @param legA     she attacks the leg to end a (a leg with fibre: the source is not at a's node)
 * @param legB     she attacks the leg to end b
 */
public record PairInterceptResend(double fraction, boolean legA, boolean legB) {

    public PairInterceptResend {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("attacked fraction must be in (0, 1], got " + fraction);
        }
        if (!legA && !legB) {
            throw new IllegalArgumentException("intercept-resend needs a leg to attack");
        }
    }

    /** The attacked batch and how many of its matched-basis coincidences Eve knows the bit of. */
    public record Attacked(PairSample sample, long eveKnownMatched) {
    }

    /**
     * Applies the attack to a sampled batch; {@code biasXA}, {@code biasXB}: the ends' probabilities of the X
     * basis, which Eve's basis choice copies. Draws, per detection of an attacked end in index order (end a
     * first), whether Eve measured it, her basis and, when it differs, the receiver's new bit.
     */
    public Attacked apply(PairSample honest, double biasXA, double biasXB, RandomStream random) {
        boolean[] knownA = new boolean[honest.alice().count()];
        boolean[] knownB = new boolean[honest.bob().count()];
        DetectionBatch alice = legA ? attack(honest.alice(), biasXA, random, knownA) : honest.alice();
        DetectionBatch bob = legB ? attack(honest.bob(), biasXB, random, knownB) : honest.bob();
        long errors = 0;
        long known = 0;
        int i = 0;
        int j = 0;
        while (i < alice.count() && j < bob.count()) {
            long a = alice.pulseIndex(i);
            long b = bob.pulseIndex(j);
            if (a < b) {
                i++;
            } else if (b < a) {
                j++;
            } else {
                if (alice.bases().get(i) == bob.bases().get(j)) {
                    errors += alice.outcomes().get(i) != bob.outcomes().get(j) ? 1 : 0;
                    known += knownA[i] || knownB[j] ? 1 : 0;
                }
                i++;
                j++;
            }
        }
        PairTruth t = honest.truth();
        return new Attacked(new PairSample(alice, bob, new PairTruth(t.aliceDetections(), t.bobDetections(),
                t.coincidences(), t.trueCoincidences(), t.matchedBasis(), errors)), known);
    }

    private DetectionBatch attack(DetectionBatch side, double biasX, RandomStream random, boolean[] known) {
        PackedBits.Builder outcomes = new PackedBits.Builder(side.count());
        for (int d = 0; d < side.count(); d++) {
            boolean outcome = side.outcomes().get(d);
            if (random.nextBoolean(fraction)) {
                boolean eveX = random.nextBoolean(biasX);
                if (eveX == side.bases().get(d)) {
                    known[d] = true;
                } else {
                    outcome = random.nextBoolean(0.5);
                }
            }
            outcomes.append(outcome);
        }
        return new DetectionBatch(side.linkId(), side.sequence(), side.arrivalTimePs(), side.pulseCount(),
                side.pulseIndices(), side.bases(), outcomes.build(), side.doubleClicks());
    }

    /**
     * The expected matched-basis error probability per pulse under the attack, for the statistical model
     * (one error rate for both bases, as there): the honest rate's correlation scaled per attacked leg by
     * 1 − f·P(Eve's basis ≠ the sifted basis), averaged over the sifted basis.
     */
    public double matchedErrorProbability(Bbm92Expectation honest, double biasXA, double biasXB) {
        double matched = honest.matchedBasisProbability();
        if (matched == 0) {
            return 0;
        }
        double correlation = 1 - 2 * honest.matchedErrorProbability() / matched;
        double siftedX = siftedX(biasXA, biasXB);
        double kept = siftedX * kept(true, biasXA, biasXB) + (1 - siftedX) * kept(false, biasXA, biasXB);
        return matched * (0.5 - 0.5 * correlation * kept);
    }

    /** The expected share of matched-basis coincidences whose bit Eve knows. */
    public double eveKnownShare(double biasXA, double biasXB) {
        double siftedX = siftedX(biasXA, biasXB);
        return siftedX * known(true, biasXA, biasXB) + (1 - siftedX) * known(false, biasXA, biasXB);
    }

    private double kept(boolean x, double biasXA, double biasXB) {
        return (legA ? 1 - fraction * other(x, biasXA) : 1) * (legB ? 1 - fraction * other(x, biasXB) : 1);
    }

    private double known(boolean x, double biasXA, double biasXB) {
        double missedA = legA ? 1 - fraction * (1 - other(x, biasXA)) : 1;
        double missedB = legB ? 1 - fraction * (1 - other(x, biasXB)) : 1;
        return 1 - missedA * missedB;
    }

    /** Probability that Eve, copying a receiver of X bias {@code biasX}, picks the basis other than {@code x}. */
    private static double other(boolean x, double biasX) {
        return x ? 1 - biasX : biasX;
    }

    private static double siftedX(double biasXA, double biasXB) {
        double bothX = biasXA * biasXB;
        double bothZ = (1 - biasXA) * (1 - biasXB);
        return bothX / (bothX + bothZ);
    }
}
