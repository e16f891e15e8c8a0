package org.qnetem.runtime.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.qnetem.runtime.clock.EmulationClock;
import org.qnetem.runtime.entity.RunDirectory;
import org.qnetem.runtime.entity.RunEntities;
import org.qnetem.runtime.fault.ScheduledFault;
import org.qnetem.runtime.run.Emulation;
import org.qnetem.runtime.run.Placement;
import org.qnetem.runtime.run.RunSettings;
import org.qnetem.runtime.topology.Fidelity;
import org.qnetem.runtime.topology.Topology;

/**
 * A run whose entities live on the members of a cluster: the run's JVM joins the seed nodes as the
 * run's coordinator (it keeps the clock, the fault dispatcher and the report; it hosts no entity), waits
 * for {@code minMembers} members that can host entities ({@link RunHost}), splits the topology into one
 * region per member, tells every member the run, and reaches the entities through sharding.
 */
public final class ClusterPlacement implements Placement {

    /** The cluster role of a run's coordinator. */
    public static final String COORDINATOR_ROLE = "coordinator";
    private static final Duration POLL = Duration.ofMillis(250);

    private final List<HostPort> seeds;
    private final int minMembers;
    private final String runId;
    private final String topologyText;
    private final Topology topology;
    private final Fidelity fidelity;
    private final RunSettings settings;
    private List<ActorRef<RunHost.Command>> hosts = List.of();
    private RunShards shards;

    /**
     * @param topologyText the topology file's resolved text, which every member parses as this JVM did
     * @param fidelity     the run's {@code --fidelity} override, or null
     */
    public ClusterPlacement(List<HostPort> seeds, int minMembers, String runId, String topologyText, Topology topology,
                            Fidelity fidelity, RunSettings settings) {
        if (minMembers < 1) {
            throw new IllegalArgumentException("--min-members must be at least 1, not " + minMembers);
        }
        this.seeds = List.copyOf(seeds);
        this.minMembers = minMembers;
        this.runId = runId;
        this.topologyText = topologyText;
        this.topology = topology;
        this.fidelity = fidelity;
        this.settings = settings;
    }

    /**
     * {@code base} for a run's coordinator: the coordinator role (it hosts no entity), Artery on
     * {@code host}:{@code port} (port 0: any free port), where the members reach the clock. A coordinator
     * that no seed node lets join within {@code qnetem.cluster.member-timeout} stops (and its run fails)
     * rather than waiting for ever: the wait for members only starts once it has joined.
     */
    public static Config coordinatorConfig(Config base, String host, int port) {
        return ConfigFactory.parseMap(Map.of("pekko.cluster.roles", List.of(COORDINATOR_ROLE),
                        "pekko.remote.artery.canonical.hostname", host,
                        "pekko.remote.artery.canonical.port", port,
                        "pekko.cluster.shutdown-after-unsuccessful-join-seed-nodes",
                        base.getDuration("qnetem.cluster.member-timeout").toMillis() + "ms"))
                .withFallback(base);
    }

    @Override
    public void join(ActorSystem<?> system) {
        Cluster.get(system).manager().tell(new JoinSeedNodes(seeds.stream()
                .map(seed -> new Address("pekko", Emulation.SYSTEM_NAME, seed.host(), seed.port())).toList()));
    }

    @Override
    public CompletionStage<Done> ready(ActorSystem<?> system) {
        long deadline = System.nanoTime() + system.settings().config().getDuration("qnetem.cluster.member-timeout")
                .toNanos();
        return awaitHosts(system, deadline).thenApply(found -> {
            hosts = found.stream().sorted(Comparator.comparing(host -> host.path().address().toString())).toList();
            system.log().info("run {}: {} members host its entities: {}", runId, hosts.size(),
                    hosts.stream().map(host -> host.path().address().toString()).toList());
            return Done.getInstance();
        });
    }

    private CompletionStage<List<ActorRef<RunHost.Command>>> awaitHosts(ActorSystem<?> system, long deadline) {
        return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
                        replyTo -> Receptionist.find(RunHost.KEY, replyTo), POLL.multipliedBy(8), system.scheduler())
                .thenCompose(listing -> {
                    List<ActorRef<RunHost.Command>> found = List.copyOf(listing.getServiceInstances(RunHost.KEY));
                    if (found.size() >= minMembers) {
                        return CompletableFuture.completedFuture(found);
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("only " + found.size() + " of the " + minMembers
                                + " members asked for (--min-members) joined through " + seeds
                                + " within qnetem.cluster.member-timeout; start them with bin/qnetem node");
                    }
                    return later().thenCompose(done -> awaitHosts(system, deadline));
                });
    }

    @Override
    public RunDirectory place(ActorContext<?> context, RunEntities entities) {
        shards = RunShards.of(runId, new TopologyPartition(topology, hosts.size()));
        ShardedDirectory directory = new ShardedDirectory(context.getSystem(), shards, null);
        shards.init(context.getSystem(), entities, directory);
        return directory;
    }

    @Override
    public CompletionStage<Done> prepare(ActorSystem<?> system, ActorRef<EmulationClock.Command> clock) {
        Duration timeout = system.settings().config().getDuration("qnetem.cluster.prepare-timeout");
        RunSpec spec = new RunSpec(runId, topologyText, topology.source(), fidelity, settings.seed(),
                settings.clock().durationPs(), settings.clock().epochPs(),
                settings.scenario().toArray(ScheduledFault[]::new), hosts.size(), clock);
        List<CompletableFuture<RunHost.Prepared>> asks = hosts.stream()
                .map(host -> AskPattern.<RunHost.Command, RunHost.Prepared>ask(host,
                        replyTo -> new RunHost.Prepare(spec, replyTo), timeout, system.scheduler())
                        .toCompletableFuture())
                .toList();
        return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).thenApply(all -> {
            for (CompletableFuture<RunHost.Prepared> ask : asks) {
                RunHost.Prepared prepared = ask.join();
                if (prepared.failure() != null) {
                    throw new IllegalStateException("member " + prepared.member() + " cannot host run " + runId
                            + ": " + prepared.failure());
                }
            }
            return Done.getInstance();
        });
    }

    @Override
    public CompletionStage<Optional<ClusterSummary>> finish(ActorSystem<?> system) {
        Duration timeout = system.settings().config().getDuration("qnetem.cluster.prepare-timeout");
        List<CompletableFuture<RunHost.MemberReport>> reports = hosts.stream()
                .map(host -> AskPattern.<RunHost.Command, RunHost.MemberReport>ask(host,
                        replyTo -> new RunHost.Report(runId, replyTo), timeout, system.scheduler())
                        .toCompletableFuture())
                .toList();
        return CompletableFuture.allOf(reports.toArray(CompletableFuture[]::new))
                .thenApply(all -> Optional.of(summary(reports.stream().map(CompletableFuture::join).toList())));
    }

    private ClusterSummary summary(List<RunHost.MemberReport> reports) {
        Map<Integer, String> memberOfRegion = new HashMap<>();
        reports.forEach(report -> Arrays.stream(report.regions())
                .forEach(region -> memberOfRegion.put(region, report.member())));
        List<List<String>> nodes = shards.partition().nodesByRegion();
        List<ClusterSummary.Region> regions = new ArrayList<>();
        for (int r = 0; r < nodes.size(); r++) {
            regions.add(new ClusterSummary.Region(r, memberOfRegion.getOrDefault(r, ""), nodes.get(r)));
        }
        return new ClusterSummary(hosts.stream().map(host -> host.path().address().toString()).toList(), regions,
                shards.partition().crossingLinks(topology), reports);
    }

    private static CompletableFuture<Done> later() {
        return CompletableFuture.supplyAsync(Done::getInstance,
                CompletableFuture.delayedExecutor(POLL.toMillis(), TimeUnit.MILLISECONDS));
    }
}
