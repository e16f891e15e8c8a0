package org.qnetem.runtime.entity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.Behavior;
import org.qnetem.runtime.fault.FaultBook;
import org.qnetem.runtime.kms.KmeActor;
import org.qnetem.runtime.link.ClassicalChannel;
import org.qnetem.runtime.link.LinkActor;
import org.qnetem.runtime.link.LinkRole;
import org.qnetem.runtime.node.NodeActor;
import org.qnetem.runtime.topology.LinkSpec;
import org.qnetem.runtime.topology.NodeSpec;
import org.qnetem.runtime.topology.Topology;

/**
 * The behaviour of every node, link, classical channel and KME of a run, built from the topology and the
 * run's settings alone, so that the same actor can be spawned by the run's guardian on one JVM or started
 * as a sharded entity on whichever cluster member its shard lives.
 */
public final class RunEntities {

    /** One end of a link at a node. */
    public record NodeEnd(LinkSpec link, LinkRole role) {
    }

    private final Topology topology;
    private final long seed;
    private final long durationPs;
    private final FaultBook faults;
    private final Duration kmeTick;
    private final Map<String, LinkSpec> links = new HashMap<>();
    private final Map<String, List<NodeEnd>> ends = new HashMap<>();
    private final Map<String, String> saeKmes = new HashMap<>();

    /** {@code faults}: the run's fault book, whose scenario gives each classical channel its planned faults. */
    public RunEntities(Topology topology, long seed, long durationPs, FaultBook faults, Duration kmeTick) {
        this.topology = topology;
        this.seed = seed;
        this.durationPs = durationPs;
        this.faults = faults;
        this.kmeTick = kmeTick;
        topology.nodes().forEach(node -> ends.put(node.id(), new ArrayList<>()));
        for (LinkSpec link : topology.links()) {
            links.put(link.id(), link);
            ends.get(link.transmitterId()).add(new NodeEnd(link, LinkRole.TRANSMITTER));
            ends.get(link.receiverId()).add(new NodeEnd(link, LinkRole.RECEIVER));
        }
        topology.saes().forEach(sae -> saeKmes.put(sae.id(), sae.node()));
    }

    public Topology topology() {
        return topology;
    }

    public Behavior<NodeActor.Command> node(String nodeId, Directory directory) {
        return NodeActor.create(nodeId, seed, durationPs, endsOf(nodeId), kmesKeepKey(), directory);
    }

    /** A node started again on another cluster member after its own was lost (see {@link NodeActor#rehomed}). */
    public Behavior<NodeActor.Command> rehomedNode(String nodeId, Directory directory) {
        return NodeActor.rehomed(nodeId, seed, durationPs, endsOf(nodeId), kmesKeepKey(), directory);
    }

    public Behavior<LinkActor.Command> link(String linkId, Directory directory) {
        return LinkActor.create(linkSpec(linkId), seed, kmesKeepKey(), directory);
    }

    /** A link started again on another cluster member after its own was lost (see {@link LinkActor#rehomed}). */
    public Behavior<LinkActor.Command> rehomedLink(String linkId, Directory directory) {
        return LinkActor.rehomed(linkSpec(linkId), seed, kmesKeepKey(), directory);
    }

    public Behavior<ClassicalChannel.Command> channel(String linkId, Directory directory) {
        LinkSpec link = linkSpec(linkId);
        return ClassicalChannel.create(link, seed, directory, faults.classicalTimeline(linkId));
    }

    /**
     * A node's KME. With SAEs every KME may relay to any other and hears every pool level; without, key is
     * only counted, and a KME talks to its neighbours alone (telling N KMEs of each other is N² messages).
     */
    public Behavior<KmeActor.Command> kme(String nodeId, Directory directory) {
        Map<String, String> linkPeers = new LinkedHashMap<>();
        for (NodeEnd end : endsOf(nodeId)) {
            LinkSpec link = end.link();
            linkPeers.put(link.id(), end.role() == LinkRole.TRANSMITTER ? link.receiverId() : link.transmitterId());
        }
        List<String> peers = saeKmes.isEmpty() ? List.copyOf(new LinkedHashSet<>(linkPeers.values()))
                : topology.nodes().stream().map(NodeSpec::id).filter(id -> !id.equals(nodeId)).toList();
        return KmeActor.create(nodeId, topology.keyManagement(), saeKmes, linkPeers, peers, seed, kmeTick, directory);
    }

    /** Only a network with SAEs keeps key in its KMEs; without, they count it and need no key bytes. */
    private boolean kmesKeepKey() {
        return !saeKmes.isEmpty();
    }

    private List<NodeEnd> endsOf(String nodeId) {
        List<NodeEnd> nodeEnds = ends.get(nodeId);
        if (nodeEnds == null) {
            throw new IllegalArgumentException("topology " + topology.name() + " has no node " + nodeId);
        }
        return nodeEnds;
    }

    private LinkSpec linkSpec(String linkId) {
        LinkSpec link = links.get(linkId);
        if (link == null) {
            throw new IllegalArgumentException("topology " + topology.name() + " has no link " + linkId);
        }
        return link;
    }
}
