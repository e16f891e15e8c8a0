package org.qnetem.runtime.cluster;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardCoordinator;
import org.apache.pekko.dispatch.Futures;
import scala.collection.immutable.IndexedSeq;
import scala.concurrent.Future;
import scala.concurrent.duration.FiniteDuration;

/**
 * Places shard {@code r} (topology region r, see {@link TopologyPartition}) on the r-th member that is up
 * with the {@value RunShards#ROLE} role (modulo their number), members ordered by address, so that each
 * region lives on one member and the regions spread evenly. Before that member's region has registered,
 * the coordinator is handed its path, ignores it as unknown and asks again: a shard is never crowded onto
 * the members that happened to register first. A member that dies has its regions placed again by the same
 * rule among those left. Shards are never rebalanced: a moved entity would start afresh and lose its state.
 */
final class RegionAllocation extends ShardCoordinator.AbstractShardAllocationStrategy
        implements ShardCoordinator.ActorSystemDependentAllocationStrategy {

    private static final FiniteDuration RESOLVE_TIMEOUT = FiniteDuration.create(5, TimeUnit.SECONDS);

    private final String typeName;
    private ActorSystem system;
    private Cluster cluster;

    /** {@code typeName}: the entity type whose shards this places, which names its regions' actors. */
    RegionAllocation(String typeName) {
        this.typeName = typeName;
    }

    @Override
    public void start(ActorSystem system) {
        this.system = system;
        this.cluster = Cluster.get(system);
    }

    @Override
    public Future<ActorRef> allocateShard(ActorRef requester, String shardId,
                                          Map<ActorRef, IndexedSeq<String>> currentShardAllocations) {
        List<Address> hosts = StreamSupport.stream(cluster.state().getMembers().spliterator(), false)
                .filter(member -> member.status() == MemberStatus.up() && member.hasRole(RunShards.ROLE))
                .map(Member::address).sorted(Comparator.comparing(Address::toString)).toList();
        if (hosts.isEmpty()) {
            return Futures.failed(new IllegalStateException("no member can host shard " + shardId + " of "
                    + typeName));
        }
        Address target = hosts.get(Math.floorMod(Integer.parseInt(shardId), hosts.size()));
        for (ActorRef region : currentShardAllocations.keySet()) {
            if (addressOf(region).equals(target)) {
                return Futures.successful(region);
            }
        }
        return system.actorSelection(target + "/system/sharding/" + typeName).resolveOne(RESOLVE_TIMEOUT);
    }

    @Override
    public Future<Set<String>> rebalance(Map<ActorRef, IndexedSeq<String>> currentShardAllocations,
                                         Set<String> rebalanceInProgress) {
        return Futures.successful(Set.of());
    }

    /** A region's member address; the local region's path has no host, so it is the cluster's own. */
    private Address addressOf(ActorRef region) {
        Address address = region.path().address();
        return address.hasLocalScope() ? cluster.selfAddress() : address;
    }
}
