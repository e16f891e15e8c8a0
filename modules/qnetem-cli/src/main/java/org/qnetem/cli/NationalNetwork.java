package org.qnetem.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.runtime.topology.Fidelity;
import org.qnetem.runtime.topology.NodeSpec.GeoPosition;

/**
 * A synthetic national QKD network, the same for the same parameters and seed:
 *
 * <ol>
 *   <li>{@code metros} metro centres, uniform in a country-sized box ({@link #LAT_MIN}–{@link #LAT_MAX} °N,
 *       {@link #LON_MIN}–{@link #LON_MAX} °E, about 670 km × 715 km), kept at least
 *       min(60 km, 0.6 · √(area / metros)) apart where the draws allow; each centre is a metro hub
 *       (role trusted-relay);</li>
 *   <li>the backbone: the relative-neighbourhood graph of the hubs (edge i–j unless some hub k is closer
 *       to both), which is planar and connected (it contains the minimum spanning tree);</li>
 *   <li>each backbone edge split by trusted relays into the fewest equal segments of at most
 *       {@link #MAX_SEGMENT_KM} km (so 40–80 km when split);</li>
 *   <li>the remaining nodes, endpoints, shared out evenly among the metros, each placed 10–30 km from its
 *       metro centre in a uniform direction and joined to its hub by one fibre link.</li>
 * </ol>
 *
 * Fibre lengths are great-circle distances between the written (rounded) coordinates. Random draws come
 * from the counter-based streams of (seed, "topology-generator", purpose, sequence).
 */
final class NationalNetwork {

    static final double LAT_MIN = 47.0;
    static final double LAT_MAX = 53.0;
    static final double LON_MIN = 2.0;
    static final double LON_MAX = 12.0;
    static final double MAX_SEGMENT_KM = 80.0;
    static final double METRO_MIN_KM = 10.0;
    static final double METRO_MAX_KM = 30.0;
    private static final double KM_PER_DEGREE = 111.195;
    private static final double CENTRE_MARGIN_DEG = 0.3;
    private static final String ENTITY = "topology-generator";

    /** The default number of metro clusters for {@code nodes} nodes: one per 25 nodes, at least one. */
    static int defaultMetros(int nodes) {
        return Math.max(1, Math.round(nodes / 25f));
    }

    record Node(String id, String name, GeoPosition position, String role) {
    }

    record Link(Node a, Node b, double lengthKm, boolean backbone) {
    }

    private final int nodeCount;
    private final long seed;
    private final int metros;
    private final Fidelity fidelity;
    private final List<Node> hubs = new ArrayList<>();
    private final List<Node> relays = new ArrayList<>();
    private final List<Node> endpoints = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();

    private NationalNetwork(int nodeCount, long seed, int metros, Fidelity fidelity) {
        this.nodeCount = nodeCount;
        this.seed = seed;
        this.metros = metros;
        this.fidelity = fidelity;
    }

    /**
     * Generates the network.
     *
     * @throws IllegalArgumentException if {@code nodes} is below 2, {@code metros} is not in [1, nodes], or
     *     the nodes do not even cover the metro hubs and the backbone's relays
     */
    static NationalNetwork generate(int nodes, long seed, int metros, Fidelity fidelity) {
        if (nodes < 2) {
            throw new IllegalArgumentException("--nodes must be at least 2, got " + nodes);
        }
        if (metros < 1 || metros > nodes) {
            throw new IllegalArgumentException("--metro-clusters must be in [1, " + nodes + "] (at most --nodes), got "
                    + metros);
        }
        NationalNetwork network = new NationalNetwork(nodes, seed, metros, fidelity);
        network.build();
        return network;
    }

    private void build() {
        int width = Integer.toString(metros).length();
        List<GeoPosition> centres = metroCentres();
        for (int m = 0; m < metros; m++) {
            String id = String.format(Locale.ROOT, "M%0" + width + "d", m + 1);
            hubs.add(new Node(id, "Metro " + (m + 1) + " hub", centres.get(m), "trusted-relay"));
        }
        List<List<GeoPosition>> backbone = new ArrayList<>();
        List<int[]> edges = relativeNeighbourhoodEdges(centres);
        for (int[] edge : edges) {
            backbone.add(split(centres.get(edge[0]), centres.get(edge[1])));
        }
        int relayCount = backbone.stream().mapToInt(route -> route.size() - 2).sum();
        int endpointCount = nodeCount - metros - relayCount;
        if (endpointCount < 0) {
            throw new IllegalArgumentException("--nodes " + nodeCount + " is too few for " + metros
                    + " metro clusters: their hubs and the " + relayCount + " trusted relays of the backbone need "
                    + (metros + relayCount) + " nodes; give more --nodes or fewer --metro-clusters");
        }
        int relayWidth = Math.max(3, Integer.toString(relayCount).length());
        for (int e = 0; e < edges.size(); e++) {
            Node from = hubs.get(edges.get(e)[0]);
            Node to = hubs.get(edges.get(e)[1]);
            List<GeoPosition> route = backbone.get(e);
            Node previous = from;
            for (int i = 1; i < route.size(); i++) {
                Node next;
                if (i == route.size() - 1) {
                    next = to;
                } else {
                    int number = relays.size() + 1;
                    next = new Node(String.format(Locale.ROOT, "R%0" + relayWidth + "d", number),
                            "Relay " + number + " (" + from.id() + "-" + to.id() + ")", route.get(i), "trusted-relay");
                    relays.add(next);
                }
                links.add(new Link(previous, next, previous.position().distanceKm(next.position()), true));
                previous = next;
            }
        }
        int endpointWidth = Math.max(3, Integer.toString(endpointCount / metros + 1).length());
        for (int m = 0; m < metros; m++) {
            int count = endpointCount / metros + (m < endpointCount % metros ? 1 : 0);
            Node hub = hubs.get(m);
            RandomStream random = new RandomStream(new StreamKey(seed, ENTITY, "metro-endpoints", m));
            for (int k = 0; k < count; k++) {
                double radiusKm = METRO_MIN_KM + (METRO_MAX_KM - METRO_MIN_KM) * random.nextDouble();
                double bearing = 2 * Math.PI * random.nextDouble();
                GeoPosition position = offset(hub.position(), radiusKm * Math.cos(bearing),
                        radiusKm * Math.sin(bearing));
                Node endpoint = new Node(String.format(Locale.ROOT, "%s-E%0" + endpointWidth + "d", hub.id(), k + 1),
                        "Metro " + (m + 1) + " endpoint " + (k + 1), position, "endpoint");
                endpoints.add(endpoint);
                links.add(new Link(endpoint, hub, endpoint.position().distanceKm(hub.position()), false));
            }
        }
    }

    /** Metro centres, uniform in the box (less a margin), kept apart where a bounded number of draws allows. */
    private List<GeoPosition> metroCentres() {
        double widthKm = (LON_MAX - LON_MIN) * KM_PER_DEGREE * Math.cos(Math.toRadians((LAT_MIN + LAT_MAX) / 2));
        double heightKm = (LAT_MAX - LAT_MIN) * KM_PER_DEGREE;
        double minSeparationKm = Math.min(60, 0.6 * Math.sqrt(widthKm * heightKm / metros));
        RandomStream random = new RandomStream(new StreamKey(seed, ENTITY, "metro-centres", 0));
        List<GeoPosition> centres = new ArrayList<>();
        while (centres.size() < metros) {
            GeoPosition candidate = null;
            for (int attempt = 0; attempt < 1000; attempt++) {
                candidate = rounded(LAT_MIN + CENTRE_MARGIN_DEG + (LAT_MAX - LAT_MIN - 2 * CENTRE_MARGIN_DEG)
                        * random.nextDouble(), LON_MIN + CENTRE_MARGIN_DEG + (LON_MAX - LON_MIN - 2 * CENTRE_MARGIN_DEG)
                        * random.nextDouble());
                if (nearestKm(candidate, centres) >= minSeparationKm) {
                    break;
                }
            }
            centres.add(candidate);
        }
        return centres;
    }

    private static double nearestKm(GeoPosition position, List<GeoPosition> others) {
        double nearest = Double.POSITIVE_INFINITY;
        for (GeoPosition other : others) {
            nearest = Math.min(nearest, position.distanceKm(other));
        }
        return nearest;
    }

    /** Edges i < j of the relative-neighbourhood graph, in (i, j) order. */
    private static List<int[]> relativeNeighbourhoodEdges(List<GeoPosition> points) {
        int n = points.size();
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                d[i][j] = points.get(i).distanceKm(points.get(j));
                d[j][i] = d[i][j];
            }
        }
        List<int[]> edges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                boolean blocked = false;
                for (int k = 0; k < n && !blocked; k++) {
                    blocked = k != i && k != j && Math.max(d[i][k], d[j][k]) < d[i][j];
                }
                if (!blocked) {
                    edges.add(new int[] {i, j});
                }
            }
        }
        return edges;
    }

    /**
     * The route from {@code from} to {@code to} through the fewest evenly spaced relay points that keep
     * every segment, measured between the rounded points, at most {@link #MAX_SEGMENT_KM}.
     */
    private static List<GeoPosition> split(GeoPosition from, GeoPosition to) {
        for (int segments = (int) Math.ceil(from.distanceKm(to) / MAX_SEGMENT_KM); ; segments++) {
            List<GeoPosition> route = new ArrayList<>();
            route.add(from);
            for (int i = 1; i < segments; i++) {
                double t = (double) i / segments;
                route.add(rounded(from.latitude() + t * (to.latitude() - from.latitude()),
                        from.longitude() + t * (to.longitude() - from.longitude())));
            }
            route.add(to);
            boolean fits = true;
            for (int i = 1; i < route.size() && fits; i++) {
                fits = route.get(i - 1).distanceKm(route.get(i)) <= MAX_SEGMENT_KM;
            }
            if (fits) {
                return route;
            }
        }
    }

    private static GeoPosition offset(GeoPosition origin, double northKm, double eastKm) {
        double latitude = origin.latitude() + northKm / KM_PER_DEGREE;
        double longitude = origin.longitude() + eastKm / (KM_PER_DEGREE * Math.cos(Math.toRadians(origin.latitude())));
        return rounded(latitude, longitude);
    }

    /** Coordinates to 1e-5 degrees (about a metre), as written to the file. */
    private static GeoPosition rounded(double latitude, double longitude) {
        return new GeoPosition(Math.round(latitude * 1e5) / 1e5, Math.round(longitude * 1e5) / 1e5);
    }

    List<Node> hubs() {
        return List.copyOf(hubs);
    }

    List<Node> relays() {
        return List.copyOf(relays);
    }

    List<Node> endpoints() {
        return List.copyOf(endpoints);
    }

    List<Link> links() {
        return List.copyOf(links);
    }

    int metros() {
        return metros;
    }

    double longestBackboneSegmentKm() {
        return links.stream().filter(Link::backbone).mapToDouble(Link::lengthKm).max().orElse(0);
    }

    String name() {
        return "generated-n" + nodeCount + "-s" + seed;
    }

    /** The topology file: HOCON that {@code TopologyLoader} reads. */
    String hocon() {
        StringBuilder out = new StringBuilder(256 * (nodeCount + links.size()));
        out.append("# A synthetic national QKD network, written by\n")
                .append(String.format(Locale.ROOT, "#   bin/qnetem topology generate --nodes %d --seed %d"
                        + " --metro-clusters %d --fidelity %s%n", nodeCount, seed, metros, fidelity.configName()))
                .append("""
                        # Metro hubs (trusted relays) at random centres in a box 47-53 N, 2-12 E; the backbone is the
                        # relative-neighbourhood graph of the hubs (planar, connected), each edge split by trusted relays
                        # into the fewest equal segments of at most 80 km; endpoints 10-30 km from their metro's centre,
                        # each joined to its hub. Fibre lengths are great-circle distances between the coordinates.
                        # Every link is the device of config/two-node.conf (1 GHz decoy-state BB84, gated InGaAs APDs at
                        # 10 % efficiency and 6e-7 dark counts per gate, 0.2 dB/km fibre, 1e6-bit key blocks). The
                        # endpoint of a metro link transmits (a); along a backbone route, the end nearer the lower-numbered hub.
                        """)
                .append("topology {\n")
                .append("  name = \"").append(name()).append("\"\n")
                .append(String.format(Locale.ROOT, "  description = \"Synthetic national network: %d nodes, %d metro"
                                + " clusters, %d trusted relays on the backbone, %d endpoints, %d links\"%n",
                        nodeCount, metros, relays.size(), endpoints.size(), links.size()))
                .append("  nodes = [\n");
        for (List<Node> group : List.of(hubs, relays, endpoints)) {
            for (Node node : group) {
                out.append(String.format(Locale.ROOT,
                        "    { id = \"%s\", name = \"%s\", latitude = %.5f, longitude = %.5f, roles = [%s] }%n",
                        node.id(), node.name(), node.position().latitude(), node.position().longitude(), node.role()));
            }
        }
        out.append("  ]\n  links = [\n");
        for (Link link : links) {
            out.append("    {\n")
                    .append("      a = \"").append(link.a().id()).append("\", b = \"").append(link.b().id())
                    .append("\", protocol = \"decoy-bb84\", fidelity = \"").append(fidelity.configName())
                    .append("\", batch-pulses = 10000000\n")
                    .append(String.format(Locale.ROOT, "      fibre { length-km = %.3f, attenuation-db-per-km = 0.2,"
                            + " extra-loss-db = 0.0, group-index = 1.468 }%n", link.lengthKm()))
                    .append("      source { clock-hz = 1e9, intensities = [0.53, 0.26, 0.0002],"
                            + " probabilities = [0.28, 0.50, 0.22], basis-bias-x = 0.8 }\n")
                    .append("      receiver { optics-efficiency = 1.0, detector-efficiency = 0.1, misalignment = 0.01,"
                            + " basis-bias-x = 0.8, detector-mode = gated, dark-count-per-gate = 6e-7,"
                            + " dead-time-gates = 0, afterpulse-probability = 0.0, timing-jitter-ps = 0 }\n")
                    .append("      post-processing { key-block-bits = 1000000, qber-abort-threshold = 0.11,"
                            + " epsilon-secrecy = 1e-10, epsilon-correctness = 1e-15 }\n")
                    .append("    }\n");
        }
        out.append("  ]\n}\n");
        return out.toString();
    }
}
