package org.qnetem.runtime.topology;

import com.typesafe.config.ConfigObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qnetem.kms.KmsSettings;

/** Reads the {@code topology} section of a parsed and resolved file, reporting every problem it finds. */
final class TopologyReader {

    private final String source;
    private final Problems problems;

    TopologyReader(String source, Problems problems) {
        this.source = source;
        this.problems = problems;
    }

    /** The topology, or empty when a problem was reported. */
    Optional<Topology> read(ConfigObject root) {
        Optional<Section> section = Section.fileRoot(root, "topology", problems);
        if (section.isEmpty()) {
            return Optional.empty();
        }
        Section topology = section.get();
        topology.allowOnly("name", "description", "nodes", "links", "key-management", "saes");
        Optional<String> name = topology.requiredString("name");
        Optional<String> description = topology.optionalString("description", "");
        List<String> declaredNodeIds = new ArrayList<>();
        List<NodeSpec> nodes = nodes(topology, declaredNodeIds);
        Map<String, List<NodeRole>> rolesByNode = new HashMap<>();
        nodes.forEach(node -> rolesByNode.put(node.id(), node.roles()));
        List<LinkSpec> links = links(topology, new LinkReader(declaredNodeIds, rolesByNode));
        Optional<KmsSettings> keyManagement = KeyManagementReader.settings(topology);
        List<SaeSpec> saes = KeyManagementReader.saes(topology, declaredNodeIds);
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Topology(name.orElseThrow(), description.orElseThrow(), nodes, links, source,
                keyManagement.orElseThrow(), saes));
    }

    /** The well-formed nodes; adds every id given, well-formed or not, to {@code declaredIds}. */
    private static List<NodeSpec> nodes(Section topology, List<String> declaredIds) {
        Map<String, String> pathsById = new HashMap<>();
        List<NodeSpec> nodes = new ArrayList<>();
        List<Section> sections = topology.requiredSections("nodes").orElse(List.of());
        List<Optional<KmeEndpoint>> endpoints = new ArrayList<>();
        for (Section node : sections) {
            node.allowOnly("id", "name", "latitude", "longitude", "roles", "kme");
            Optional<String> id = node.requiredString("id");
            id.ifPresent(given -> {
                declaredIds.add(given);
                String firstPath = pathsById.putIfAbsent(given, node.path());
                if (firstPath != null) {
                    node.reportAt("id", "duplicate node id '" + given + "', also used by " + firstPath);
                } else {
                    Ids.checkSyntax(node, "id", given);
                }
            });
            Optional<String> name = node.optionalString("name", id.orElse(""));
            Optional<NodeSpec.GeoPosition> position = position(node);
            Optional<List<NodeRole>> roles = roles(node);
            Optional<KmeEndpoint> kme = KeyManagementReader.endpoint(node);
            endpoints.add(kme);
            node.build(() -> new NodeSpec(id.orElseThrow(), name.orElseThrow(), position, roles.orElseThrow(), kme))
                    .ifPresent(nodes::add);
        }
        KeyManagementReader.checkDistinctEndpoints(sections, endpoints);
        return nodes;
    }

    /** The node's position in degrees; both coordinates or neither. */
    private static Optional<NodeSpec.GeoPosition> position(Section node) {
        boolean hasLatitude = node.has("latitude");
        boolean hasLongitude = node.has("longitude");
        if (hasLatitude != hasLongitude) {
            String missing = hasLatitude ? "longitude" : "latitude";
            node.reportAt(missing, "missing: latitude and longitude are given together or not at all");
            return Optional.empty();
        }
        if (!hasLatitude) {
            return Optional.empty();
        }
        double latitude = node.optionalNumber("latitude", Double.NaN, NumberRange.closed(-90, 90));
        double longitude = node.optionalNumber("longitude", Double.NaN, NumberRange.closed(-180, 180));
        if (Double.isNaN(latitude) || Double.isNaN(longitude)) {
            return Optional.empty();
        }
        return Optional.of(new NodeSpec.GeoPosition(latitude, longitude));
    }

    private static Optional<List<NodeRole>> roles(Section node) {
        Optional<List<String>> names = node.optionalStrings("roles", List.of(NodeRole.ENDPOINT.configName()));
        if (names.isEmpty()) {
            return Optional.empty();
        }
        List<NodeRole> roles = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < names.get().size(); i++) {
            String name = names.get().get(i);
            Optional<NodeRole> role = NodeRole.fromConfigName(name);
            if (role.isEmpty()) {
                node.reportAtElement("roles", i, "unknown role '" + name + "'; known: "
                        + NodeRole.supportedConfigNames());
                ok = false;
            } else if (roles.contains(role.get())) {
                node.reportAtElement("roles", i, "role '" + name + "' is given twice");
                ok = false;
            } else {
                roles.add(role.get());
            }
        }
        return ok ? Optional.of(roles) : Optional.empty();
    }

    private static List<LinkSpec> links(Section topology, LinkReader reader) {
        List<LinkSpec> links = new ArrayList<>();
        for (Section link : topology.requiredSections("links").orElse(List.of())) {
            reader.read(link).ifPresent(links::add);
        }
        return links;
    }
}
