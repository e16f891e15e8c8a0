package org.qnetem.physics.batch;

/**
 * What only the emulator knows about a BBM92 batch. A coincidence is a pulse (or window) at which both
 * receivers registered a detection; it is true when at least one pair had both its photons detected in
 * it (otherwise it is accidental: photons of different pairs, or dark counts). Matched-basis
 * coincidences are those whose reported bases agree; an error is one of them whose bits differ.
 */
public record PairTruth(long aliceDetections, long bobDetections, long coincidences, long trueCoincidences,
                        long matchedBasis, long matchedBasisErrors) {

    /** Sums the counts of two batches. */
    public PairTruth plus(PairTruth other) {
        return new PairTruth(aliceDetections + other.aliceDetections, bobDetections + other.bobDetections,
                coincidences + other.coincidences, trueCoincidences + other.trueCoincidences,
                matchedBasis + other.matchedBasis, matchedBasisErrors + other.matchedBasisErrors);
    }

    /** Error rate of matched-basis coincidences; NaN when there are none. */
    public double qber() {
        return matchedBasisErrors / (double) matchedBasis;
    }
}
