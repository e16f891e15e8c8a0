package org.qnetem.runtime.cluster;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.ClusterSingletonSettings;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.qnetem.runtime.clock.EmulationClock;

/**
 * A cluster run's clock (and the fault dispatcher it drives at every epoch boundary) as a Pekko cluster singleton
 * named after the run, restricted to a role that only the run's coordinator has. Its behaviour closes over the
 * coordinator's fault book, key layer and report, so no other JVM could host it; and if the coordinator dies the
 * run is gone either way, so the singleton is never handed over. Members reach it through a proxy for the same
 * name and role: on a JVM without the role, {@code ClusterSingleton.init} starts only the proxy, never a manager.
 */
final class ClockSingleton {

    private ClockSingleton() {
    }

    /** The role only run {@code runId}'s coordinator has: two runs' coordinators never host each other's clock. */
    static String role(String runId) {
        return "coordinator-" + runId;
    }

    /** The singleton's name, and so the clock actor's, unique per run like the run's entity types. */
    static String name(String runId) {
        return "clock-" + runId;
    }

    /**
     * On the run's coordinator, which has the run's role ({@link ClusterPlacement#ready} checks): starts the
     * singleton manager, which runs {@code clock}, and returns the singleton's proxy.
     */
    static ActorRef<EmulationClock.Command> host(ActorSystem<?> system, String runId,
                                                 Behavior<EmulationClock.Command> clock) {
        return init(system, runId, clock);
    }

    /** On a member: the proxy through which the run's entities reach the clock on the coordinator. */
    static ActorRef<EmulationClock.Command> proxy(ActorSystem<?> system, String runId) {
        if (Cluster.get(system).selfMember().hasRole(role(runId))) {
            throw new IllegalStateException("member " + Cluster.get(system).selfMember().address()
                    + " has the role " + role(runId) + ", which only the run's coordinator may have");
        }
        // Without the role, init starts no manager, so this behaviour never runs; it fails loudly if it ever did.
        return init(system, runId, Behaviors.setup(context -> {
            throw new IllegalStateException("the clock of run " + runId + " runs only on its coordinator");
        }));
    }

    private static ActorRef<EmulationClock.Command> init(ActorSystem<?> system, String runId,
                                                         Behavior<EmulationClock.Command> clock) {
        return ClusterSingleton.get(system).init(SingletonActor.of(clock, name(runId))
                .withSettings(ClusterSingletonSettings.create(system).withRole(role(runId))));
    }
}
