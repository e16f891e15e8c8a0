package org.qnetem.runtime.topology;

import java.util.Locale;
import java.util.Objects;
import org.qnetem.physics.channel.DownlinkBudget;
import org.qnetem.physics.channel.FibreChannel;
import org.qnetem.physics.channel.SatellitePass;
import org.qnetem.physics.channel.SatellitePassGeometry;

/**
 * The free-space channel of a satellite link (topology {@code kind = satellite}): a low-Earth-orbit satellite
 * at node a passing over the ground station at node b, one pass at a time. Each pass is a
 * {@link SatellitePass} (geometry of {@link SatellitePassGeometry}, loss of {@link DownlinkBudget}) with the same
 * maximum elevation; the first culminates at {@code firstCulminationPs} of emulated time and, when
 * {@code passIntervalPs} is positive, the next ones every interval after it (a real station sees passes of
 * different elevations at irregular times; one elevation and a fixed interval is this format's simplification).
 * Between passes the satellite is below the station's minimum elevation and the link is dark.
 *
 * @param passIntervalPs 0 for a single pass; otherwise at least one pass's duration, so passes never overlap
 */
public record SatelliteDownlink(double altitudeKm, double maxElevationDeg, double minElevationDeg,
                                long firstCulminationPs, long passIntervalPs, DownlinkBudget budget) {

    /** Light's group index in vacuum: the classical channel's delay is the slant range at c. */
    private static final double VACUUM_INDEX = 1.0;

    public SatelliteDownlink {
        Objects.requireNonNull(budget, "budget");
        // Checks altitude and elevations with the geometry's own messages.
        SatellitePassGeometry first = new SatellitePassGeometry(altitudeKm, maxElevationDeg, minElevationDeg,
                firstCulminationPs);
        if (passIntervalPs < 0) {
            throw new IllegalArgumentException("pass interval must be 0 (one pass) or positive, got "
                    + passIntervalPs / 1e12 + " s");
        }
        long passPs = first.setTimePs() - first.riseTimePs();
        if (passIntervalPs > 0 && passIntervalPs < passPs) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "pass interval %.1f s is shorter than one"
                    + " pass (%.1f s above %s degrees): passes would overlap", passIntervalPs / 1e12, passPs / 1e12,
                    minElevationDeg));
        }
    }

    /** The pass nearest {@code timePs}: the only one, or the one whose culmination is closest. */
    public SatellitePass passNear(long timePs) {
        long culmination = firstCulminationPs;
        if (passIntervalPs > 0) {
            culmination += Math.round((double) (timePs - firstCulminationPs) / passIntervalPs) * passIntervalPs;
        }
        return new SatellitePass(new SatellitePassGeometry(altitudeKm, maxElevationDeg, minElevationDeg, culmination),
                budget);
    }

    /** Fraction of photons reaching the station's receiver at {@code timePs}; 0 between passes. */
    public double transmittanceAt(long timePs) {
        return passNear(timePs).transmittanceAt(timePs);
    }

    /**
     * The link at the best moment of a pass, as a span of vacuum: the slant range at culmination, its loss as
     * extra loss, group index 1. What the report's {@code length_km} and {@code loss_db} and the classical
     * channel's delay use; the quantum channel follows the pass.
     */
    public FibreChannel atCulmination() {
        SatellitePass pass = passNear(firstCulminationPs);
        return new FibreChannel(pass.geometry().slantRangeKmAt(firstCulminationPs), 0,
                pass.lossDbAt(firstCulminationPs), VACUUM_INDEX);
    }
}
