package org.qnetem.runtime.clock;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.qnetem.runtime.node.NodeActor;
import org.qnetem.runtime.serialization.InternalMessage;

/**
 * Advances emulated time in epochs. An epoch starts when every link has sifted all batches of the
 * previous one, so no node runs ahead of another and the result depends only on the seed. In
 * real-time mode an epoch also ends no earlier than its end time on the wall clock (divided by the
 * speed), and how far the emulation fell behind the wall clock is measured.
 */
public final class EmulationClock extends AbstractBehavior<EmulationClock.Command> {

    public sealed interface Command permits Start, EpochCompleted, LinksLost, DeadlineReached, Stalled {
    }

    /**
     * What the clock tells whoever started it, once: its summary when emulated time reached the duration, or why
     * it failed. A failure is told rather than thrown because in a cluster run the clock is a cluster singleton,
     * nobody's child, so no one would see it stop.
     */
    public sealed interface Outcome permits ClockSummary, Failed {
    }

    /** The clock stopped before the end of the run: {@code reason} says why (e.g. no epoch completed in time). */
    public record Failed(String reason) implements Outcome, InternalMessage {
    }

    /**
     * These links lost an end or their observer with a cluster member: the current epoch no longer waits for
     * them, and what they report late about it or earlier epochs is ignored.
     */
    public record LinksLost(String[] linkIds) implements Command, InternalMessage {
        public LinksLost {
            linkIds = linkIds.clone();
        }

        @Override
        public String[] linkIds() {
            return linkIds.clone();
        }
    }

    /**
     * Starts the run; {@code replyTo} gets the summary when emulated time reaches the duration, or {@link Failed}
     * if the clock fails first.
     */
    public record Start(ActorRef<Outcome> replyTo) implements Command, InternalMessage {
    }

    public record EpochCompleted(String linkId, long epoch) implements Command, InternalMessage {
    }

    /** In real-time mode, the wall clock reached the end of the epoch just sifted. */
    private enum DeadlineReached implements Command {
        INSTANCE
    }

    /** No epoch completed within the stall timeout. */
    private enum Stalled implements Command {
        INSTANCE
    }

    private final ClockSettings settings;
    private final List<RecipientRef<NodeActor.Command>> nodes;
    private final Set<String> links;
    private final ProgressListener progress;
    private final BoundaryListener boundaries;
    private final TimerScheduler<Command> timers;
    private final Duration stallTimeout;
    private final Set<String> linksPending = new HashSet<>();
    /** Per lost link, the last epoch it was excused from. */
    private final Map<String, Long> excused = new HashMap<>();
    private ActorRef<Outcome> replyTo;
    /** Why the clock first failed before it was started, told to whoever starts it. */
    private String failedBeforeStart;
    private long startNanos;
    private long epoch = -1;
    private long maxLagNanos;

    /**
     * Told of each epoch boundary before any node hears of the epoch, in the clock's own thread: whatever it
     * sends the link and node actors then reaches them before the epoch's batches do.
     */
    @FunctionalInterface
    public interface BoundaryListener {
        BoundaryListener NONE = boundaryPs -> { };

        void onBoundary(long boundaryPs);
    }

    public static Behavior<Command> create(ClockSettings settings, List<? extends RecipientRef<NodeActor.Command>> nodes,
                                           Set<String> links, ProgressListener progress) {
        return create(settings, nodes, links, progress, BoundaryListener.NONE);
    }

    public static Behavior<Command> create(ClockSettings settings, List<? extends RecipientRef<NodeActor.Command>> nodes,
                                           Set<String> links, ProgressListener progress,
                                           BoundaryListener boundaries) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers ->
                new EmulationClock(context, timers, settings, nodes, links, progress, boundaries)));
    }

    private EmulationClock(ActorContext<Command> context, TimerScheduler<Command> timers, ClockSettings settings,
                           List<? extends RecipientRef<NodeActor.Command>> nodes, Set<String> links, ProgressListener progress,
                           BoundaryListener boundaries) {
        super(context);
        this.timers = timers;
        this.settings = settings;
        this.nodes = List.copyOf(nodes);
        this.links = Set.copyOf(links);
        this.progress = progress;
        this.boundaries = boundaries;
        this.stallTimeout = context.getSystem().settings().config().getDuration("qnetem.clock.stall-timeout");
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Start.class, start -> reporting(() -> onStart(start)))
                .onMessage(EpochCompleted.class, completed -> reporting(() -> onEpochCompleted(completed)))
                .onMessage(LinksLost.class, lost -> reporting(() -> onLinksLost(lost)))
                .onMessageEquals(DeadlineReached.INSTANCE, () -> reporting(this::afterEpoch))
                .onMessageEquals(Stalled.INSTANCE, () -> reporting(this::onStalled))
                .build();
    }

    /**
     * Takes one step; if it throws (the clock's own checks, or a boundary or progress listener), tells whoever
     * started the clock why and stops, or, if no one has yet, keeps the reason for whoever does.
     */
    private Behavior<Command> reporting(Supplier<Behavior<Command>> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            getContext().getLog().error("the emulation clock failed", e);
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            if (replyTo == null) {
                failedBeforeStart = failedBeforeStart == null ? reason : failedBeforeStart;
                return this;
            }
            replyTo.tell(new Failed(reason));
            return Behaviors.stopped();
        }
    }

    private Behavior<Command> onStart(Start start) {
        if (replyTo != null) {
            throw new IllegalStateException("the emulation clock was started twice");
        }
        replyTo = start.replyTo();
        if (failedBeforeStart != null) {
            throw new IllegalStateException("before it was started: " + failedBeforeStart);
        }
        startNanos = System.nanoTime();
        return beginEpoch();
    }

    private Behavior<Command> beginEpoch() {
        epoch++;
        linksPending.addAll(links);
        timers.startSingleTimer(Stalled.INSTANCE, Stalled.INSTANCE, stallTimeout);
        boundaries.onBoundary(epoch * settings.epochPs());
        for (RecipientRef<NodeActor.Command> node : nodes) {
            node.tell(new NodeActor.AdvanceTo(epoch, epochEndPs()));
        }
        if (links.isEmpty()) {
            return finishEpoch();
        }
        return this;
    }

    private Behavior<Command> onLinksLost(LinksLost lost) {
        boolean waitedFor = false;
        for (String link : lost.linkIds()) {
            excused.put(link, epoch);
            waitedFor |= linksPending.remove(link);
        }
        return waitedFor && linksPending.isEmpty() ? finishEpoch() : this;
    }

    private Behavior<Command> onEpochCompleted(EpochCompleted completed) {
        if (completed.epoch() <= excused.getOrDefault(completed.linkId(), -1L)) {
            return this;
        }
        if (completed.epoch() != epoch || !linksPending.remove(completed.linkId())) {
            throw new IllegalStateException("unexpected completion of epoch " + completed.epoch() + " by link "
                    + completed.linkId() + " during epoch " + epoch);
        }
        return linksPending.isEmpty() ? finishEpoch() : this;
    }

    private Behavior<Command> onStalled() {
        throw new IllegalStateException("no epoch completed within " + stallTimeout.toSeconds()
                + " s of wall time: epoch " + epoch + " still waits for links " + linksPending
                + "; a message was probably lost (see the log above)");
    }

    private Behavior<Command> finishEpoch() {
        timers.cancel(Stalled.INSTANCE);
        long now = System.nanoTime();
        if (settings.mode() == ClockMode.REALTIME) {
            long untilDeadline = wallDeadline(epochEndPs()) - now;
            maxLagNanos = Math.max(maxLagNanos, -untilDeadline);
            if (untilDeadline > 0) {
                timers.startSingleTimer(DeadlineReached.INSTANCE, Duration.ofNanos(untilDeadline));
                return this;
            }
        }
        return afterEpoch();
    }

    private Behavior<Command> afterEpoch() {
        long emulatedPs = epochEndPs();
        ClockSummary soFar = new ClockSummary(epoch + 1, emulatedPs, System.nanoTime() - startNanos, maxLagNanos);
        progress.onEpoch(soFar, settings.durationPs());
        if (emulatedPs >= settings.durationPs()) {
            replyTo.tell(soFar);
            return Behaviors.stopped();
        }
        return beginEpoch();
    }

    private long epochEndPs() {
        return Math.min(settings.durationPs(), (epoch + 1) * settings.epochPs());
    }

    /** The wall-clock instant (System.nanoTime) at which emulated time {@code emulatedPs} is due. */
    private long wallDeadline(long emulatedPs) {
        return startNanos + Math.round(emulatedPs / 1e3 / settings.speed());
    }
}
