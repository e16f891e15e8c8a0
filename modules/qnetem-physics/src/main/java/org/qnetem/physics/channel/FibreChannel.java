package org.qnetem.physics.channel;

/** A fibre span: attenuation over its length plus lumped insertion loss, and propagation delay. */
public record FibreChannel(double lengthKm, double attenuationDbPerKm, double extraLossDb, double groupIndex)
        implements QuantumChannel {

    /** Group index of standard single-mode fibre at 1550 nm: about 4.9 us per km. */
    public static final double SMF28_GROUP_INDEX = 1.468;
    private static final double SPEED_OF_LIGHT_KM_PER_PS = 299_792.458e-12;

    public FibreChannel {
        if (!(lengthKm >= 0) || Double.isInfinite(lengthKm)) {
            throw new IllegalArgumentException("length must be >= 0 km, got " + lengthKm);
        }
        if (!(attenuationDbPerKm >= 0)) {
            throw new IllegalArgumentException("attenuation must be >= 0 dB/km, got " + attenuationDbPerKm);
        }
        if (!(extraLossDb >= 0)) {
            throw new IllegalArgumentException("extra loss must be >= 0 dB, got " + extraLossDb);
        }
        if (!(groupIndex >= 1)) {
            throw new IllegalArgumentException("group index must be >= 1, got " + groupIndex);
        }
    }

    public static FibreChannel smf28(double lengthKm, double attenuationDbPerKm, double extraLossDb) {
        return new FibreChannel(lengthKm, attenuationDbPerKm, extraLossDb, SMF28_GROUP_INDEX);
    }

    public double lossDb() {
        return lengthKm * attenuationDbPerKm + extraLossDb;
    }

    public double transmittance() {
        return Math.pow(10, -lossDb() / 10);
    }

    @Override
    public double transmittanceAt(long emissionTimePs) {
        return transmittance();
    }

    @Override
    public long delayPsAt(long emissionTimePs) {
        return delayPs();
    }

    /** One-way propagation delay in picoseconds. */
    public long delayPs() {
        return Math.round(lengthKm * groupIndex / SPEED_OF_LIGHT_KM_PER_PS);
    }
}
