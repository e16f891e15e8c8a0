package org.qnetem.physics.channel;

/**
 * Where a satellite in a circular low Earth orbit is, seen from a ground station, during one pass:
 * elevation and slant range against emulated time, and the rise and set times above a minimum
 * elevation.
 *
 * <p>Model: a spherical Earth of radius R = 6371 km (mean radius) that does not rotate under the
 * orbit, and a circular orbit of radius r = R + altitude traversed at the Kepler rate
 * ω = √(GM / r³), GM = 398600.4418 km³/s². The pass is fixed by its maximum elevation ε_max at the
 * culmination time t_c. The Earth-central angle γ between station and satellite satisfies
 * cos γ = cos β · cos(ω (t − t_c)), where β (the central angle at closest approach) is that of ε_max;
 * elevation ε and slant range d follow from the triangle Earth centre – station – satellite:
 * <pre>
 *   d² = h² + 4 R r sin²(γ/2),     sin ε = (h − 2 r sin²(γ/2)) / d,     γ(ε) = acos(R cos ε / r) − ε
 * </pre>
 * (h = altitude; the half-angle forms avoid cancellation near zenith). Ignoring Earth's rotation
 * shortens or lengthens a real pass by a few per cent; it keeps the pass symmetric about culmination.
 * The along-track angle is held within ±π, so the geometry describes this one pass and not the next
 * orbit's.
 */
public final class SatellitePassGeometry {

    public static final double EARTH_RADIUS_KM = 6371.0;
    public static final double EARTH_GM_KM3_PER_S2 = 398600.4418;
    private static final double PS_PER_S = 1e12;

    private final double altitudeKm;
    private final double maxElevationRad;
    private final double minElevationRad;
    private final long culminationTimePs;
    private final double orbitRadiusKm;
    private final double angularRateRadPerS;
    private final double cosClosestCentralAngle;
    private final long halfPassPs;

    /**
     * @param maxElevationDeg elevation at culmination, in (0, 90]
     * @param minElevationDeg elevation above which the station can track the satellite, in [0, max]
     */
    public SatellitePassGeometry(double altitudeKm, double maxElevationDeg, double minElevationDeg,
                                 long culminationTimePs) {
        if (!(altitudeKm > 0) || Double.isInfinite(altitudeKm)) {
            throw new IllegalArgumentException("altitude must be positive, got " + altitudeKm + " km");
        }
        if (!(maxElevationDeg > 0 && maxElevationDeg <= 90)) {
            throw new IllegalArgumentException("maximum elevation must be in (0, 90] degrees, got " + maxElevationDeg);
        }
        if (!(minElevationDeg >= 0 && minElevationDeg <= maxElevationDeg)) {
            throw new IllegalArgumentException("minimum elevation must be in [0, " + maxElevationDeg
                    + "] degrees, got " + minElevationDeg);
        }
        this.altitudeKm = altitudeKm;
        this.maxElevationRad = Math.toRadians(maxElevationDeg);
        this.minElevationRad = Math.toRadians(minElevationDeg);
        this.culminationTimePs = culminationTimePs;
        orbitRadiusKm = EARTH_RADIUS_KM + altitudeKm;
        angularRateRadPerS = Math.sqrt(EARTH_GM_KM3_PER_S2 / (orbitRadiusKm * orbitRadiusKm * orbitRadiusKm));
        cosClosestCentralAngle = Math.cos(centralAngle(maxElevationRad));
        double cosAlongTrack = Math.min(1, Math.cos(centralAngle(minElevationRad)) / cosClosestCentralAngle);
        halfPassPs = Math.round(Math.acos(cosAlongTrack) / angularRateRadPerS * PS_PER_S);
    }

    /**
     * The pass whose closest slant range is {@code closestRangeKm}, between the altitude (a zenith
     * pass) and the range at which the satellite culminates on the horizon.
     */
    public static SatellitePassGeometry withClosestRange(double altitudeKm, double closestRangeKm,
                                                         double minElevationDeg, long culminationTimePs) {
        double orbitRadius = EARTH_RADIUS_KM + altitudeKm;
        double sinElevation = (altitudeKm * (orbitRadius + EARTH_RADIUS_KM) - closestRangeKm * closestRangeKm)
                / (2 * EARTH_RADIUS_KM * closestRangeKm);
        if (!(sinElevation > 0 && sinElevation <= 1 + 1e-12)) {
            throw new IllegalArgumentException("a satellite at " + altitudeKm
                    + " km cannot culminate above the horizon at " + closestRangeKm + " km");
        }
        return new SatellitePassGeometry(altitudeKm, Math.toDegrees(Math.asin(Math.min(1, sinElevation))),
                minElevationDeg, culminationTimePs);
    }

    /** Seconds per orbit, 2π / ω. */
    public double orbitalPeriodS() {
        return 2 * Math.PI / angularRateRadPerS;
    }

    public long culminationTimePs() {
        return culminationTimePs;
    }

    /** When the satellite climbs through the minimum elevation. */
    public long riseTimePs() {
        return culminationTimePs - halfPassPs;
    }

    /** When the satellite sinks through the minimum elevation. */
    public long setTimePs() {
        return culminationTimePs + halfPassPs;
    }

    /** Whether the satellite is at or above the minimum elevation at {@code timePs}. */
    public boolean isVisibleAt(long timePs) {
        return timePs >= riseTimePs() && timePs <= setTimePs();
    }

    public double altitudeKm() {
        return altitudeKm;
    }

    public double maxElevationRad() {
        return maxElevationRad;
    }

    public double minElevationRad() {
        return minElevationRad;
    }

    public double slantRangeKmAt(long timePs) {
        double halfAngleSine = Math.sin(centralAngleAt(timePs) / 2);
        return Math.sqrt(altitudeKm * altitudeKm
                + 4 * EARTH_RADIUS_KM * orbitRadiusKm * halfAngleSine * halfAngleSine);
    }

    /** Elevation in radians; negative while the satellite is below the horizon. */
    public double elevationRadAt(long timePs) {
        double halfAngleSine = Math.sin(centralAngleAt(timePs) / 2);
        double sine = (altitudeKm - 2 * orbitRadiusKm * halfAngleSine * halfAngleSine) / slantRangeKmAt(timePs);
        return Math.asin(Math.max(-1, Math.min(1, sine)));
    }

    private double centralAngleAt(long timePs) {
        double sinceCulminationS = ((double) timePs - culminationTimePs) / PS_PER_S;
        double alongTrack = Math.max(-Math.PI, Math.min(Math.PI, angularRateRadPerS * sinceCulminationS));
        return Math.acos(Math.max(-1, Math.min(1, cosClosestCentralAngle * Math.cos(alongTrack))));
    }

    /** Earth-central angle between the station and a satellite seen at {@code elevationRad}. */
    private double centralAngle(double elevationRad) {
        return Math.acos(EARTH_RADIUS_KM * Math.cos(elevationRad) / orbitRadiusKm) - elevationRad;
    }
}
