package org.qnetem.runtime.operator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.qnetem.runtime.clock.ClockSummary;
import org.qnetem.runtime.clock.ProgressListener;
import org.qnetem.runtime.entity.Directory;
import org.qnetem.runtime.kms.KeyLayer;
import org.qnetem.runtime.kms.KmeReport;
import org.qnetem.runtime.fault.FaultBook;
import org.qnetem.runtime.link.LinkActor;
import org.qnetem.runtime.link.LinkStatistics;
import org.qnetem.runtime.topology.Topology;

/**
 * What the operator API can see of a run while it goes: its topology, the clock's latest summary (kept by
 * wrapping the run's progress listener) and a snapshot of every link's statistics, asked without waiting
 * for key blocks in flight; every KME's counters and pools; and the run's fault book, where the operator
 * adds and clears faults.
 */
public final class LiveRun {

    private final Topology topology;
    private final Directory directory;
    private final KeyLayer keyLayer;
    private final FaultBook faults;
    private final Scheduler scheduler;
    private final Duration askTimeout;
    private final AtomicReference<ClockSummary> clock;

    /** {@code clock} holds the clock's latest summary, as {@link #recording} keeps it. */
    public LiveRun(Topology topology, Directory directory, KeyLayer keyLayer,
                   FaultBook faults,
                   AtomicReference<ClockSummary> clock, Scheduler scheduler, Duration askTimeout) {
        this.topology = topology;
        this.faults = faults;
        this.clock = clock;
        this.directory = directory;
        this.keyLayer = keyLayer;
        this.scheduler = scheduler;
        this.askTimeout = askTimeout;
    }

    /** A listener that records each epoch's summary here, then tells {@code next}. */
    public static ProgressListener recording(AtomicReference<ClockSummary> latest, ProgressListener next) {
        return (soFar, durationPs) -> {
            latest.set(soFar);
            next.onEpoch(soFar, durationPs);
        };
    }

    public Topology topology() {
        return topology;
    }

    public FaultBook faults() {
        return faults;
    }

    public ClockSummary clock() {
        return clock.get();
    }

    /** Every link's statistics so far, in topology order; fails if any link does not answer in time. */
    public CompletionStage<List<LinkStatistics>> snapshot() {
        List<CompletableFuture<LinkStatistics>> asks = new ArrayList<>();
        topology.links().forEach(link -> asks.add(AskPattern.<LinkActor.Command, LinkStatistics>ask(
                directory.link(link.id()), LinkActor.SnapshotStatistics::new, askTimeout, scheduler).toCompletableFuture()));
        return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
                .thenApply(done -> asks.stream().map(CompletableFuture::join).toList());
    }

    /** The run's KMEs, each one's {@code KeyDelivery} for the ETSI GS QKD 014 endpoints. */
    public KeyLayer keyLayer() {
        return keyLayer;
    }

    /** Every KME's report now, in topology node order (its own ask timeout, {@code qnetem.kms.ask-timeout}). */
    public CompletionStage<List<KmeReport>> kmes() {
        return keyLayer.snapshot();
    }
}
