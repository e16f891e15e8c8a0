package org.qnetem.runtime.topology;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A node as declared in a topology file: its id (used in stream keys and links), display name, where it
 * is (optional; WGS84 degrees), its roles (at least one, no repeats; a file that names none gets
 * {@link NodeRole#ENDPOINT}) and where its KME serves ETSI GS QKD 014 (optional: every node has a KME,
 * but only one with an endpoint is reachable over HTTPS).
 */
public record NodeSpec(String id, String name, Optional<GeoPosition> position, List<NodeRole> roles,
                       Optional<KmeEndpoint> kme) {

    public NodeSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(kme, "kme");
        roles = List.copyOf(roles);
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a node needs at least one role");
        }
        if (EnumSet.copyOf(roles).size() != roles.size()) {
            throw new IllegalArgumentException("a node's roles must not repeat, got " + roles);
        }
    }

    /** A node whose KME has no HTTPS endpoint. */
    public NodeSpec(String id, String name, Optional<GeoPosition> position, List<NodeRole> roles) {
        this(id, name, position, roles, Optional.empty());
    }

    public boolean hasRole(NodeRole role) {
        return roles.contains(role);
    }

    /** A point on the Earth in degrees: latitude in [-90, 90], longitude in [-180, 180]. */
    public record GeoPosition(double latitude, double longitude) {

        private static final double EARTH_RADIUS_KM = 6371.0088;

        public GeoPosition {
            if (!(latitude >= -90 && latitude <= 90)) {
                throw new IllegalArgumentException("latitude must be in [-90, 90], got " + latitude);
            }
            if (!(longitude >= -180 && longitude <= 180)) {
                throw new IllegalArgumentException("longitude must be in [-180, 180], got " + longitude);
            }
        }

        /** The great-circle distance to {@code other} on a sphere of the Earth's mean radius (haversine). */
        public double distanceKm(GeoPosition other) {
            double phi1 = Math.toRadians(latitude);
            double phi2 = Math.toRadians(other.latitude);
            double dPhi = phi2 - phi1;
            double dLambda = Math.toRadians(other.longitude - longitude);
            double h = Math.pow(Math.sin(dPhi / 2), 2)
                    + Math.cos(phi1) * Math.cos(phi2) * Math.pow(Math.sin(dLambda / 2), 2);
            return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
        }
    }
}
