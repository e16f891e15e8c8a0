package org.qnetem.runtime.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.SelfUp;
import org.apache.pekko.cluster.typed.Subscribe;
import org.apache.pekko.japi.function.Function2;
import org.qnetem.runtime.clock.ClockSummary;
import org.qnetem.runtime.clock.EmulationClock;
import org.qnetem.runtime.clock.ProgressListener;
import org.qnetem.runtime.cluster.ClusterSummary;
import org.qnetem.runtime.entity.Located;
import org.qnetem.runtime.entity.RunDirectory;
import org.qnetem.runtime.entity.RunEntities;
import org.qnetem.runtime.fault.FaultBook;
import org.qnetem.runtime.kms.EtsiEndpoints;
import org.qnetem.runtime.kms.KeyLayer;
import org.qnetem.runtime.kms.KmeActor;
import org.qnetem.runtime.kms.KmeReport;
import org.qnetem.runtime.link.LinkActor;
import org.qnetem.runtime.link.LinkStatistics;
import org.qnetem.runtime.node.NodeActor;
import org.qnetem.runtime.operator.LiveRun;
import org.qnetem.runtime.operator.OperatorApi;
import org.qnetem.runtime.operator.OperatorSettings;
import org.qnetem.runtime.topology.LinkSpec;
import org.qnetem.runtime.topology.Topology;

/**
 * Root of a run: joins the run's cluster, places nodes, links, channels and KMEs ({@link Placement}: on this
 * JVM or sharded over a cluster's members), starts the clock, collects every link's statistics and every
 * KME's report at the end and completes the run's result. If any actor fails, the run fails with its cause
 * instead of hanging.
 */
public final class EmulationGuardian {

    interface Command {
    }

    private record ClusterUp(SelfUp event) implements Command {
    }

    private record Ready(Throwable failure) implements Command {
    }

    private enum JoinTimedOut implements Command {
        INSTANCE
    }

    private record Prepared(Throwable failure) implements Command {
    }

    private record ClockFinished(ClockSummary summary) implements Command {
    }

    private record ClockFailed(String reason) implements Command {
    }

    private record StatisticsReceived(LinkStatistics statistics) implements Command {
    }

    private record StatisticsFailed(String linkId, Throwable cause) implements Command {
    }

    private record KmesReported(List<KmeReport> kmes, Throwable failure) implements Command {
    }

    private record MemberGone(ClusterEvent.MemberRemoved removed) implements Command {
    }

    /** Tell the nodes started afresh after a member was lost of the epoch again (see {@link #onMemberGone}). */
    private enum NudgeLost implements Command {
        INSTANCE
    }

    /** An entity lost with a member answered where sharding placed it; null: it did not answer in time. */
    private record EntityLocated(String entity) implements Command {
    }

    private record PlacementFinished(Optional<ClusterSummary> cluster, Throwable failure) implements Command {
    }

    /**
     * What the run is asked to do. {@code operator}: where to serve the operator API while the run goes, or
     * null for none; {@code etsi}: the KMEs' ETSI GS QKD 014 endpoints to serve, or null for none.
     * {@code onStarted} is given the run's live view once every actor is placed, just before the clock starts
     * (on the guardian's thread, so it must be quick).
     */
    public record Request(Topology topology, RunSettings settings, ProgressListener progress, OperatorSettings operator,
                          EtsiEndpoints etsi, Consumer<LiveRun> onStarted, Placement placement) {
    }

    private static final Duration NUDGE_INTERVAL = Duration.ofSeconds(1);

    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final Request request;
    private final Topology topology;
    private final CompletableFuture<RunResult> result;
    private final AtomicReference<ClockSummary> latestClock = new AtomicReference<>(new ClockSummary(0, 0, 0, 0));
    private FaultBook faults;
    private RunDirectory directory;
    private KeyLayer keyLayer;
    private FaultDispatcher dispatcher;
    private ActorRef<EmulationClock.Command> clock;
    private final List<MemberLoss> lost = new ArrayList<>();
    private final Set<String> lostNodes = new LinkedHashSet<>();
    /**
     * Losses whose links have not started a new life yet, with their entities (nodes, KMEs, link observers) that
     * have not answered yet.
     */
    private final Map<MemberLoss, Set<String>> unlocated = new LinkedHashMap<>();
    /** When (System.nanoTime) each loss still unlocated was noticed. */
    private final Map<MemberLoss, Long> noticedNanos = new HashMap<>();

    private EmulationGuardian(ActorContext<Command> context, TimerScheduler<Command> timers, Request request,
                              CompletableFuture<RunResult> result) {
        this.context = context;
        this.timers = timers;
        this.request = request;
        this.topology = request.topology();
        this.result = result;
    }

    public static Behavior<Command> create(Topology topology, RunSettings settings, ProgressListener progress,
                                           CompletableFuture<RunResult> result) {
        return create(new Request(topology, settings, progress, null, null, live -> { }, new LocalPlacement()),
                result);
    }

    public static Behavior<Command> create(Request request, CompletableFuture<RunResult> result) {
        // Self-messages go through timers: a plain tell to itself would be serialized in tests.
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            Cluster cluster = Cluster.get(context.getSystem());
            cluster.subscriptions().tell(Subscribe.create(
                    context.messageAdapter(SelfUp.class, ClusterUp::new), SelfUp.class));
            request.placement().join(context.getSystem());
            return new EmulationGuardian(context, timers, request, result).joining();
        }));
    }

    private Behavior<Command> joining() {
        Duration timeout = context.getSystem().settings().config().getDuration("qnetem.cluster.member-timeout");
        timers.startSingleTimer(JoinTimedOut.INSTANCE, timeout);
        return Behaviors.receive(Command.class)
                .onMessageEquals(JoinTimedOut.INSTANCE, () -> failed(
                        new IllegalStateException("could not join the cluster within qnetem.cluster.member-timeout ("
                                + timeout.toSeconds() + " s): are the seed nodes running and reachable?")))
                .onMessage(ClusterUp.class, up -> {
                    timers.cancel(JoinTimedOut.INSTANCE);
                    context.pipeToSelf(request.placement().ready(context.getSystem()),
                            (done, failure) -> new Ready(failure));
                    return Behaviors.same();
                })
                .onMessage(Ready.class, ready -> ready.failure() != null ? failed(ready.failure()) : place())
                .build();
    }

    /** Places the entities and starts the clock, then has every member prepared before the clock starts. */
    private Behavior<Command> place() {
        RunSettings settings = request.settings();
        faults = new FaultBook(topology, settings.scenario(), settings.clock().epochPs());
        RunEntities entities = new RunEntities(topology, settings.seed(), settings.clock().durationPs(), faults,
                context.getSystem().settings().config().getDuration("qnetem.kms.tick"));
        directory = request.placement().place(context, entities);
        keyLayer = new KeyLayer(topology, directory, context.getSystem(),
                context.getSystem().settings().config().getDuration("qnetem.kms.ask-timeout"),
                () -> latestClock.get().emulatedPs());
        dispatcher = new FaultDispatcher(topology, settings.clock(), faults, directory, keyLayer,
                member -> request.placement().kill(context.getSystem(), member));
        List<RecipientRef<NodeActor.Command>> nodes = topology.nodes().stream()
                .map(node -> directory.node(node.id())).toList();
        Set<String> linkIds = topology.links().stream().map(LinkSpec::id).collect(Collectors.toSet());
        clock = request.placement().startClock(context, EmulationClock.create(settings.clock(), nodes, linkIds,
                LiveRun.recording(latestClock, request.progress()), dispatcher::onBoundary));
        directory.setClock(clock);
        context.pipeToSelf(request.placement().prepare(context.getSystem()), (done, failure) -> new Prepared(failure));
        return Behaviors.receive(Command.class)
                .onMessage(Prepared.class, prepared -> prepared.failure() != null ? failed(prepared.failure())
                        : start())
                .onSignal(ChildFailed.class, this::onChildFailed)
                .build();
    }

    private Behavior<Command> start() {
        LiveRun live = new LiveRun(topology, directory, keyLayer, faults, latestClock, context.getSystem().scheduler(),
                context.getSystem().settings().config().getDuration("qnetem.operator.ask-timeout"));
        if (request.operator() != null) {
            serveOperatorApi(live, request.operator());
        }
        if (request.etsi() != null) {
            // An endpoint that cannot be bound fails the run rather than leaving its SAEs without keys.
            request.etsi().serve(context.getSystem(), keyLayer).whenComplete((done, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(failure instanceof CompletionException ? failure.getCause() : failure);
                }
            });
        }
        request.onStarted().accept(live);
        Cluster.get(context.getSystem()).subscriptions().tell(Subscribe.create(
                context.messageAdapter(ClusterEvent.MemberRemoved.class, MemberGone::new),
                ClusterEvent.MemberRemoved.class));
        clock.tell(new EmulationClock.Start(context.messageAdapter(EmulationClock.Outcome.class,
                outcome -> outcome instanceof ClockSummary summary ? new ClockFinished(summary)
                        : new ClockFailed(((EmulationClock.Failed) outcome).reason()))));
        return running();
    }

    /** A port that cannot be bound fails the run rather than leaving it without the API it was asked for. */
    private void serveOperatorApi(LiveRun run, OperatorSettings operator) {
        OperatorApi.bind(context.getSystem(), run, operator.port()).whenComplete((binding, failure) -> {
            if (failure != null) {
                result.completeExceptionally(new IllegalStateException("cannot serve the operator API on "
                        + OperatorApi.HOST + ":" + operator.port() + ": " + failure.getMessage(), failure));
            } else {
                operator.onBound().accept(binding.localAddress());
            }
        });
    }

    private Behavior<Command> running() {
        return Behaviors.receive(Command.class)
                .onMessage(ClockFinished.class, finished -> {
                    timers.cancel(NudgeLost.INSTANCE);
                    dispatcher.drain(finished.summary().emulatedPs());
                    // A link whose blocks do not settle within the statistics timeout fails itself, naming
                    // them (the run then fails with that cause); this ask's own, longer timeout only catches
                    // a link that does not answer at all.
                    Duration timeout = context.getSystem().settings().config()
                            .getDuration("qnetem.clock.statistics-timeout").multipliedBy(2);
                    topology.links().forEach(link -> context.ask(LinkStatistics.class, directory.link(link.id()),
                            timeout, LinkActor.ReportStatistics::new,
                            (statistics, failure) -> statistics != null ? new StatisticsReceived(statistics)
                                    : new StatisticsFailed(link.id(), failure)));
                    return collecting(finished.summary());
                })
                .onMessage(ClockFailed.class, failed -> failed(new IllegalStateException(
                        "the emulation clock failed: " + failed.reason())))
                .onMessage(MemberGone.class, this::onMemberGone)
                .onMessageEquals(NudgeLost.INSTANCE, this::nudgeLost)
                .onMessage(EntityLocated.class, this::onEntityLocated)
                .onSignal(ChildFailed.class, this::onChildFailed)
                .onSignal(Terminated.class, stopped -> Behaviors.same())
                .build();
    }

    /**
     * Every link's statistics once its blocks are drained, then every KME's report (which counts those
     * blocks), then what the placement reports.
     */
    private Behavior<Command> collecting(ClockSummary clockSummary) {
        Map<String, LinkStatistics> received = new HashMap<>();
        List<LinkStatistics> ordered = new ArrayList<>();
        List<KmeReport> kmes = new ArrayList<>();
        return Behaviors.receive(Command.class)
                .onMessage(StatisticsReceived.class, got -> {
                    received.put(got.statistics().linkId(), got.statistics());
                    if (received.size() == topology.links().size()) {
                        topology.links().forEach(link -> ordered.add(received.get(link.id())));
                        context.pipeToSelf(keyLayer.snapshot(), KmesReported::new);
                    }
                    return Behaviors.same();
                })
                .onMessage(KmesReported.class, reported -> {
                    if (reported.failure() != null) {
                        return failed(new IllegalStateException("the KMEs did not report", reported.failure()));
                    }
                    kmes.addAll(reported.kmes());
                    context.pipeToSelf(request.placement().finish(context.getSystem()), PlacementFinished::new);
                    return Behaviors.same();
                })
                .onMessage(PlacementFinished.class, finished -> {
                    if (finished.failure() != null) {
                        return failed(new IllegalStateException("the cluster's members did not report",
                                finished.failure()));
                    }
                    result.complete(new RunResult(topology, request.settings(), clockSummary, ordered, kmes,
                            faults.faults(), faults.events(), keyLayer.served(), finished.cluster(), lost));
                    return Behaviors.same();
                })
                .onMessage(MemberGone.class, this::onMemberGone)
                .onMessage(StatisticsFailed.class, failed -> failed(new IllegalStateException(
                        "link " + failed.linkId() + " did not report its statistics", failed.cause())))
                .onSignal(ChildFailed.class, this::onChildFailed)
                .onSignal(Terminated.class, stopped -> Behaviors.same())
                .build();
    }

    /**
     * A member died with some of the run's entities, which sharding starts afresh on the members left: the clock
     * stops waiting for the links they touch, which stop for good at the next boundary.
     */
    private Behavior<Command> onMemberGone(MemberGone gone) {
        String member = gone.removed().member().address().toString();
        request.placement().lost(member).ifPresent(found -> {
            MemberLoss loss = found.noticedAt(latestClock.get().emulatedPs());
            context.getLog().warn("member {} was removed with regions {} (nodes {}); their links stop", member,
                    loss.regions(), loss.nodes());
            lost.add(loss);
            String[] links = topology.links().stream().filter(loss::affects).map(LinkSpec::id)
                    .toArray(String[]::new);
            clock.tell(new EmulationClock.LinksLost(links));
            dispatcher.memberLost(loss);
            lostNodes.addAll(loss.nodes());
            Set<String> entities = new LinkedHashSet<>();
            loss.nodes().forEach(node -> entities.addAll(List.of("node " + node, "kme " + node)));
            loss.links().forEach(link -> entities.add("link " + link));
            unlocated.put(loss, entities);
            noticedNanos.put(loss, System.nanoTime());
            nudgeLost();
            timers.startTimerWithFixedDelay(NudgeLost.INSTANCE, NUDGE_INTERVAL);
        });
        return Behaviors.same();
    }

    /**
     * Until the shards of a dead member are placed again, what the clock tells their nodes may still go to the
     * dead member and be lost; so the nodes started afresh are told the current epoch again every second (a
     * node ignores an epoch it has already had), and they, their KMEs and the link observers that went with them
     * are asked where they are until each has answered. An answer also says that what the coordinator sent the
     * entity before (the loss's stops and write-offs) has reached it; then the links the loss stopped start a
     * new life at the next boundary, and what their ends send each other of it comes after.
     */
    private Behavior<Command> nudgeLost() {
        ClockSummary now = latestClock.get();
        long epochPs = request.settings().clock().epochPs();
        long endPs = Math.min(request.settings().clock().durationPs(), (now.epochs() + 1) * epochPs);
        lostNodes.forEach(node -> directory.node(node).tell(new NodeActor.AdvanceTo(now.epochs(), endPs)));
        unlocated.values().stream().flatMap(Set::stream).distinct().forEach(this::locate);
        return Behaviors.same();
    }

    private void locate(String entity) {
        String id = entity.substring(entity.indexOf(' ') + 1);
        Function2<Located, Throwable, Command> answered =
                (located, failure) -> new EntityLocated(located == null ? null : located.entity());
        switch (entity.substring(0, entity.indexOf(' '))) {
            case "node" -> context.ask(Located.class, directory.node(id), NUDGE_INTERVAL, NodeActor.Locate::new,
                    answered);
            case "kme" -> context.ask(Located.class, directory.kme(id), NUDGE_INTERVAL, KmeActor.Locate::new,
                    answered);
            case "link" -> context.ask(Located.class, directory.link(id), NUDGE_INTERVAL, LinkActor.Locate::new,
                    answered);
            default -> throw new IllegalArgumentException("no entity kind in " + entity);
        }
    }

    private Behavior<Command> onEntityLocated(EntityLocated located) {
        if (located.entity() == null) {
            return Behaviors.same(); // asked again at the next nudge
        }
        unlocated.entrySet().removeIf(entry -> {
            entry.getValue().remove(located.entity());
            if (!entry.getValue().isEmpty()) {
                return false;
            }
            double wallSeconds = (System.nanoTime() - noticedNanos.remove(entry.getKey())) / 1e9;
            context.getLog().info("the entities lost with member {} run again {} s after its removal: their links"
                    + " start a new life", entry.getKey().member(), String.format(Locale.ROOT, "%.1f", wallSeconds));
            dispatcher.renewLinks(entry.getKey(), wallSeconds);
            return true;
        });
        return Behaviors.same();
    }

    private Behavior<Command> onChildFailed(ChildFailed failed) {
        return failed(new IllegalStateException("actor " + failed.getRef().path().name() + " failed: "
                + failed.cause().getMessage(), failed.cause()));
    }

    private Behavior<Command> failed(Throwable cause) {
        result.completeExceptionally(cause instanceof CompletionException && cause.getCause() != null
                ? cause.getCause() : cause);
        return Behaviors.same();
    }
}
