package org.qnetem.runtime.clock;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    public sealed interface Command permits Start, EpochCompleted, DeadlineReached, Stalled {
    }

    /** Starts the run; {@code replyTo} gets the summary when emulated time reaches the duration. */
    public record Start(ActorRef<ClockSummary> replyTo) implements Command, InternalMessage {
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
    private ActorRef<ClockSummary> replyTo;
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
                .onMessage(Start.class, this::onStart)
                .onMessage(EpochCompleted.class, this::onEpochCompleted)
                .onMessageEquals(DeadlineReached.INSTANCE, this::afterEpoch)
                .onMessageEquals(Stalled.INSTANCE, this::onStalled)
                .build();
    }

    private Behavior<Command> onStart(Start start) {
        if (replyTo != null) {
            throw new IllegalStateException("the emulation clock was started twice");
        }
        replyTo = start.replyTo();
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

    private Behavior<Command> onEpochCompleted(EpochCompleted completed) {
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
