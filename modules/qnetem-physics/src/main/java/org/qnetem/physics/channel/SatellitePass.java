package org.qnetem.physics.channel;

import java.util.Objects;

/**
 * A satellite-to-ground downlink during one pass: the transmittance of {@link DownlinkBudget} at
 * the slant range and elevation of {@link SatellitePassGeometry}, while the satellite is above the
 * minimum elevation, and 0 before it rises and after it sets. Delay is the slant range at the speed
 * of light in vacuum (the few metres of extra optical path in the atmosphere are ignored).
 */
public record SatellitePass(SatellitePassGeometry geometry, DownlinkBudget budget) implements QuantumChannel {

    private static final double SPEED_OF_LIGHT_KM_PER_PS = 299_792.458e-12;

    public SatellitePass {
        Objects.requireNonNull(geometry, "geometry");
        Objects.requireNonNull(budget, "budget");
    }

    /**
     * A Micius-like pass: 500 km altitude (REFERENCE §2, [V]), tracked above 10° elevation
     * (an assumption [A]), with {@link DownlinkBudget#micius()}.
     */
    public static SatellitePass micius(double maxElevationDeg, long culminationTimePs) {
        return new SatellitePass(new SatellitePassGeometry(500, maxElevationDeg, 10, culminationTimePs),
                DownlinkBudget.micius());
    }

    /** Loss in dB while visible; positive infinity outside the pass. */
    public double lossDbAt(long emissionTimePs) {
        double elevation = geometry.elevationRadAt(emissionTimePs);
        // The elevation test guards a pass tracked down to 0°, where rounding can put it a hair below.
        if (!geometry.isVisibleAt(emissionTimePs) || !(elevation > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        return budget.lossDb(geometry.slantRangeKmAt(emissionTimePs), elevation);
    }

    @Override
    public double transmittanceAt(long emissionTimePs) {
        return Math.pow(10, -lossDbAt(emissionTimePs) / 10);
    }

    @Override
    public long delayPsAt(long emissionTimePs) {
        return Math.round(geometry.slantRangeKmAt(emissionTimePs) / SPEED_OF_LIGHT_KM_PER_PS);
    }
}
