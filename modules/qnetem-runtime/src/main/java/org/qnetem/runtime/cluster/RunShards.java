package org.qnetem.runtime.cluster;

import java.util.function.ToIntFunction;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.ShardingMessageExtractor;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.qnetem.runtime.entity.Directory;
import org.qnetem.runtime.entity.RunEntities;
import org.qnetem.runtime.kms.KmeActor;
import org.qnetem.runtime.link.ClassicalChannel;
import org.qnetem.runtime.link.LinkActor;
import org.qnetem.runtime.node.NodeActor;

/**
 * The four sharded entity types of one run (named after the run, so a member can host several runs one
 * after another) and their shards: a node and its KME in the node's region, a link and its classical
 * channel in its transmitter's region ({@link TopologyPartition}), one shard per region. Every member
 * initialises them the same way; only members with the {@value #ROLE} role host entities, the
 * coordinator reaches them through a proxy.
 */
record RunShards(EntityTypeKey<NodeActor.Command> nodes, EntityTypeKey<LinkActor.Command> links,
                 EntityTypeKey<ClassicalChannel.Command> channels, EntityTypeKey<KmeActor.Command> kmes,
                 TopologyPartition partition) {

    /** The cluster role of members that host entities ({@code bin/qnetem node}). */
    static final String ROLE = "emulator";
    private static final String COMPUTE_DISPATCHER = "qnetem.compute-dispatcher";

    static RunShards of(String runId, TopologyPartition partition) {
        return new RunShards(EntityTypeKey.create(NodeActor.Command.class, "node-" + runId),
                EntityTypeKey.create(LinkActor.Command.class, "link-" + runId),
                EntityTypeKey.create(ClassicalChannel.Command.class, "classical-" + runId),
                EntityTypeKey.create(KmeActor.Command.class, "kme-" + runId), partition);
    }

    /** Starts (or, without the role, proxies) this run's sharding on {@code system}. */
    void init(ActorSystem<?> system, RunEntities entities, Directory directory) {
        ClusterSharding sharding = ClusterSharding.get(system);
        Props compute = DispatcherSelector.fromConfig(COMPUTE_DISPATCHER);
        sharding.init(entity(nodes, id -> entities.node(id, directory), partition::regionOfNode).withEntityProps(compute));
        sharding.init(entity(links, id -> entities.link(id, directory), partition::regionOfLink).withEntityProps(compute));
        sharding.init(entity(channels, id -> entities.channel(id, directory), partition::regionOfLink));
        sharding.init(entity(kmes, id -> entities.kme(id, directory), partition::regionOfNode));
    }

    private interface Factory<M> {
        Behavior<M> create(String entityId);
    }

    private static <M> Entity<M, ShardingEnvelope<M>> entity(EntityTypeKey<M> type, Factory<M> factory,
                                                            ToIntFunction<String> region) {
        return Entity.of(type, context -> factory.create(context.getEntityId()))
                .withRole(ROLE)
                .withAllocationStrategy(new RegionAllocation(type.name()))
                .withMessageExtractor(new ShardingMessageExtractor<ShardingEnvelope<M>, M>() {
                    @Override
                    public String entityId(ShardingEnvelope<M> envelope) {
                        return envelope.entityId();
                    }

                    @Override
                    public String shardId(String entityId) {
                        return Integer.toString(region.applyAsInt(entityId));
                    }

                    @Override
                    public M unwrapMessage(ShardingEnvelope<M> envelope) {
                        return envelope.message();
                    }
                });
    }
}
