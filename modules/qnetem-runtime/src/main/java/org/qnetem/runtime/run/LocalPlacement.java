package org.qnetem.runtime.run;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.qnetem.runtime.clock.EmulationClock;
import org.qnetem.runtime.cluster.ClusterSummary;
import org.qnetem.runtime.entity.LocalDirectory;
import org.qnetem.runtime.entity.RunDirectory;
import org.qnetem.runtime.entity.RunEntities;
import org.qnetem.runtime.topology.LinkSpec;
import org.qnetem.runtime.topology.NodeSpec;
import org.qnetem.runtime.topology.Topology;

/**
 * Every entity a child of the run's guardian on its own JVM, a cluster of one: no sharding hop on the
 * messages of a run that fits one machine.
 */
public final class LocalPlacement implements Placement {

    private static final String COMPUTE_DISPATCHER = "qnetem.compute-dispatcher";

    @Override
    public void join(ActorSystem<?> system) {
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
    }

    @Override
    public CompletionStage<Done> ready(ActorSystem<?> system) {
        return CompletableFuture.completedFuture(Done.getInstance());
    }

    @Override
    public RunDirectory place(ActorContext<?> context, RunEntities entities) {
        Topology topology = entities.topology();
        LocalDirectory directory = new LocalDirectory();
        Props compute = DispatcherSelector.fromConfig(COMPUTE_DISPATCHER);
        for (NodeSpec node : topology.nodes()) {
            String id = node.id();
            directory.addKme(id, watched(context, context.spawn(entities.kme(id, directory), "kme-" + id)));
            directory.addNode(id, watched(context, context.spawn(entities.node(id, directory), "node-" + id,
                    compute)));
        }
        for (LinkSpec link : topology.links()) {
            String id = link.id();
            directory.addLink(id, watched(context, context.spawn(entities.link(id, directory), "link-" + id,
                    compute)));
            directory.addChannel(id, watched(context, context.spawn(entities.channel(id, directory),
                    "classical-" + id)));
        }
        return directory;
    }

    @Override
    public ActorRef<EmulationClock.Command> startClock(ActorContext<?> context, Behavior<EmulationClock.Command> clock) {
        return watched(context, context.spawn(clock, "clock"));
    }

    @Override
    public CompletionStage<Done> prepare(ActorSystem<?> system) {
        return CompletableFuture.completedFuture(Done.getInstance());
    }

    @Override
    public void kill(ActorSystem<?> system, int member) {
        throw new IllegalArgumentException("fault 'member-kill': this run has no cluster members; run it with"
                + " --cluster");
    }

    @Override
    public Optional<MemberLoss> lost(String member) {
        return Optional.empty();
    }

    @Override
    public CompletionStage<Optional<ClusterSummary>> finish(ActorSystem<?> system) {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    private static <T> ActorRef<T> watched(ActorContext<?> context, ActorRef<T> actor) {
        context.watch(actor);
        return actor;
    }
}
