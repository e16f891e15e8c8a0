package org.qnetem.runtime.operator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qnetem.kms.KmePool;
import org.qnetem.runtime.kms.KmeReport;
import org.qnetem.runtime.topology.LinkSpec;
import org.qnetem.runtime.topology.NodeSpec;
import org.qnetem.runtime.topology.Topology;

/**
 * {@code GET /api/nodes}: each node's links and its KME's key pool per peer now: {@code bits} the key the node
 * can still send to the peer (its own share), {@code supplied_bits} the delivered key the pool has received,
 * as in the run report.
 */
public record NodesView(List<Node> nodes) {

    public record Node(String id, String name, List<String> transmits, List<String> receives,
                       Map<String, Pool> pools) {
    }

    public record Pool(long bits, long suppliedBits) {
    }

    /** {@code kmes}: every node's KME report, in topology node order. */
    public static NodesView of(Topology topology, List<KmeReport> kmes) {
        List<Node> nodes = new ArrayList<>();
        for (NodeSpec node : topology.nodes()) {
            List<String> transmits = new ArrayList<>();
            List<String> receives = new ArrayList<>();
            for (LinkSpec link : topology.links()) {
                if (link.transmitterId().equals(node.id())) {
                    transmits.add(link.id());
                } else if (link.receiverId().equals(node.id())) {
                    receives.add(link.id());
                }
            }
            Map<String, Pool> pools = new LinkedHashMap<>();
            for (KmePool pool : kmes.get(nodes.size()).pools()) {
                pools.put(pool.peer(), new Pool(pool.ownBits(), pool.suppliedBits()));
            }
            nodes.add(new Node(node.id(), node.name(), transmits, receives, pools));
        }
        return new NodesView(nodes);
    }
}
