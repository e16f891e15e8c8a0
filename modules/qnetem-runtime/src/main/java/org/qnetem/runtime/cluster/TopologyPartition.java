package org.qnetem.runtime.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qnetem.runtime.topology.LinkSpec;
import org.qnetem.runtime.topology.NodeSpec;
import org.qnetem.runtime.topology.Topology;

/**
 * Splits a topology's nodes into regions of neighbouring nodes, one shard each, so that a cluster keeps
 * each region on one member and few photon batches and classical messages cross hosts. Nodes are taken
 * in breadth-first order over the links (each component from its first node in topology order) and the
 * order is cut into {@code regions} runs of equal size: a run of a breadth-first order is a connected
 * patch of the network, apart from the cuts. The same topology and count give the same regions on every
 * member. A link belongs to its transmitting node's region, where the batches it carries are made.
 */
public final class TopologyPartition {

    private final Map<String, Integer> regionOfNode;
    private final Map<String, Integer> regionOfLink = new HashMap<>();
    private final int regions;

    public TopologyPartition(Topology topology, int regions) {
        if (regions < 1) {
            throw new IllegalArgumentException("a partition needs at least one region, not " + regions);
        }
        this.regions = regions;
        List<String> order = breadthFirst(topology);
        this.regionOfNode = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            regionOfNode.put(order.get(i), (int) ((long) i * regions / order.size()));
        }
        for (LinkSpec link : topology.links()) {
            regionOfLink.put(link.id(), regionOfNode.get(link.transmitterId()));
        }
    }

    public int regions() {
        return regions;
    }

    public int regionOfNode(String nodeId) {
        return found(regionOfNode.get(nodeId), "node", nodeId);
    }

    public int regionOfLink(String linkId) {
        return found(regionOfLink.get(linkId), "link", linkId);
    }

    /** The nodes of each region, in breadth-first order. */
    public List<List<String>> nodesByRegion() {
        List<List<String>> byRegion = new ArrayList<>();
        for (int r = 0; r < regions; r++) {
            byRegion.add(new ArrayList<>());
        }
        regionOfNode.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> byRegion.get(entry.getValue()).add(entry.getKey()));
        return byRegion.stream().map(Collections::unmodifiableList).toList();
    }

    /** Links whose two ends lie in different regions: the traffic that may cross members. */
    public List<String> crossingLinks(Topology topology) {
        return topology.links().stream()
                .filter(link -> regionOfNode(link.transmitterId()) != regionOfNode(link.receiverId()))
                .map(LinkSpec::id).toList();
    }

    private static List<String> breadthFirst(Topology topology) {
        Map<String, List<String>> neighbours = new HashMap<>();
        topology.nodes().forEach(node -> neighbours.put(node.id(), new ArrayList<>()));
        for (LinkSpec link : topology.links()) {
            neighbours.get(link.transmitterId()).add(link.receiverId());
            neighbours.get(link.receiverId()).add(link.transmitterId());
        }
        Set<String> seen = new LinkedHashSet<>();
        for (NodeSpec start : topology.nodes()) {
            if (!seen.add(start.id())) {
                continue;
            }
            ArrayDeque<String> queue = new ArrayDeque<>(List.of(start.id()));
            while (!queue.isEmpty()) {
                for (String next : neighbours.get(queue.poll())) {
                    if (seen.add(next)) {
                        queue.add(next);
                    }
                }
            }
        }
        return List.copyOf(seen);
    }

    private static int found(Integer region, String kind, String id) {
        if (region == null) {
            throw new IllegalArgumentException("the partition has no " + kind + " " + id);
        }
        return region;
    }
}
