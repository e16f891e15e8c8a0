package org.qnetem.runtime.run;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.qnetem.runtime.clock.EmulationClock;
import org.qnetem.runtime.cluster.ClusterSummary;
import org.qnetem.runtime.entity.RunDirectory;
import org.qnetem.runtime.entity.RunEntities;

/**
 * Where a run's nodes, links, channels and KMEs live: on the run's own JVM ({@link LocalPlacement}), or as
 * sharded entities on the members of a cluster ({@code org.qnetem.runtime.cluster.ClusterPlacement}). The
 * run's guardian calls these in order: join, ready, place, startClock, prepare, and finish after the last
 * statistics.
 */
public interface Placement {

    /** Joins the cluster the run lives in (a cluster of one on a single JVM). */
    void join(ActorSystem<?> system);

    /** Completes once the run may place its entities (on a cluster: once enough members can host them). */
    CompletionStage<Done> ready(ActorSystem<?> system);

    /** Spawns the entities as the guardian's children, watched, or makes them reachable where they live. */
    RunDirectory place(ActorContext<?> context, RunEntities entities);

    /**
     * Starts the run's clock, whose behaviour closes over this JVM's fault dispatcher and key layer, and returns
     * where to tell it: the guardian's child, watched, on one JVM; on a cluster, a cluster singleton only this
     * run's coordinator may host, reached through its proxy.
     */
    ActorRef<EmulationClock.Command> startClock(ActorContext<?> context, Behavior<EmulationClock.Command> clock);

    /** Completes once every entity can start and reach the clock. */
    CompletionStage<Done> prepare(ActorSystem<?> system);

    /**
     * What was lost with cluster member {@code member} ({@code pekko://qnetem@host:port}), which has just been
     * removed from the cluster; empty if it hosted none of the run's entities.
     */
    Optional<MemberLoss> lost(String member);

    /**
     * Kills member {@code member} (the r-th in address order, which hosts region r at the start) as a fault
     * would; refused with the reason on one JVM or for a member the run does not have.
     */
    void kill(ActorSystem<?> system, int member);

    /** What the placement has to report once the run is over: nothing on one JVM, members and traffic on a cluster. */
    CompletionStage<Optional<ClusterSummary>> finish(ActorSystem<?> system);
}
