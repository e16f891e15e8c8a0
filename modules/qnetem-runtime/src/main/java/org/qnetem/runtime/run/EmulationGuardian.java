package org.qnetem.runtime.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
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
import org.qnetem.runtime.kms.EtsiEndpoints;
import org.qnetem.runtime.kms.KeyLayer;
import org.qnetem.runtime.kms.KmeActor;
import org.qnetem.runtime.kms.KmeReport;
import org.qnetem.runtime.fault.FaultBook;
import org.qnetem.runtime.link.ClassicalChannel;
import org.qnetem.runtime.link.LinkActor;
import org.qnetem.runtime.link.LinkRole;
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
        Props compute = DispatcherSelector.fromConfig(COMPUTE_DISPATCHER);
        Map<String, ActorRef<KmeActor.Command>> kmes = spawnKmes(context, topology, settings);
        KeyLayer keyLayer = new KeyLayer(topology, kmes, context.getSystem().scheduler(),
                context.getSystem().settings().config().getDuration("qnetem.kms.ask-timeout"));
        Map<String, ActorRef<NodeActor.Command>> nodes = new LinkedHashMap<>();
        for (NodeSpec node : topology.nodes()) {
            ActorRef<NodeActor.Command> ref = context.spawn(
                    NodeActor.create(node.id(), settings.seed(), settings.clock().durationPs(), kmes.get(node.id())),
                    "node-" + node.id(), compute);
            context.watch(ref);
            nodes.put(node.id(), ref);
        }
        Map<String, LinkSpec> linkSpecs = new LinkedHashMap<>();
        topology.links().forEach(link -> linkSpecs.put(link.id(), link));
        FaultBook faults = new FaultBook(topology, settings.scenario(), settings.clock().epochPs());
        Map<String, ActorRef<LinkActor.Command>> links = new LinkedHashMap<>();
        Map<String, ActorRef<ClassicalChannel.Command>> channels = new LinkedHashMap<>();
        FaultDispatcher dispatcher = new FaultDispatcher(topology, faults, nodes, links, channels, keyLayer);
        ActorRef<EmulationClock.Command> clock = context.spawn(EmulationClock.create(settings.clock(),
                List.copyOf(nodes.values()), linkSpecs.keySet(), listener, dispatcher::onBoundary), "clock");
        context.watch(clock);
        for (LinkSpec link : topology.links()) {
            ActorRef<NodeActor.Command> transmitter = nodes.get(link.transmitterId());
            ActorRef<NodeActor.Command> receiver = nodes.get(link.receiverId());
            ActorRef<LinkActor.Command> linkActor = context.spawn(
                    LinkActor.create(link, settings.seed(), transmitter, receiver, clock, kmes.get(link.transmitterId()),
                            kmes.get(link.receiverId())), "link-" + link.id(), compute);
            ActorRef<ClassicalChannel.Command> channel = context.spawn(ClassicalChannel.create(link.id(),
                    link.fibre().delayPs(), settings.seed(), Map.of(link.transmitterId(), transmitter,
                            link.receiverId(), receiver), linkActor, faults.classicalTimeline(link.id())),
                    "classical-" + link.id());
            channels.put(link.id(), channel);
            context.watch(linkActor);
            context.watch(channel);
            transmitter.tell(new NodeActor.AttachLink(link, LinkRole.TRANSMITTER, linkActor, channel));
            receiver.tell(new NodeActor.AttachLink(link, LinkRole.RECEIVER, linkActor, channel));
            links.put(link.id(), linkActor);
        }
        LiveRun live = new LiveRun(topology, links, keyLayer, faults, latestClock, context.getSystem().scheduler(),
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
        return running(context, topology, settings, links, keyLayer, faults, dispatcher, result);
    }

    /** A KME per node, each told of every other (neighbours relay; all exchange pool levels). */
    private static Map<String, ActorRef<KmeActor.Command>> spawnKmes(ActorContext<Command> context, Topology topology,
                                                                      RunSettings settings) {
        Map<String, String> saeKmes = new HashMap<>();
        topology.saes().forEach(sae -> saeKmes.put(sae.id(), sae.node()));
        Duration tick = context.getSystem().settings().config().getDuration("qnetem.kms.tick");
        Map<String, ActorRef<KmeActor.Command>> kmes = new LinkedHashMap<>();
        for (NodeSpec node : topology.nodes()) {
            Map<String, String> linkPeers = new LinkedHashMap<>();
            for (LinkSpec link : topology.links()) {
                if (link.transmitterId().equals(node.id())) {
                    linkPeers.put(link.id(), link.receiverId());
                } else if (link.receiverId().equals(node.id())) {
                    linkPeers.put(link.id(), link.transmitterId());
                }
            }
            ActorRef<KmeActor.Command> kme = context.spawn(KmeActor.create(node.id(), topology.keyManagement(),
                    saeKmes, linkPeers, settings.seed(), tick), "kme-" + node.id());
            context.watch(kme);
            kmes.put(node.id(), kme);
        }
        kmes.forEach((id, kme) -> kmes.forEach((otherId, other) -> {
            if (!otherId.equals(id)) {
                kme.tell(new KmeActor.AddPeer(otherId, other));
            }
        }));
        return kmes;
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
                                             Map<String, ActorRef<LinkActor.Command>> links, KeyLayer keyLayer,
                                             FaultBook faults, FaultDispatcher dispatcher,
                                             CompletableFuture<RunResult> result) {
        return Behaviors.receive(Command.class)
                .onMessage(ClockFinished.class, finished -> {
                    dispatcher.drain(finished.summary().emulatedPs());
                    // A link whose blocks do not settle within the statistics timeout fails itself, naming
                    // them (the run then fails with that cause); this ask's own, longer timeout only catches
                    // a link that does not answer at all.
                    Duration timeout = context.getSystem().settings().config()
                            .getDuration("qnetem.clock.statistics-timeout").multipliedBy(2);
                    links.forEach((id, link) -> context.ask(LinkStatistics.class, link, timeout,
                            LinkActor.ReportStatistics::new,
                            (statistics, failure) -> statistics != null ? new StatisticsReceived(statistics)
                                    : new StatisticsFailed(id, failure)));
                    return collecting(context, topology, settings, finished.summary(), links.size(), keyLayer,
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
