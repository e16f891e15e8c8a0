package org.qnetem.runtime.operator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.qnetem.runtime.link.LinkStatistics;
import org.qnetem.runtime.topology.LinkSpec;
import org.qnetem.runtime.topology.NodeSpec;
import org.qnetem.runtime.topology.Topology;

/**
 * {@code GET /api/nodes}: each node's links and its key pool per peer so far. Both ends of a link hold the key
 * it delivered, so a node's pool for a peer is the delivered bits of their links, as in the run report.
 */
public record NodesView(List<Node> nodes) {

    public record Node(String id, String name, List<String> transmits, List<String> receives,
                       Map<String, Pool> pools) {
    }

    public record Pool(long bits) {
    }

    public static NodesView of(Topology topology, List<LinkStatistics> statistics) {
        List<Node> nodes = new ArrayList<>();
        for (NodeSpec node : topology.nodes()) {
            List<String> transmits = new ArrayList<>();
            List<String> receives = new ArrayList<>();
            Map<String, Long> bits = new TreeMap<>();
            for (int i = 0; i < statistics.size(); i++) {
                LinkSpec link = topology.links().get(i);
                long delivered = statistics.get(i).keys().deliveredBits();
                if (link.transmitterId().equals(node.id())) {
                    transmits.add(link.id());
                    bits.merge(link.receiverId(), delivered, Long::sum);
                } else if (link.receiverId().equals(node.id())) {
                    receives.add(link.id());
                    bits.merge(link.transmitterId(), delivered, Long::sum);
                }
            }
            Map<String, Pool> pools = new LinkedHashMap<>();
            bits.forEach((peer, total) -> pools.put(peer, new Pool(total)));
            nodes.add(new Node(node.id(), node.name(), transmits, receives, pools));
        }
        return new NodesView(nodes);
    }
}
