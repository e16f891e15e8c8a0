package org.qnetem.physics.source;

/**
 * An ideal single-photon source: each pulse holds one photon with probability {@code efficiency}
 * (collection and emission losses) and never two (g2 = 0). One intensity class, so no decoys; the X
 * basis with probability {@code basisBiasX}.
 */
public record SinglePhotonSource(double clockHz, double efficiency, double basisBiasX) implements Bb84Source {

    public SinglePhotonSource {
        if (!(clockHz > 0) || Double.isInfinite(clockHz)) {
            throw new IllegalArgumentException("clock rate must be positive, got " + clockHz);
        }
        if (!(efficiency > 0 && efficiency <= 1)) {
            throw new IllegalArgumentException("single-photon efficiency must be in (0, 1], got " + efficiency);
        }
        if (!(basisBiasX >= 0 && basisBiasX <= 1)) {
            throw new IllegalArgumentException("basis bias must be in [0, 1], got " + basisBiasX);
        }
    }

    @Override
    public int classCount() {
        return 1;
    }

    @Override
    public double probability(int k) {
        checkClass(k);
        return 1;
    }

    @Override
    public PhotonNumber photonNumber(int k) {
        checkClass(k);
        return new AtMostOnePhoton(efficiency);
    }

    private static void checkClass(int k) {
        if (k != 0) {
            throw new IndexOutOfBoundsException("a single-photon source has class 0 only, not " + k);
        }
    }
}
