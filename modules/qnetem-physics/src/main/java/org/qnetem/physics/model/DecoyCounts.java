package org.qnetem.physics.model;

/**
 * What one block of decoy BB84 observed, per intensity: detections in the key basis X (n_{X,k}), and
 * detections and errors in the test basis Z (n_{Z,k}, m_{Z,k}). Counts are doubles so that expected
 * counts, which are not whole, fit too.
 */
public record DecoyCounts(PerIntensity xDetections, PerIntensity zDetections, PerIntensity zErrors) {

    public DecoyCounts {
        if (zErrors.k1() > zDetections.k1() || zErrors.k2() > zDetections.k2() || zErrors.k3() > zDetections.k3()) {
            throw new IllegalArgumentException("more Z errors than Z detections: errors " + zErrors
                    + ", detections " + zDetections);
        }
    }

    /** Observed counts of a real block. */
    public static DecoyCounts observed(long[] xDetections, long[] zDetections, long[] zErrors) {
        return new DecoyCounts(perIntensity(xDetections), perIntensity(zDetections), perIntensity(zErrors));
    }

    private static PerIntensity perIntensity(long[] counts) {
        if (counts.length != 3) {
            throw new IllegalArgumentException("one count per intensity needed (3), got " + counts.length);
        }
        return new PerIntensity(counts[0], counts[1], counts[2]);
    }
}
