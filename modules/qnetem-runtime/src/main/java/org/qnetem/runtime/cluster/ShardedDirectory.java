package org.qnetem.runtime.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.qnetem.runtime.clock.EmulationClock;
import org.qnetem.runtime.entity.RunDirectory;
import org.qnetem.runtime.kms.KmeActor;
import org.qnetem.runtime.link.ClassicalChannel;
import org.qnetem.runtime.link.LinkActor;
import org.qnetem.runtime.node.NodeActor;

/**
 * A cluster run's directory: each node, link, channel and KME is a sharded entity, reached through its
 * entity ref wherever it lives now; the clock is a cluster singleton on the run's coordinator, reached through
 * its proxy on this JVM ({@link ClockSingleton}).
 */
final class ShardedDirectory implements RunDirectory {

    private final ClusterSharding sharding;
    private final RunShards shards;
    /** Entity refs by type, then id: looked up on every message, so no key is built per lookup. */
    private final Map<EntityTypeKey<?>, Map<String, EntityRef<?>>> refs = new ConcurrentHashMap<>();
    private volatile ActorRef<EmulationClock.Command> clock;

    ShardedDirectory(ActorSystem<?> system, RunShards shards, ActorRef<EmulationClock.Command> clock) {
        this.sharding = ClusterSharding.get(system);
        this.shards = shards;
        this.clock = clock;
    }

    @Override
    public RecipientRef<NodeActor.Command> node(String nodeId) {
        return ref(shards.nodes(), nodeId);
    }

    @Override
    public RecipientRef<LinkActor.Command> link(String linkId) {
        return ref(shards.links(), linkId);
    }

    @Override
    public RecipientRef<ClassicalChannel.Command> channel(String linkId) {
        return ref(shards.channels(), linkId);
    }

    @Override
    public RecipientRef<KmeActor.Command> kme(String nodeId) {
        return ref(shards.kmes(), nodeId);
    }

    @Override
    public RecipientRef<EmulationClock.Command> clock() {
        if (clock == null) {
            throw new IllegalStateException("the run's clock is not known yet");
        }
        return clock;
    }

    @Override
    public void setClock(ActorRef<EmulationClock.Command> clock) {
        this.clock = clock;
    }

    @SuppressWarnings("unchecked")
    private <M> EntityRef<M> ref(EntityTypeKey<M> type, String id) {
        return (EntityRef<M>) refs.computeIfAbsent(type, key -> new ConcurrentHashMap<>())
                .computeIfAbsent(id, key -> sharding.entityRefFor(type, id));
    }
}
