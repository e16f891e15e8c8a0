package org.qnetem.physics.source;

/** A single-photon source without multi-photon emission (g2 = 0): one photon with probability {@code efficiency}. */
public record AtMostOnePhoton(double efficiency) implements PhotonNumber {

    public AtMostOnePhoton {
        if (!(efficiency >= 0 && efficiency <= 1)) {
            throw new IllegalArgumentException("single-photon efficiency must be in [0, 1], got " + efficiency);
        }
    }

    @Override
    public double vacuum() {
        return 1 - efficiency;
    }

    @Override
    public double single() {
        return efficiency;
    }

    @Override
    public double multi() {
        return 0;
    }

    @Override
    public double logNoneDetected(double t) {
        return StrictMath.log1p(-efficiency * t);
    }

    @Override
    public double multiLessOne(double z) {
        return 0;
    }
}
