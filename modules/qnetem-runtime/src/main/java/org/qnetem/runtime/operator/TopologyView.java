package org.qnetem.runtime.operator;

import java.util.List;
import org.qnetem.runtime.topology.LinkSpec;
import org.qnetem.runtime.topology.NodeRole;
import org.qnetem.runtime.topology.NodeSpec;
import org.qnetem.runtime.topology.Topology;

/** {@code GET /api/topology}: the nodes with coordinates and roles, the links with their ends and physics. */
public record TopologyView(String name, String description, List<Node> nodes, List<Link> links) {

    public record Node(String id, String name, Double latitude, Double longitude, List<String> roles) {
    }

    public record Link(String id, String a, String b, String protocol, String fidelity, double lengthKm,
                       double lossDb) {
    }

    public static TopologyView of(Topology topology) {
        List<Node> nodes = topology.nodes().stream().map(node -> new Node(node.id(), node.name(),
                node.position().map(NodeSpec.GeoPosition::latitude).orElse(null),
                node.position().map(NodeSpec.GeoPosition::longitude).orElse(null),
                node.roles().stream().map(NodeRole::configName).toList())).toList();
        List<Link> links = topology.links().stream().map(TopologyView::link).toList();
        return new TopologyView(topology.name(), topology.description(), nodes, links);
    }

    private static Link link(LinkSpec spec) {
        return new Link(spec.id(), spec.transmitterId(), spec.receiverId(), spec.protocol().configName(),
                spec.fidelity().configName(), spec.fibre().lengthKm(), spec.fibre().lossDb());
    }
}
