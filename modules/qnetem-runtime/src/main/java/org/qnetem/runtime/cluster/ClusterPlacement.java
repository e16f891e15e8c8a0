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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
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
import org.qnetem.runtime.run.MemberLoss;
import org.qnetem.runtime.run.Placement;
import org.qnetem.runtime.run.RunSettings;
import org.qnetem.runtime.topology.Fidelity;
import org.qnetem.runtime.topology.Topology;

/**
 * A run whose entities live on the members of a cluster: the run's JVM joins the seed nodes as the
 * run's coordinator (it hosts the clock and the fault dispatcher, as a cluster singleton only it may host
 * ({@link ClockSingleton}), and keeps the report; it hosts no entity), waits for {@code minMembers} members
 * that can host entities ({@link RunHost}), splits the topology into one region per member, tells every
 * member the run, and reaches the entities through sharding.
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
    /** Each region's member now: where it started, or where sharding placed it again after a member died. */
    private final Map<Integer, String> placement = new ConcurrentHashMap<>();
    private final Set<String> gone = ConcurrentHashMap.newKeySet();
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
     * {@code base} for run {@code runId}'s coordinator: the coordinator role (it hosts no entity) and the run's
     * own role (it alone hosts the run's clock), Artery on {@code host}:{@code port} (port 0: any free port),
     * where the members reach the clock.
     */
    public static Config coordinatorConfig(Config base, String runId, String host, int port) {
        return ConfigFactory.parseMap(Map.of(
                        "pekko.cluster.roles", List.of(COORDINATOR_ROLE, ClockSingleton.role(runId)),
                        "pekko.remote.artery.canonical.hostname", host,
                        "pekko.remote.artery.canonical.port", port))
                .withFallback(base);
    }

    @Override
    public void join(ActorSystem<?> system) {
        Cluster.get(system).manager().tell(new JoinSeedNodes(seeds.stream()
                .map(seed -> new Address("pekko", Emulation.SYSTEM_NAME, seed.host(), seed.port())).toList()));
    }

    @Override
    public CompletionStage<Done> ready(ActorSystem<?> system) {
        if (!Cluster.get(system).selfMember().hasRole(ClockSingleton.role(runId))) {
            return CompletableFuture.failedFuture(new IllegalStateException("run " + runId + "'s coordinator lacks"
                    + " the role " + ClockSingleton.role(runId) + ", so it cannot host the run's clock: configure it"
                    + " with ClusterPlacement.coordinatorConfig for this run id"));
        }
        long deadline = System.nanoTime() + system.settings().config().getDuration("qnetem.cluster.member-timeout")
                .toNanos();
        return awaitHosts(system, deadline).thenApply(found -> {
            hosts = found.stream().sorted(Comparator.comparing(host -> host.path().address().toString())).toList();
            for (int region = 0; region < hosts.size(); region++) {
                placement.put(region, hostAddresses().get(region));
            }
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
        shards.init(context.getSystem(), entities, directory, region -> true);
        return directory;
    }

    @Override
    public ActorRef<EmulationClock.Command> startClock(ActorContext<?> context, Behavior<EmulationClock.Command> clock) {
        return ClockSingleton.host(context.getSystem(), runId, clock);
    }

    @Override
    public CompletionStage<Done> prepare(ActorSystem<?> system) {
        Duration timeout = system.settings().config().getDuration("qnetem.cluster.prepare-timeout");
        RunSpec spec = new RunSpec(runId, topologyText, topology.source(), fidelity, settings.seed(),
                settings.clock().durationPs(), settings.clock().epochPs(),
                settings.scenario().toArray(ScheduledFault[]::new), hostAddresses().toArray(String[]::new));
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
    public void kill(ActorSystem<?> system, int member) {
        if (member >= hosts.size()) {
            throw new IllegalArgumentException("fault 'member-kill': member " + member + ", but the run has "
                    + hosts.size() + " members (0 to " + (hosts.size() - 1) + ")");
        }
        system.log().warn("run {}: killing member {} ({}) as a fault asks", runId, member,
                hosts.get(member).path().address());
        hosts.get(member).tell(RunHost.Halt.INSTANCE);
    }

    /**
     * The regions {@code member} hosted, placed again among the members left by {@link RegionAllocation}'s rule,
     * and the nodes and link observers that went with them.
     */
    @Override
    public synchronized Optional<MemberLoss> lost(String member) {
        List<Integer> regions = placement.entrySet().stream().filter(entry -> entry.getValue().equals(member))
                .map(Map.Entry::getKey).sorted().toList();
        gone.add(member);
        if (regions.isEmpty()) {
            return Optional.empty();
        }
        List<String> left = placement.values().stream().filter(host -> !host.equals(member)).distinct().sorted()
                .toList();
        regions.forEach(region -> placement.put(region, left.isEmpty() ? "" : left.get(region % left.size())));
        List<String> nodes = topology.nodes().stream().map(node -> node.id())
                .filter(node -> regions.contains(shards.partition().regionOfNode(node))).toList();
        List<String> links = topology.links().stream().map(link -> link.id())
                .filter(link -> regions.contains(shards.partition().regionOfLink(link))).toList();
        return Optional.of(new MemberLoss(member, regions, nodes, links, -1));
    }

    @Override
    public CompletionStage<Optional<ClusterSummary>> finish(ActorSystem<?> system) {
        Duration timeout = system.settings().config().getDuration("qnetem.cluster.prepare-timeout");
        List<CompletableFuture<RunHost.MemberReport>> reports = hosts.stream()
                .filter(host -> !gone.contains(host.path().address().toString()))
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
        return new ClusterSummary(hostAddresses(), regions,
                shards.partition().crossingLinks(topology), reports);
    }

    private List<String> hostAddresses() {
        return hosts.stream().map(host -> host.path().address().toString()).toList();
    }

    private static CompletableFuture<Done> later() {
        return CompletableFuture.supplyAsync(Done::getInstance,
                CompletableFuture.delayedExecutor(POLL.toMillis(), TimeUnit.MILLISECONDS));
    }
}
