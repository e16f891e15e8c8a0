package org.qnetem.runtime.link;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.qnetem.physics.batch.Bbm92Expectation;
import org.qnetem.physics.batch.PhotonBatch;
import org.qnetem.physics.batch.StatisticalCounts;
import org.qnetem.physics.model.Bb84Expectation;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.qkd.protocol.BlockOutcome;
import org.qnetem.qkd.protocol.Incarnation;
import org.qnetem.qkd.protocol.KeyBlock;
import org.qnetem.qkd.sifting.SiftedBlock;
import org.qnetem.runtime.clock.EmulationClock;
import org.qnetem.runtime.entity.Directory;
import org.qnetem.runtime.entity.Located;
import org.qnetem.runtime.kms.KmeActor;
import org.qnetem.runtime.fault.BlockTruth;
import org.qnetem.runtime.fault.Event;
import org.qnetem.runtime.fault.LinkConditions;
import org.qnetem.runtime.fault.LinkObservations;
import org.qnetem.runtime.fault.LinkWatch;
import org.qnetem.runtime.fault.ScheduledFault;
import org.qnetem.runtime.node.NodeActor;
import org.qnetem.runtime.serialization.InternalMessage;
import org.qnetem.runtime.serialization.WireMessage;
import org.qnetem.runtime.topology.Fidelity;
import org.qnetem.runtime.topology.LinkSpec;

/**
 * The quantum channel of one link: turns the source's batches into the receivers' detections with the
 * channel and detector physics ({@link LinkChannel}): Bob's for decoy BB84, both ends' for BBM92. As the emulator's observer of the link it also compares the two
 * ends' sifted bits batch by batch and their key blocks block by block, and tells the clock when an
 * epoch's batches are all sifted.
 *
 * <p>A link at statistical fidelity ({@link StatisticalLink}) lives here alone: each batch's counts are
 * drawn as it arrives, the batch counts as compared at once, and the key blocks it closes are recorded
 * for both ends with the same key, with no detections delivered and no classical message exchanged.
 */
public final class LinkActor extends AbstractBehavior<LinkActor.Command> {

    /** Purpose name of the stream the channel and Bob's detectors draw from. */
    public static final String CHANNEL_PURPOSE = "channel";

    public sealed interface Command permits Transmit, EpochEmitted, RecordSifted, RecordDiscarded, RecordBlockOpened,
            RecordBlock, ReportStatistics, SnapshotStatistics, SetFaults, SetStopped, RecordDeferred,
            ClassicalFaultCleared, EndsLost, StatisticsOverdue, Restart, Locate {
    }

    /** Answered with {@code "link <id>"}: the link runs where its shard lives now. */
    public record Locate(ActorRef<Located> replyTo) implements Command, InternalMessage {
    }

    /**
     * From epoch boundary {@code timePs} the link lives its life {@code life} (see {@link Incarnation}) from batch
     * {@code firstBatch}, with fresh engines at both ends, after an end's state was lost ({@code reason}): the
     * batches before it are closed, blocks of earlier lives are no longer waited for, both ends report again.
     * At statistical fidelity, where this actor gives both KMEs the link's key, it first has their pool start
     * again ({@link KmeActor.RenewPool}, up for relays if {@code keyLayerUp}). Repeats of a life are ignored.
     */
    public record Restart(int life, long firstBatch, long timePs, String reason, boolean keyLayerUp)
            implements Command, InternalMessage {
    }

    /**
     * At {@code timePs} the state of these ends was lost with their cluster member: their blocks in flight are
     * written off, and they never report again.
     */
    public record EndsLost(LinkRole[] roles, long timePs, String reason) implements Command, InternalMessage {
        public EndsLost {
            roles = roles.clone();
        }

        @Override
        public LinkRole[] roles() {
            return roles.clone();
        }
    }

    /** A fault of the link's classical channel cleared: the next clean delivered block is its recovery. */
    public enum ClassicalFaultCleared implements Command, InternalMessage {
        INSTANCE
    }

    /** From {@code timePs} the link is stopped (a node at either end crashed), or runs again. */
    public record SetStopped(boolean stopped, long timePs, String reason) implements Command, InternalMessage {
    }

    /**
     * A sifting message of batch {@code batchSequence} is held by a classical partition: the batch will be
     * sifted when it heals, and emulated time must not wait for it meanwhile.
     */
    public record RecordDeferred(long batchSequence) implements Command, InternalMessage {
    }

    /**
     * From emulated time {@code timePs} on (an epoch boundary, before any batch of that epoch), the link's
     * active quantum faults are {@code active}; {@code cleared} says a fault on the link has just cleared.
     */
    public record SetFaults(long timePs, ScheduledFault[] active, boolean cleared) implements Command, InternalMessage {
        public SetFaults {
            active = active.clone();
        }

        @Override
        public ScheduledFault[] active() {
            return active.clone();
        }
    }

    /** The source puts a batch of pulses (decoy BB84) or pump pulses / coincidence windows (BBM92) into the fibre. */
    public record Transmit(PhotonBatch batch) implements Command, WireMessage {
    }

    /** The transmitter emitted every batch of an epoch; the last has sequence {@code lastSequence} (-1: none yet). */
    public record EpochEmitted(long epoch, long lastSequence) implements Command, InternalMessage {
    }

    /** One end's sifted bits of a batch, reported to the observer. */
    public record RecordSifted(LinkRole role, SiftedBlock block) implements Command, InternalMessage {
    }

    /** One end discarded a batch (its sifting failed authentication): neither end will sift it. */
    public record RecordDiscarded(long batchSequence) implements Command, InternalMessage {
    }

    /** Bob's end closed a key block for post-processing. */
    public record RecordBlockOpened(long blockId) implements Command, InternalMessage {
    }

    /** One end finished a key block. */
    public record RecordBlock(BlockRecord record) implements Command, InternalMessage {
    }

    /**
     * Answered once no key block is in flight, so that the statistics count every block the run opened. If
     * blocks are still in flight {@code qnetem.clock.statistics-timeout} later, the link fails, naming them.
     */
    public record ReportStatistics(ActorRef<LinkStatistics> replyTo) implements Command, InternalMessage {
    }

    /**
     * Answered at once with the statistics so far, key blocks in flight left out: for live views such as
     * the operator API, which must not wait for the run's end.
     */
    public record SnapshotStatistics(ActorRef<LinkStatistics> replyTo) implements Command, InternalMessage {
    }

    private record PendingEpoch(long epoch, long lastSequence) {
    }

    /** The statistics were asked for {@link #statisticsTimeout} ago and blocks are still in flight. */
    private enum StatisticsOverdue implements Command {
        INSTANCE
    }

    /** Key of the timer that runs while statistics are awaited. */
    private static final String STATISTICS_TIMER = "statistics";

    private final LinkSpec spec;
    private LinkChannel channel;
    private final StatisticalLink statistical;
    private final StreamKey channelKeys;
    private int life;
    private final Directory directory;
    private final boolean kmesKeepKey;
    private final Map<Long, SiftedBlock> transmitterHalves = new HashMap<>();
    private final Map<Long, SiftedBlock> receiverHalves = new HashMap<>();
    private final ArrayDeque<PendingEpoch> pendingEpochs = new ArrayDeque<>();
    private final Set<Long> comparedAhead = new HashSet<>();
    private final KeyBlockLedger ledger = new KeyBlockLedger();
    private final List<ActorRef<LinkStatistics>> awaitingStatistics = new ArrayList<>();
    private final LinkWatch watch;
    private final TimerScheduler<Command> timers;
    private final Duration statisticsTimeout;
    /** Per batch not yet in a finished block: its matched-basis detections and those Eve knows. */
    private final Map<Long, long[]> batchTruth = new HashMap<>();
    private final List<BlockTruth> truths = new ArrayList<>();
    private long comparedThrough = -1;
    private LinkStatistics statistics;

    /**
     * The link's ends a and b (in {@code directory}) get their own receivers' detections; at statistical
     * fidelity the link gives each key block's delivered key to both ends' KMEs itself, its bits only if
     * {@code kmesKeepKey} (the network has SAEs), else its length ({@link KmeActor.DeliverKeyBlock#of}).
     */
    public static Behavior<Command> create(LinkSpec spec, long runSeed, boolean kmesKeepKey, Directory directory) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> new LinkActor(context, timers, spec, runSeed,
                kmesKeepKey, directory)));
    }

    /**
     * The link started afresh on another cluster member after its own died, with its transmitter (which lived
     * with it): it knows nothing of the blocks before, and end a never reports again in the link's first life.
     */
    public static Behavior<Command> rehomed(LinkSpec spec, long runSeed, boolean kmesKeepKey, Directory directory) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            LinkActor link = new LinkActor(context, timers, spec, runSeed, kmesKeepKey, directory);
            link.ledger.endLost(LinkRole.TRANSMITTER);
            return link;
        }));
    }

    private LinkActor(ActorContext<Command> context, TimerScheduler<Command> timers, LinkSpec spec, long runSeed,
                      boolean kmesKeepKey, Directory directory) {
        super(context);
        this.kmesKeepKey = kmesKeepKey;
        this.timers = timers;
        this.statisticsTimeout = context.getSystem().settings().config().getDuration("qnetem.clock.statistics-timeout");
        this.spec = spec;
        boolean isStatistical = spec.fidelity() == Fidelity.STATISTICAL;
        this.channel = isStatistical ? null : LinkChannel.of(spec, LinkConditions.honest());
        this.statistical = isStatistical ? new StatisticalLink(spec, runSeed) : null;
        this.channelKeys = new StreamKey(runSeed, spec.id(), CHANNEL_PURPOSE, 0);
        this.directory = directory;
        this.statistics = LinkStatistics.empty(spec.id());
        this.watch = new LinkWatch(spec.id(), honestDetectionsPerPulse(spec),
                spec.postProcessing().qberAlarmThreshold());
    }

    /** The honest link's expected detections (BBM92: coincidences) per pulse, which the watch judges rates by. */
    private static double honestDetectionsPerPulse(LinkSpec spec) {
        return switch (spec.protocol()) {
            case DECOY_BB84 -> new Bb84Expectation(spec.weakCoherentSource(), spec.fibre(), spec.receiver())
                    .clickProbability();
            case BBM92 -> Bbm92Expectation.of(spec.source(), spec.armA(), spec.armB(), 0).coincidenceProbability();
        };
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Transmit.class, this::onTransmit)
                .onMessage(EpochEmitted.class, this::onEpochEmitted)
                .onMessage(RecordSifted.class, this::onRecordSifted)
                .onMessage(RecordDiscarded.class, this::onRecordDiscarded)
                .onMessage(RecordBlockOpened.class, opened -> {
                    ledger.opened(opened.blockId());
                    return this;
                })
                .onMessage(RecordBlock.class, this::onRecordBlock)
                .onMessage(ReportStatistics.class, this::onReportStatistics)
                .onMessageEquals(StatisticsOverdue.INSTANCE, this::onStatisticsOverdue)
                .onMessage(SnapshotStatistics.class, snapshot -> {
                    snapshot.replyTo().tell(statistics.withKeys(ledger.statistics()).withObservations(observations()));
                    return this;
                })
                .onMessage(SetFaults.class, this::onSetFaults)
                .onMessage(SetStopped.class, this::onSetStopped)
                .onMessageEquals(ClassicalFaultCleared.INSTANCE, () -> {
                    watch.onFaultCleared();
                    return this;
                })
                .onMessage(EndsLost.class, lost -> {
                    endsLost(lost.roles(), lost.timePs(), lost.reason());
                    answerStatisticsWhenDrained();
                    return this;
                })
                .onMessage(Restart.class, this::onRestart)
                .onMessage(Locate.class, locate -> {
                    locate.replyTo().tell(new Located("link " + spec.id()));
                    return this;
                })
                .onMessage(RecordDeferred.class, deferred -> {
                    if (deferred.batchSequence() > comparedThrough) {
                        markCompared(deferred.batchSequence());
                        reportCompletedEpochs();
                    }
                    return this;
                })
                .build();
    }

    private void endsLost(LinkRole[] roles, long timePs, String reason) {
        for (LinkRole role : roles) {
            KeyBlockLedger.WrittenOff off = ledger.endLost(role);
            watch.onEndLost(timePs, (role == LinkRole.TRANSMITTER ? "end a (" + spec.transmitterId()
                    : "end b (" + spec.receiverId()) + ") " + reason + "; " + off.blocks()
                    + " blocks in flight written off, " + off.oneSidedKeys()
                    + " of them delivered by the other end only");
        }
    }

    private Behavior<Command> onRestart(Restart restart) {
        if (restart.life() <= life) {
            return this;
        }
        life = restart.life();
        long first = restart.firstBatch();
        Incarnation incarnation = new Incarnation(life, first);
        ledger.newLife(incarnation.firstBlockId());
        if (statistical != null) {
            statistical.startLife(incarnation);
            for (String end : List.of(spec.transmitterId(), spec.receiverId())) {
                directory.kme(end).tell(new KmeActor.RenewPool(spec.id(), life, restart.keyLayerUp()));
            }
        }
        transmitterHalves.keySet().removeIf(sequence -> sequence < first);
        receiverHalves.keySet().removeIf(sequence -> sequence < first);
        batchTruth.keySet().removeIf(sequence -> sequence < first);
        comparedAhead.removeIf(sequence -> sequence < first);
        if (comparedThrough < first - 1) {
            comparedThrough = first - 1;
            while (comparedAhead.remove(comparedThrough + 1)) {
                comparedThrough++;
            }
        }
        watch.onNewLife(restart.timePs(), "life " + life + " from batch " + first + " (" + restart.reason()
                + "): fresh engines at both ends, a new pre-shared key; its KMEs' pool starts again");
        reportCompletedEpochs();
        answerStatisticsWhenDrained();
        return this;
    }

    private Behavior<Command> onSetStopped(SetStopped set) {
        watch.onStopped(set.timePs(), set.stopped(), set.reason());
        if (set.stopped() && statistical != null) {
            statistical.abandon(set.timePs(), set.reason()).ifPresent(block -> {
                ledger.record(BlockRecord.of(LinkRole.RECEIVER, block));
                ledger.record(BlockRecord.of(LinkRole.TRANSMITTER, block)).ifPresent(this::onBlockFinished);
            });
        }
        return this;
    }

    private Behavior<Command> onSetFaults(SetFaults set) {
        LinkConditions conditions = new LinkConditions(List.of(set.active()));
        if (statistical != null) {
            statistical.setConditions(conditions);
        } else {
            channel = LinkChannel.of(spec, conditions);
        }
        if (set.cleared()) {
            watch.onFaultCleared();
        }
        return this;
    }

    private LinkObservations observations() {
        return new LinkObservations(watch.events().toArray(Event[]::new), truths.stream()
                .sorted(Comparator.comparingLong(BlockTruth::blockId)).toArray(BlockTruth[]::new));
    }

    private Behavior<Command> onTransmit(Transmit transmit) {
        PhotonBatch batch = transmit.batch();
        if (statistical != null) {
            return onStatisticalBatch(batch);
        }
        LinkChannel.Sampled sample = channel.sample(batch, channelKeys.withSequence(batch.sequence()));
        statistics = statistics.plusBatch(batch.pulseCount(), sample.detections(), sample.doubleClicks(),
                sample.matched(), sample.matchedErrors());
        batchTruth.put(batch.sequence(), new long[] {sample.matched(), sample.eveKnownMatched()});
        watch.onBatch(batch.emissionTimePs(), batch.pulseCount(), sample.detections(), sample.monitorAlarm(),
                sample.monitorClicks());
        for (LinkChannel.Delivery delivery : sample.deliveries()) {
            String node = delivery.role() == LinkRole.TRANSMITTER ? spec.transmitterId() : spec.receiverId();
            directory.node(node).tell(new NodeActor.DeliverDetections(delivery.detections()));
        }
        return this;
    }

    private Behavior<Command> onStatisticalBatch(PhotonBatch batch) {
        StatisticalLink.Drawn drawn = statistical.draw(batch);
        StatisticalCounts counts = drawn.counts();
        statistics = statistics.plusBatch(batch.pulseCount(), counts.detections(), counts.doubleClicks(),
                counts.siftedBits(), counts.siftedErrors())
                .plusSifted(counts.siftedBits(), counts.siftedErrors());
        batchTruth.put(batch.sequence(), new long[] {counts.siftedBits(), drawn.eveKnownSifted()});
        watch.onBatch(batch.emissionTimePs(), batch.pulseCount(), counts.detections(), drawn.monitorAlarm(),
                drawn.monitorClicks());
        for (BlockOutcome block : drawn.blocks()) {
            // One digest for both ends: the key's bytes and SHA-256, made once per end, took half the CPU
            // of a 1,000-node run.
            BlockRecord receivers = BlockRecord.of(LinkRole.RECEIVER, block);
            ledger.record(receivers);
            ledger.record(receivers.at(LinkRole.TRANSMITTER)).ifPresent(this::onBlockFinished);
            if (block instanceof KeyBlock key) {
                // Each KME gets its own copy: a KME wipes key material in place once it is spent.
                directory.kme(spec.transmitterId()).tell(KmeActor.DeliverKeyBlock.of(spec.id(), key.blockId(),
                        key.deliveredKey(), kmesKeepKey));
                directory.kme(spec.receiverId()).tell(KmeActor.DeliverKeyBlock.of(spec.id(), key.blockId(),
                        key.deliveredKey(), kmesKeepKey));
            }
        }
        markCompared(batch.sequence());
        reportCompletedEpochs();
        return this;
    }

    private Behavior<Command> onEpochEmitted(EpochEmitted emitted) {
        pendingEpochs.add(new PendingEpoch(emitted.epoch(), emitted.lastSequence()));
        reportCompletedEpochs();
        return this;
    }

    private Behavior<Command> onRecordSifted(RecordSifted recorded) {
        SiftedBlock block = recorded.block();
        long sequence = block.batchSequence();
        Map<Long, SiftedBlock> mine = recorded.role() == LinkRole.TRANSMITTER ? transmitterHalves : receiverHalves;
        Map<Long, SiftedBlock> theirs = recorded.role() == LinkRole.TRANSMITTER ? receiverHalves : transmitterHalves;
        SiftedBlock other = theirs.remove(sequence);
        if (other == null) {
            mine.put(sequence, block);
            return this;
        }
        compare(block, other);
        markCompared(sequence);
        reportCompletedEpochs();
        return this;
    }

    private Behavior<Command> onRecordDiscarded(RecordDiscarded discarded) {
        long sequence = discarded.batchSequence();
        transmitterHalves.remove(sequence);
        receiverHalves.remove(sequence);
        if (sequence > comparedThrough && !comparedAhead.contains(sequence)) {
            markCompared(sequence);
            reportCompletedEpochs();
        }
        return this;
    }

    private Behavior<Command> onRecordBlock(RecordBlock recorded) {
        ledger.record(recorded.record()).ifPresent(this::onBlockFinished);
        answerStatisticsWhenDrained();
        return this;
    }

    /** Both ends reported a block: the watch judges it, and a delivered block gets its ground truth. */
    private void onBlockFinished(KeyBlockLedger.Finished finished) {
        BlockRecord record = finished.record();
        watch.onBlock(record.blockId(), record.finishedAtPs(), finished.delivered(), finished.estimatedQber(),
                record.abortStage(), record.abortReason());
        if (!finished.delivered()) {
            return;
        }
        BlockDetail detail = record.detail();
        long sifted = 0;
        long eveKnown = 0;
        for (long batch = detail.firstBatch(); batch <= detail.lastBatch(); batch++) {
            long[] truth = batchTruth.remove(batch);
            if (truth != null) {
                sifted += truth[0];
                eveKnown += truth[1];
            }
        }
        truths.add(new BlockTruth(record.blockId(), record.finishedAtPs(), detail.keyBits(), sifted, eveKnown,
                detail.leakedBits(), detail.secretBits(), detail.testQber()));
    }

    private void compare(SiftedBlock one, SiftedBlock other) {
        if (one.length() != other.length()) {
            getContext().getLog().error("link {}: batch {} sifted to {} bits at one end and {} at the other",
                    spec.id(), one.batchSequence(), one.length(), other.length());
            statistics = statistics.plusSiftLengthMismatch();
            return;
        }
        statistics = statistics.plusSifted(one.length(), one.bits().hammingDistance(other.bits()));
    }

    /** Batches may finish sifting out of order; epochs complete only over a contiguous prefix. */
    private void markCompared(long sequence) {
        if (sequence <= comparedThrough) {
            return;
        }
        comparedAhead.add(sequence);
        while (comparedAhead.remove(comparedThrough + 1)) {
            comparedThrough++;
        }
    }

    private void reportCompletedEpochs() {
        while (!pendingEpochs.isEmpty() && pendingEpochs.peek().lastSequence() <= comparedThrough) {
            directory.clock().tell(new EmulationClock.EpochCompleted(spec.id(), pendingEpochs.poll().epoch()));
        }
    }

    private Behavior<Command> onReportStatistics(ReportStatistics request) {
        awaitingStatistics.add(request.replyTo());
        if (!timers.isTimerActive(STATISTICS_TIMER)) {
            timers.startSingleTimer(STATISTICS_TIMER, StatisticsOverdue.INSTANCE, statisticsTimeout);
        }
        answerStatisticsWhenDrained();
        return this;
    }

    /**
     * A block that never settles would hold the statistics back for ever: the link fails instead (and with it
     * the run), naming every block still in flight and what each end decided, so such a hang cannot pass
     * unnoticed or undiagnosed.
     */
    private Behavior<Command> onStatisticsOverdue() {
        if (awaitingStatistics.isEmpty()) {
            return this;
        }
        List<String> inFlight = ledger.describeInFlight(spec.transmitterId(), spec.receiverId());
        throw new IllegalStateException("link " + spec.id() + ": " + inFlight.size() + " key block"
                + (inFlight.size() == 1 ? "" : "s") + " still in flight " + statisticsTimeout.toSeconds()
                + " s (qnetem.clock.statistics-timeout) after the statistics were asked for:\n  "
                + String.join("\n  ", inFlight));
    }

    private void answerStatisticsWhenDrained() {
        if (awaitingStatistics.isEmpty() || ledger.inFlight() > 0) {
            return;
        }
        timers.cancel(STATISTICS_TIMER);
        LinkStatistics complete = statistics.withKeys(ledger.statistics()).withObservations(observations());
        awaitingStatistics.forEach(replyTo -> replyTo.tell(complete));
        awaitingStatistics.clear();
    }
}
