package org.qnetem.physics.model;

/**
 * The PLOB bound (Pirandola, Laurenza, Ottaviani, Banchi, Nat. Commun. 8, 15043 (2017)): no QKD
 * protocol without repeaters makes more than −log₂(1 − η) secret bits per use of a lossy channel of
 * transmittance η.
 */
public final class Plob {

    private static final double LN2 = Math.log(2);

    private Plob() {
    }

    /** −log1p(−η)/ln 2: log1p keeps tiny η (1000 km of fibre) from rounding 1 − η to 1 and the bound to 0. */
    public static double bitsPerChannelUse(double transmittance) {
        if (!(transmittance >= 0 && transmittance <= 1)) {
            throw new IllegalArgumentException("transmittance must be in [0, 1], got " + transmittance);
        }
        return -Math.log1p(-transmittance) / LN2;
    }

    /** The bound over {@code km} of fibre of {@code attenuationDbPerKm}. */
    public static double bitsPerChannelUse(double km, double attenuationDbPerKm) {
        return bitsPerChannelUse(Math.pow(10, -km * attenuationDbPerKm / 10));
    }
}
