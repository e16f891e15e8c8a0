package org.qnetem.runtime.cluster;

import com.typesafe.config.Config;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.apache.pekko.cluster.typed.Subscribe;
import org.apache.pekko.management.cluster.bootstrap.ClusterBootstrap;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.qnetem.runtime.run.Emulation;

/**
 * A long-lived member of a QNetEm cluster: an actor system named like every run's
 * ({@link Emulation#SYSTEM_NAME}, so members and runs can join one another), serving pekko-management
 * (cluster HTTP routes, {@code /ready}, {@code /alive}) and joining its seed nodes or, under the
 * kubernetes profile, bootstrapping from the Kubernetes API. Its {@link RunHost} hosts the sharded nodes,
 * links, channels and KMEs of the cluster runs that find it.
 */
public final class ClusterMember {

    private final ActorSystem<ClusterEvent.ClusterDomainEvent> system;
    private final URI managementUri;
    private final CompletableFuture<Done> downed;

    private ClusterMember(ActorSystem<ClusterEvent.ClusterDomainEvent> system, URI managementUri,
                          CompletableFuture<Done> downed) {
        this.downed = downed;
        this.system = system;
        this.managementUri = managementUri;
    }

    /**
     * Starts the member and hands {@code lines} one line per membership or reachability change, from actor
     * threads. Returns once the management API is serving and the join has been asked for.
     */
    public static ClusterMember start(MemberSettings settings, Consumer<String> lines) throws MemberStartException {
        Config config = settings.config();
        String artery = config.getString("pekko.remote.artery.canonical.hostname") + ":"
                + config.getInt("pekko.remote.artery.canonical.port");
        ActorSystem<ClusterEvent.ClusterDomainEvent> system;
        CompletableFuture<Done> downed = new CompletableFuture<>();
        try {
            system = ActorSystem.create(listener(lines, downed), Emulation.SYSTEM_NAME, config);
        } catch (RuntimeException e) {
            throw new MemberStartException("cannot start the member's Artery endpoint on " + artery + ": "
                    + rootMessage(e), e);
        }
        String management = config.getString("pekko.management.http.hostname") + ":"
                + config.getInt("pekko.management.http.port");
        URI managementUri;
        try {
            managementUri = URI.create(PekkoManagement.get(Adapter.toClassic(system)).start()
                    .toCompletableFuture()
                    .get(config.getDuration("qnetem.cluster.management-start-timeout").toMillis(),
                            TimeUnit.MILLISECONDS)
                    .toString());
        } catch (ExecutionException | TimeoutException e) {
            stop(system);
            throw new MemberStartException("cannot serve pekko-management on " + management + ": "
                    + rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(system);
            throw new MemberStartException("interrupted while starting pekko-management on " + management, e);
        }
        if (config.getBoolean("qnetem.cluster.bootstrap")) {
            ClusterBootstrap.get(Adapter.toClassic(system)).start();
        } else {
            List<Address> seeds = settings.seedNodes().stream()
                    .map(seed -> new Address("pekko", Emulation.SYSTEM_NAME, seed.host(), seed.port()))
                    .toList();
            Cluster.get(system).manager().tell(new JoinSeedNodes(seeds));
        }
        return new ClusterMember(system, managementUri, downed);
    }

    /** This member's own address, e.g. {@code pekko://qnetem@127.0.0.1:7355}. */
    public Address address() {
        return Cluster.get(system).selfMember().address();
    }

    /** Where pekko-management serves, e.g. {@code http://127.0.0.1:7626/}. */
    public URI managementUri() {
        return managementUri;
    }

    /** Completes when the member has stopped: after {@link #leave()}, a JVM signal, or being downed. */
    public CompletionStage<Done> whenTerminated() {
        return system.getWhenTerminated();
    }

    /**
     * Why the member stopped, once {@link #whenTerminated()} has completed: {@code true} when it was asked
     * to (SIGTERM/SIGINT or {@link #leave()}), {@code false} when the cluster removed it (e.g. the
     * split-brain resolver downed it).
     */
    public boolean stoppedOnRequest() {
        return CoordinatedShutdown.get(Adapter.toClassic(system)).getShutdownReason()
                .map(reason -> reason == CoordinatedShutdown.jvmExitReason()
                        || reason == CoordinatedShutdown.actorSystemTerminateReason()
                        || reason == CoordinatedShutdown.clusterLeavingReason())
                .orElse(true);
    }

    /** Completes when the cluster downs this member (the split-brain resolver, or an operator). */
    public CompletionStage<Done> whenDowned() {
        return downed;
    }

    /** Leaves the cluster gracefully and stops, through Pekko's coordinated shutdown. */
    public CompletionStage<Done> leave() {
        return CoordinatedShutdown.get(Adapter.toClassic(system)).runAll(CoordinatedShutdown.clusterLeavingReason());
    }

    private static Behavior<ClusterEvent.ClusterDomainEvent> listener(Consumer<String> lines,
                                                                       CompletableFuture<Done> downed) {
        return Behaviors.setup(context -> {
            context.spawn(RunHost.create(), "run-host");
            Cluster cluster = Cluster.get(context.getSystem());
            cluster.subscriptions().tell(Subscribe.create(context.getSelf().narrow(), ClusterEvent.MemberEvent.class));
            cluster.subscriptions().tell(Subscribe.create(context.getSelf().narrow(),
                    ClusterEvent.ReachabilityEvent.class));
            return Behaviors.receive(ClusterEvent.ClusterDomainEvent.class)
                    .onAnyMessage(event -> {
                        MemberEventLines.describe(event).ifPresent(lines);
                        if (event instanceof ClusterEvent.MemberDowned down
                                && down.member().uniqueAddress().equals(cluster.selfMember().uniqueAddress())) {
                            downed.complete(Done.getInstance());
                        }
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    private static void stop(ActorSystem<?> system) {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The start already failed; the caller reports that failure, not this one.
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
