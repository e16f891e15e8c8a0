package org.qnetem.runtime.topology;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.qnetem.physics.batch.Bbm92Arm.BasisChoice;
import org.qnetem.physics.channel.FibreChannel;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.qkd.protocol.PostProcessingSettings;
import org.qnetem.runtime.topology.LinkPhysicsReader.PlacedSource;

/** Reads the entries of {@code topology.links}, checking ids against each other and ends against the nodes. */
final class LinkReader {

    private static final long DEFAULT_BATCH_PULSES = 1_000_000;

    private final List<String> declaredNodeIds;
    /** The same ids for lookup: a list's contains, once per link end, made reading 5,000 nodes quadratic. */
    private final Set<String> declaredNodeSet;
    private final Map<String, List<NodeRole>> rolesByNode;
    private final Map<String, String> pathsByLinkId = new HashMap<>();

    /**
     * {@code declaredNodeIds} holds every id a node gives, even a bad one, so a bad node id is reported once;
     * {@code rolesByNode} the roles of the well-formed nodes, which a link's ends must have for its kind.
     */
    LinkReader(List<String> declaredNodeIds, Map<String, List<NodeRole>> rolesByNode) {
        this.declaredNodeIds = List.copyOf(declaredNodeIds);
        this.declaredNodeSet = Set.copyOf(declaredNodeIds);
        this.rolesByNode = Map.copyOf(rolesByNode);
    }

    Optional<LinkSpec> read(Section link) {
        link.allowOnly("id", "a", "b", "kind", "protocol", "fidelity", "batch-pulses", "fibre", "satellite", "source",
                "pair-source", "receiver", "post-processing", "authentication");
        Optional<String> transmitterId = link.requiredString("a").filter(id -> isDeclaredNode(link, "a", id));
        Optional<String> receiverId = link.requiredString("b").filter(id -> isDeclaredNode(link, "b", id));
        if (transmitterId.isPresent() && transmitterId.equals(receiverId)) {
            link.reportAt("b", "link from node '" + receiverId.get() + "' to itself; a and b must differ");
        }
        Optional<String> id = linkId(link, transmitterId, receiverId);
        Optional<Boolean> satellite = link.optionalString("kind", FIBRE_KIND).flatMap(kind -> isSatellite(link, kind));
        boolean isSatellite = satellite.orElse(false);
        Optional<Protocol> protocol = link.optionalString("protocol", Protocol.DECOY_BB84.configName())
                .flatMap(name -> protocol(link, name));
        Optional<Fidelity> fidelity = link.optionalString("fidelity",
                        (isSatellite ? Fidelity.STATISTICAL : Fidelity.FULL).configName())
                .flatMap(name -> fidelity(link, name));
        if (isSatellite) {
            checkSatellite(link, protocol, fidelity, receiverId);
        }
        protocol.filter(p -> p == Protocol.BBM92).ifPresent(p -> transmitterId.ifPresent(a ->
                requireRole(link, "a", a, NodeRole.ENTANGLEMENT_SOURCE, "a bbm92 link's node a keeps its pair"
                        + " source's clock")));
        long batchPulses = link.optionalWholeNumber("batch-pulses", DEFAULT_BATCH_PULSES, 1);
        Optional<SatelliteDownlink> downlink = isSatellite
                ? link.requiredSection("satellite").flatMap(LinkPhysicsReader::satellite) : Optional.empty();
        Optional<FibreChannel> fibre = isSatellite ? downlink.map(SatelliteDownlink::atCulmination)
                : link.requiredSection("fibre").flatMap(LinkPhysicsReader::fibre);
        if (isSatellite && link.has("fibre")) {
            link.reportAt("fibre", "not for satellite links: a satellite link's channel is its 'satellite' section");
        } else if (!isSatellite && satellite.isPresent() && link.has("satellite")) {
            link.reportAt("satellite", "only for links of kind = satellite");
        }
        Optional<PlacedSource> source = protocol.flatMap(p -> source(link, p, fibre));
        Optional<Section> receiverSection = link.requiredSection("receiver");
        Optional<Receiver> receiver = receiverSection.flatMap(LinkPhysicsReader::receiver);
        Optional<BasisChoice> basisChoice = protocol.flatMap(p -> receiverSection.flatMap(
                section -> LinkPhysicsReader.basisChoice(section, p == Protocol.BBM92, receiver)));
        Optional<PostProcessingSettings> postProcessing = PostProcessingReader.read(link);
        if (fibre.isEmpty() || source.isEmpty() || receiver.isEmpty() || basisChoice.isEmpty()
                || postProcessing.isEmpty()) {
            return Optional.empty();
        }
        return link.build(() -> new LinkSpec(id.orElseThrow(), transmitterId.orElseThrow(),
                receiverId.orElseThrow(), protocol.orElseThrow(), fidelity.orElseThrow(), batchPulses,
                fibre.get(), source.get().source(), source.get().positionKm(), receiver.get(), basisChoice.get(),
                postProcessing.get(), downlink.orElse(null)));
    }

    private static final String FIBRE_KIND = "fibre";
    private static final String SATELLITE_KIND = "satellite";

    private static Optional<Boolean> isSatellite(Section link, String kind) {
        if (kind.equals(FIBRE_KIND) || kind.equals(SATELLITE_KIND)) {
            return Optional.of(kind.equals(SATELLITE_KIND));
        }
        link.reportAt("kind", "link kind '" + kind + "' is not supported; supported: " + FIBRE_KIND + ", "
                + SATELLITE_KIND);
        return Optional.empty();
    }

    /**
     * A satellite link is a decoy-BB84 downlink at statistical fidelity (the only fidelity with a channel whose
     * loss follows the pass), received at b, which must be a ground station.
     */
    private void checkSatellite(Section link, Optional<Protocol> protocol, Optional<Fidelity> fidelity,
                                Optional<String> receiverId) {
        protocol.filter(p -> p != Protocol.DECOY_BB84).ifPresent(p -> link.reportAt("protocol",
                "a satellite link runs decoy-bb84 (a downlink from the satellite's source), not " + p.configName()));
        fidelity.filter(f -> f != Fidelity.STATISTICAL).ifPresent(f -> link.reportAt("fidelity",
                "a satellite link runs at statistical fidelity only, not " + f.configName()));
        receiverId.ifPresent(b -> requireRole(link, "b", b, NodeRole.GROUND_STATION,
                "a satellite link's node b receives the downlink"));
    }

    /** Reports a link end whose node lacks {@code role} (a malformed node was reported already: skipped). */
    private void requireRole(Section link, String end, String nodeId, NodeRole role, String why) {
        List<NodeRole> roles = rolesByNode.get(nodeId);
        if (roles != null && !roles.contains(role)) {
            link.reportAt(end, why + ", so node '" + nodeId + "' needs the role " + role.configName() + " (it has "
                    + roles.stream().map(NodeRole::configName).toList() + ")");
        }
    }

    /** Decoy BB84 reads a {@code source} at node a, BBM92 a {@code pair-source} on the fibre; not the other. */
    private static Optional<PlacedSource> source(Section link, Protocol protocol, Optional<FibreChannel> fibre) {
        String wrong = protocol == Protocol.BBM92 ? "source" : "pair-source";
        if (link.has(wrong)) {
            link.reportAt(wrong, "not for " + protocol.configName() + " links; " + (protocol == Protocol.BBM92
                    ? "a bbm92 link has a pair-source" : "only a bbm92 link has a pair-source"));
        }
        if (protocol == Protocol.BBM92) {
            double spanKm = fibre.map(FibreChannel::lengthKm).orElse(Double.NaN);
            return link.requiredSection("pair-source").flatMap(section -> LinkPhysicsReader.pairSource(section, spanKm));
        }
        return link.requiredSection("source").flatMap(LinkPhysicsReader::source)
                .map(weak -> new PlacedSource(weak, 0));
    }

    private boolean isDeclaredNode(Section link, String key, String nodeId) {
        if (declaredNodeSet.contains(nodeId)) {
            return true;
        }
        String declared = declaredNodeIds.isEmpty() ? "none" : String.join(", ", declaredNodeIds);
        link.reportAt(key, "unknown node '" + nodeId + "'; declared nodes: " + declared);
        return false;
    }

    /** The explicit id, or "<a>-<b>"; either way it must not repeat an earlier link's. */
    private Optional<String> linkId(Section link, Optional<String> transmitterId, Optional<String> receiverId) {
        boolean explicit = link.has("id");
        Optional<String> id = explicit
                ? link.requiredString("id").filter(given -> Ids.checkSyntax(link, "id", given))
                : transmitterId.flatMap(a -> receiverId.map(b -> a + "-" + b));
        id.ifPresent(given -> {
            String firstPath = pathsByLinkId.putIfAbsent(given, link.path());
            if (firstPath == null) {
                return;
            }
            if (explicit) {
                link.reportAt("id", "duplicate link id '" + given + "', also used by " + firstPath);
            } else {
                link.report("duplicate link id '" + given + "' (the default <a>-<b>), also used by " + firstPath
                        + "; give one of them an explicit id");
            }
        });
        return id;
    }

    private static Optional<Protocol> protocol(Section link, String name) {
        Optional<Protocol> protocol = Protocol.fromConfigName(name);
        if (protocol.isEmpty()) {
            link.reportAt("protocol", "protocol '" + name + "' is not supported yet; supported: "
                    + Protocol.supportedConfigNames());
        }
        return protocol;
    }

    private static Optional<Fidelity> fidelity(Section link, String name) {
        Optional<Fidelity> fidelity = Fidelity.fromConfigName(name);
        if (fidelity.isEmpty()) {
            link.reportAt("fidelity", "fidelity '" + name + "' is not supported; supported: "
                    + Fidelity.supportedConfigNames());
        }
        return fidelity;
    }
}
