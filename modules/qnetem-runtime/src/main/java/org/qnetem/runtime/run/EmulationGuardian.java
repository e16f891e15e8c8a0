package org.qnetem.runtime.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
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

    private static final String COMPUTE_DISPATCHER = "qnetem.compute-dispatcher";
    private static final Duration STATISTICS_TIMEOUT = Duration.ofSeconds(30);

    private EmulationGuardian() {
    }

    public static Behavior<Command> create(Topology topology, RunSettings settings, ProgressListener progress,
                                           CompletableFuture<RunResult> result) {
        return create(topology, settings, progress, null, result);
    }

    /** {@code operator}: where to serve the operator API while the run goes, or null for none. */
    public static Behavior<Command> create(Topology topology, RunSettings settings, ProgressListener progress,
                                           OperatorSettings operator, CompletableFuture<RunResult> result) {
        return Behaviors.setup(context -> {
            Cluster cluster = Cluster.get(context.getSystem());
            cluster.subscriptions().tell(Subscribe.create(
                    context.messageAdapter(SelfUp.class, ClusterUp::new), SelfUp.class));
            cluster.manager().tell(Join.create(cluster.selfMember().address()));
            return Behaviors.receive(Command.class)
                    .onMessage(ClusterUp.class, up -> start(context, topology, settings, progress, operator, result))
                    .build();
        });
    }

    private static Behavior<Command> start(ActorContext<Command> context, Topology topology, RunSettings settings,
                                           ProgressListener progress, OperatorSettings operator,
                                           CompletableFuture<RunResult> result) {
        AtomicReference<ClockSummary> latestClock = new AtomicReference<>(new ClockSummary(0, 0, 0, 0));
        ProgressListener listener = operator == null ? progress : LiveRun.recording(latestClock, progress);
        Props compute = DispatcherSelector.fromConfig(COMPUTE_DISPATCHER);
        Map<String, ActorRef<NodeActor.Command>> nodes = new LinkedHashMap<>();
        for (NodeSpec node : topology.nodes()) {
            ActorRef<NodeActor.Command> ref = context.spawn(
                    NodeActor.create(node.id(), settings.seed(), settings.clock().durationPs()),
                    "node-" + node.id(), compute);
            context.watch(ref);
            nodes.put(node.id(), ref);
        }
        Map<String, LinkSpec> linkSpecs = new LinkedHashMap<>();
        topology.links().forEach(link -> linkSpecs.put(link.id(), link));
        FaultBook faults = new FaultBook(topology, settings.scenario(), settings.clock().epochPs());
        Map<String, ActorRef<LinkActor.Command>> links = new LinkedHashMap<>();
        Map<String, ActorRef<ClassicalChannel.Command>> channels = new LinkedHashMap<>();
        FaultDispatcher dispatcher = new FaultDispatcher(topology, faults, nodes, links, channels);
        ActorRef<EmulationClock.Command> clock = context.spawn(EmulationClock.create(settings.clock(),
                List.copyOf(nodes.values()), linkSpecs.keySet(), listener, dispatcher::onBoundary), "clock");
        context.watch(clock);
        for (LinkSpec link : topology.links()) {
            ActorRef<NodeActor.Command> transmitter = nodes.get(link.transmitterId());
            ActorRef<NodeActor.Command> receiver = nodes.get(link.receiverId());
            ActorRef<LinkActor.Command> linkActor = context.spawn(
                    LinkActor.create(link, settings.seed(), transmitter, receiver, clock), "link-" + link.id(), compute);
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
        if (operator != null) {
            serveOperatorApi(context, new LiveRun(topology, links, faults, latestClock, context.getSystem().scheduler(),
                    context.getSystem().settings().config().getDuration("qnetem.operator.ask-timeout")), operator,
                    result);
        }
        clock.tell(new EmulationClock.Start(context.messageAdapter(ClockSummary.class, ClockFinished::new)));
        return running(context, topology, settings, links, faults, dispatcher, result);
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
                                             Map<String, ActorRef<LinkActor.Command>> links, FaultBook faults,
                                             FaultDispatcher dispatcher, CompletableFuture<RunResult> result) {
        return Behaviors.receive(Command.class)
                .onMessage(ClockFinished.class, finished -> {
                    dispatcher.drain(finished.summary().emulatedPs());
                    links.forEach((id, link) -> context.ask(LinkStatistics.class, link, STATISTICS_TIMEOUT,
                            LinkActor.ReportStatistics::new,
                            (statistics, failure) -> statistics != null ? new StatisticsReceived(statistics)
                                    : new StatisticsFailed(id, failure)));
                    return collecting(topology, settings, finished.summary(), links.size(), faults, result);
                })
                .onSignal(ChildFailed.class, failed -> fail(result, failed))
                .onSignal(Terminated.class, stopped -> Behaviors.same())
                .build();
    }

    private static Behavior<Command> collecting(Topology topology, RunSettings settings, ClockSummary clock,
                                                int expected, FaultBook faults, CompletableFuture<RunResult> result) {
        Map<String, LinkStatistics> received = new HashMap<>();
        return Behaviors.receive(Command.class)
                .onMessage(StatisticsReceived.class, got -> {
                    received.put(got.statistics().linkId(), got.statistics());
                    if (received.size() < expected) {
                        return Behaviors.same();
                    }
                    List<LinkStatistics> ordered = new ArrayList<>();
                    topology.links().forEach(link -> ordered.add(received.get(link.id())));
                    result.complete(new RunResult(topology, settings, clock, ordered, faults.faults(),
                            faults.events()));
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
