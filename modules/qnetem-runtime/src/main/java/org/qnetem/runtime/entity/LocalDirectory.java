package org.qnetem.runtime.entity;

import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.qnetem.runtime.clock.EmulationClock;
import org.qnetem.runtime.kms.KmeActor;
import org.qnetem.runtime.link.ClassicalChannel;
import org.qnetem.runtime.link.LinkActor;
import org.qnetem.runtime.node.NodeActor;

/**
 * The directory of a run on one JVM: the guardian registers each actor as it spawns it, before the clock
 * starts, so every lookup made while the run goes finds its actor (the start message orders the
 * registrations before any lookup).
 */
public final class LocalDirectory implements RunDirectory {

    private final Map<String, ActorRef<NodeActor.Command>> nodes = new ConcurrentHashMap<>();
    private final Map<String, ActorRef<LinkActor.Command>> links = new ConcurrentHashMap<>();
    private final Map<String, ActorRef<ClassicalChannel.Command>> channels = new ConcurrentHashMap<>();
    private final Map<String, ActorRef<KmeActor.Command>> kmes = new ConcurrentHashMap<>();
    private ActorRef<EmulationClock.Command> clock;

    public void addNode(String nodeId, ActorRef<NodeActor.Command> node) {
        nodes.put(nodeId, node);
    }

    public void addLink(String linkId, ActorRef<LinkActor.Command> link) {
        links.put(linkId, link);
    }

    public void addChannel(String linkId, ActorRef<ClassicalChannel.Command> channel) {
        channels.put(linkId, channel);
    }

    public void addKme(String nodeId, ActorRef<KmeActor.Command> kme) {
        kmes.put(nodeId, kme);
    }

    @Override
    public void setClock(ActorRef<EmulationClock.Command> clock) {
        this.clock = clock;
    }

    @Override
    public RecipientRef<NodeActor.Command> node(String nodeId) {
        return found(nodes.get(nodeId), "node", nodeId);
    }

    @Override
    public RecipientRef<LinkActor.Command> link(String linkId) {
        return found(links.get(linkId), "link", linkId);
    }

    @Override
    public RecipientRef<ClassicalChannel.Command> channel(String linkId) {
        return found(channels.get(linkId), "classical channel", linkId);
    }

    @Override
    public RecipientRef<KmeActor.Command> kme(String nodeId) {
        return found(kmes.get(nodeId), "KME", nodeId);
    }

    @Override
    public RecipientRef<EmulationClock.Command> clock() {
        return found(clock, "clock", "");
    }

    private static <T> T found(T actor, String kind, String id) {
        if (actor == null) {
            throw new IllegalStateException("the run has no " + kind + " " + id);
        }
        return actor;
    }
}
