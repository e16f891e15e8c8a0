package org.qnetem.physics.model;

/**
 * A prepare-and-measure link for the analytic key-rate models: fibre attenuation and lumped extra loss
 * on the way, then Bob's receiver (efficiency η_Bob including his optics, background yield Y_0 of both
 * detectors together, misalignment e_d, afterpulse probability p_ap).
 */
public record LinkBudget(double attenuationDbPerKm, double extraLossDb, double receiverEfficiency,
                         double backgroundYield, double misalignment, double afterpulseProbability) {

    public LinkBudget {
        if (!(attenuationDbPerKm >= 0) || Double.isInfinite(attenuationDbPerKm)) {
            throw new IllegalArgumentException("attenuation must be >= 0 dB/km, got " + attenuationDbPerKm);
        }
        if (!(extraLossDb >= 0) || Double.isInfinite(extraLossDb)) {
            throw new IllegalArgumentException("extra loss must be >= 0 dB, got " + extraLossDb);
        }
        if (!(receiverEfficiency > 0 && receiverEfficiency <= 1)) {
            throw new IllegalArgumentException("receiver efficiency must be in (0, 1], got " + receiverEfficiency);
        }
        // GainModel checks Y_0, e_d and p_ap; build one now so a bad budget fails here, not at first use.
        new GainModel(1, backgroundYield, misalignment, afterpulseProbability);
    }

    /** GYS (Gobby, Yuan, Shields 2004, as tabulated by Ma et al. 2005): REFERENCE §4.2. */
    public static LinkBudget gys2004() {
        return new LinkBudget(0.21, 0, 0.045, 1.7e-6, 0.033, 0);
    }

    /** Lim et al. 2014's evaluation set: InGaAs, p_dc = 6e-7 per detector, p_ap = 4 %, e_mis = 0.5 %. */
    public static LinkBudget lim2014() {
        return new LinkBudget(0.2, 0, 0.1, 2 * 6e-7, 0.005, 0.04);
    }

    /** Channel loss of {@code km} of fibre: α·L plus the extra loss. */
    public double lossDb(double km) {
        return attenuationDbPerKm * km + extraLossDb;
    }

    /** The fibre length whose channel loss is {@code lossDb}; infinite on lossless fibre. */
    public double kmAtLossDb(double lossDb) {
        return (lossDb - extraLossDb) / attenuationDbPerKm;
    }

    public GainModel atKm(double km) {
        if (!(km >= 0)) {
            throw new IllegalArgumentException("length must be >= 0 km, got " + km);
        }
        return atLossDb(lossDb(km));
    }

    /** The gain model behind {@code lossDb} of channel loss (fibre and extra loss together). */
    public GainModel atLossDb(double lossDb) {
        if (!(lossDb >= 0)) {
            throw new IllegalArgumentException("channel loss must be >= 0 dB, got " + lossDb);
        }
        double transmittance = Math.pow(10, -lossDb / 10) * receiverEfficiency;
        return new GainModel(transmittance, backgroundYield, misalignment, afterpulseProbability);
    }
}
