package org.qnetem.runtime.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.SelfUp;
import org.apache.pekko.cluster.typed.Subscribe;
import org.qnetem.runtime.clock.ClockSummary;
import org.qnetem.runtime.clock.EmulationClock;
import org.qnetem.runtime.clock.ProgressListener;
import org.qnetem.runtime.entity.Directory;
import org.qnetem.runtime.entity.LocalDirectory;
import org.qnetem.runtime.entity.RunEntities;
import org.qnetem.runtime.kms.EtsiEndpoints;
import org.qnetem.runtime.kms.KeyLayer;
import org.qnetem.runtime.kms.KmeReport;
import org.qnetem.runtime.fault.FaultBook;
import org.qnetem.runtime.link.LinkActor;
import org.qnetem.runtime.link.LinkStatistics;
import org.qnetem.runtime.node.NodeActor;
import org.qnetem.runtime.operator.LiveRun;
import org.qnetem.runtime.operator.OperatorApi;
import org.qnetem.runtime.operator.OperatorSettings;
import org.qnetem.runtime.topology.LinkSpec;
import org.qnetem.runtime.topology.NodeSpec;
import org.qnetem.runtime.topology.Topology;

/**
 * Root of a run: joins the one-member cluster, wires nodes, links and the clock from the topology,
 * starts the clock, collects every link's statistics at the end and completes the run's result. If
 * any actor fails, the run fails with its cause instead of hanging.
 */
public final class EmulationGuardian {

    interface Command {
    }

    private record ClusterUp(SelfUp event) implements Command {
    }

    private record ClockFinished(ClockSummary summary) implements Command {
    }

    private record StatisticsReceived(LinkStatistics statistics) implements Command {
    }

    private record StatisticsFailed(String linkId, Throwable cause) implements Command {
    }

    private record KmesReported(List<KmeReport> kmes, Throwable failure) implements Command {
    }

    private static final String COMPUTE_DISPATCHER = "qnetem.compute-dispatcher";

    private EmulationGuardian() {
    }

    public static Behavior<Command> create(Topology topology, RunSettings settings, ProgressListener progress,
                                           CompletableFuture<RunResult> result) {
        return create(topology, settings, progress, null, null, live -> { }, result);
    }

    /**
     * {@code operator}: where to serve the operator API while the run goes, or null for none; {@code etsi}: the
     * KMEs' ETSI GS QKD 014 endpoints to serve, or null for none. {@code onStarted} is given the run's live view
     * once every actor is wired, just before the clock starts (on the guardian's thread, so it must be quick).
     */
    public static Behavior<Command> create(Topology topology, RunSettings settings, ProgressListener progress,
                                           OperatorSettings operator, EtsiEndpoints etsi, Consumer<LiveRun> onStarted,
                                           CompletableFuture<RunResult> result) {
        return Behaviors.setup(context -> {
            Cluster cluster = Cluster.get(context.getSystem());
            cluster.subscriptions().tell(Subscribe.create(
                    context.messageAdapter(SelfUp.class, ClusterUp::new), SelfUp.class));
            cluster.manager().tell(Join.create(cluster.selfMember().address()));
            return Behaviors.receive(Command.class)
                    .onMessage(ClusterUp.class, up -> start(context, topology, settings, progress, operator, etsi,
                            onStarted, result))
                    .build();
        });
    }

    private static Behavior<Command> start(ActorContext<Command> context, Topology topology, RunSettings settings,
                                           ProgressListener progress, OperatorSettings operator, EtsiEndpoints etsi,
                                           Consumer<LiveRun> onStarted, CompletableFuture<RunResult> result) {
        AtomicReference<ClockSummary> latestClock = new AtomicReference<>(new ClockSummary(0, 0, 0, 0));
        ProgressListener listener = LiveRun.recording(latestClock, progress);
        FaultBook faults = new FaultBook(topology, settings.scenario(), settings.clock().epochPs());
        RunEntities entities = new RunEntities(topology, settings.seed(), settings.clock().durationPs(), faults,
                context.getSystem().settings().config().getDuration("qnetem.kms.tick"));
        LocalDirectory directory = spawnEntities(context, entities);
        KeyLayer keyLayer = new KeyLayer(topology, directory, context.getSystem().scheduler(),
                context.getSystem().settings().config().getDuration("qnetem.kms.ask-timeout"));
        FaultDispatcher dispatcher = new FaultDispatcher(topology, faults, directory, keyLayer);
        List<RecipientRef<NodeActor.Command>> nodes = topology.nodes().stream()
                .map(node -> directory.node(node.id())).toList();
        Set<String> linkIds = topology.links().stream().map(LinkSpec::id).collect(Collectors.toSet());
        ActorRef<EmulationClock.Command> clock = context.spawn(EmulationClock.create(settings.clock(), nodes, linkIds,
                listener, dispatcher::onBoundary), "clock");
        context.watch(clock);
        directory.setClock(clock);
        LiveRun live = new LiveRun(topology, directory, keyLayer, faults, latestClock, context.getSystem().scheduler(),
                context.getSystem().settings().config().getDuration("qnetem.operator.ask-timeout"));
        if (operator != null) {
            serveOperatorApi(context, live, operator, result);
        }
        if (etsi != null) {
            // An endpoint that cannot be bound fails the run rather than leaving its SAEs without keys.
            etsi.serve(context.getSystem(), keyLayer).whenComplete((done, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(failure instanceof CompletionException ? failure.getCause() : failure);
                }
            });
        }
        onStarted.accept(live);
        clock.tell(new EmulationClock.Start(context.messageAdapter(ClockSummary.class, ClockFinished::new)));
        return running(context, topology, settings, directory, keyLayer, faults, dispatcher, result);
    }

    /** Every node, link, classical channel and KME of the run, watched so that a failure fails the run. */
    private static LocalDirectory spawnEntities(ActorContext<Command> context, RunEntities entities) {
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

    private static <T> ActorRef<T> watched(ActorContext<Command> context, ActorRef<T> actor) {
        context.watch(actor);
        return actor;
    }

    /** A port that cannot be bound fails the run rather than leaving it without the API it was asked for. */
    private static void serveOperatorApi(ActorContext<Command> context, LiveRun run, OperatorSettings operator,
                                         CompletableFuture<RunResult> result) {
        OperatorApi.bind(context.getSystem(), run, operator.port()).whenComplete((binding, failure) -> {
            if (failure != null) {
                result.completeExceptionally(new IllegalStateException("cannot serve the operator API on "
                        + OperatorApi.HOST + ":" + operator.port() + ": " + failure.getMessage(), failure));
            } else {
                operator.onBound().accept(binding.localAddress());
            }
        });
    }

    private static Behavior<Command> running(ActorContext<Command> context, Topology topology, RunSettings settings,
                                             Directory directory, KeyLayer keyLayer,
                                             FaultBook faults, FaultDispatcher dispatcher,
                                             CompletableFuture<RunResult> result) {
        return Behaviors.receive(Command.class)
                .onMessage(ClockFinished.class, finished -> {
                    dispatcher.drain(finished.summary().emulatedPs());
                    Duration timeout = context.getSystem().settings().config()
                            .getDuration("qnetem.clock.statistics-timeout");
                    topology.links().forEach(link -> context.ask(LinkStatistics.class, directory.link(link.id()),
                            timeout, LinkActor.ReportStatistics::new,
                            (statistics, failure) -> statistics != null ? new StatisticsReceived(statistics)
                                    : new StatisticsFailed(link.id(), failure)));
                    return collecting(context, topology, settings, finished.summary(), topology.links().size(), keyLayer,
                            faults, result);
                })
                .onSignal(ChildFailed.class, failed -> fail(result, failed))
                .onSignal(Terminated.class, stopped -> Behaviors.same())
                .build();
    }

    /** Every link's statistics once its blocks are drained, then every KME's report, which counts those blocks. */
    private static Behavior<Command> collecting(ActorContext<Command> context, Topology topology, RunSettings settings,
                                                ClockSummary clock, int expected, KeyLayer keyLayer, FaultBook faults,
                                                CompletableFuture<RunResult> result) {
        Map<String, LinkStatistics> received = new HashMap<>();
        List<LinkStatistics> ordered = new ArrayList<>();
        return Behaviors.receive(Command.class)
                .onMessage(StatisticsReceived.class, got -> {
                    received.put(got.statistics().linkId(), got.statistics());
                    if (received.size() < expected) {
                        return Behaviors.same();
                    }
                    topology.links().forEach(link -> ordered.add(received.get(link.id())));
                    context.pipeToSelf(keyLayer.snapshot(), KmesReported::new);
                    return Behaviors.same();
                })
                .onMessage(KmesReported.class, reported -> {
                    if (reported.failure() != null) {
                        result.completeExceptionally(new IllegalStateException("the KMEs did not report",
                                reported.failure()));
                    } else {
                        result.complete(new RunResult(topology, settings, clock, ordered, reported.kmes(),
                                faults.faults(), faults.events()));
                    }
                    return Behaviors.same();
                })
                .onMessage(StatisticsFailed.class, failed -> {
                    result.completeExceptionally(new IllegalStateException(
                            "link " + failed.linkId() + " did not report its statistics", failed.cause()));
                    return Behaviors.same();
                })
                .onSignal(ChildFailed.class, failed -> fail(result, failed))
                .onSignal(Terminated.class, stopped -> Behaviors.same())
                .build();
    }

    private static Behavior<Command> fail(CompletableFuture<RunResult> result, ChildFailed failed) {
        result.completeExceptionally(new IllegalStateException(
                "actor " + failed.getRef().path().name() + " failed: " + failed.cause().getMessage(), failed.cause()));
        return Behaviors.same();
    }
}
