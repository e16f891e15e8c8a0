package org.qnetem.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.qnetem.runtime.clock.ClockMode;
import org.qnetem.runtime.clock.ClockSettings;
import org.qnetem.runtime.clock.ClockSummary;
import org.qnetem.runtime.clock.ProgressListener;
import org.qnetem.runtime.link.KeyStatistics;
import org.qnetem.runtime.link.LinkStatistics;
import org.qnetem.runtime.operator.LiveRun;

/**
 * The live status line: emulated time against the duration, real-time factor, in realtime mode the lag
 * behind the wall clock, and the key made so far (blocks and secret bits) with the alarms (aborted blocks).
 *
 * <p>On a terminal a thread of its own rewrites one line about twice a second from the clock's latest epoch
 * and a snapshot of every link ({@link LiveRun#snapshot}, which never waits for blocks in flight), and
 * {@link #close} wipes the line so the final table starts on a clean one. Elsewhere (a pipe, a log file) it
 * prints the clock's figures at every tenth of the run, with no link snapshot and no carriage returns.
 */
final class StatusLine implements ProgressListener, AutoCloseable {

    private static final long REFRESH_MILLIS = 500;
    /** A snapshot slower than this is skipped; the next refresh asks again. */
    private static final long SNAPSHOT_WAIT_MILLIS = 2_000;

    private final PrintStream out;
    private final boolean terminal;
    private final ClockSettings clock;
    private volatile ClockSummary latest;
    private long lastTenth = -1;
    private ScheduledExecutorService refresher;
    private int shownWidth;

    StatusLine(PrintStream out, boolean terminal, ClockSettings clock) {
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
    }

    @Override
    public void onEpoch(ClockSummary soFar, long durationPs) {
        latest = soFar;
        if (terminal) {
            return;
        }
        long tenth = soFar.emulatedPs() * 10 / durationPs;
        if (tenth != lastTenth) {
            lastTenth = tenth;
            out.println(describe(soFar, clock, null));
        }
    }

    /** On a terminal, starts refreshing the line from {@code run}; elsewhere does nothing. */
    void follow(LiveRun run) {
        if (!terminal) {
            return;
        }
        refresher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "qnetem-status-line");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(() -> refresh(run), REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void refresh(LiveRun run) {
        ClockSummary soFar = latest;
        if (soFar == null) {
            return;
        }
        List<LinkStatistics> links;
        try {
            links = run.snapshot().toCompletableFuture().get(SNAPSHOT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException | TimeoutException e) {
            // A link busy with a long post-processing step: show the clock now, the key at the next refresh.
            links = null;
        }
        show(describe(soFar, clock, links));
    }

    /** Rewrites the terminal's line with {@code line}, padding over what a longer earlier line left. */
    synchronized void show(String line) {
        int pad = Math.max(0, shownWidth - line.length());
        out.print("\r" + line + " ".repeat(pad));
        out.flush();
        shownWidth = line.length();
    }

    /** Stops refreshing and wipes the line. */
    @Override
    public void close() {
        if (refresher != null) {
            refresher.shutdownNow();
            try {
                refresher.awaitTermination(SNAPSHOT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (shownWidth > 0) {
                out.print("\r" + " ".repeat(shownWidth) + "\r");
                out.flush();
                shownWidth = 0;
            }
        }
    }

    /**
     * One status line. {@code links} null: the clock's figures only. The lag is the wall clock's lead over
     * the paced emulated time at the last epoch's end (realtime mode only).
     */
    static String describe(ClockSummary soFar, ClockSettings clock, List<LinkStatistics> links) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "emulated %.3f / %.3f s  wall %.1f s  RTF %.2f", soFar.emulatedSeconds(),
                clock.durationPs() / 1e12, soFar.wallSeconds(), soFar.realTimeFactor()));
        if (clock.mode() == ClockMode.REALTIME) {
            double pacedNanos = soFar.emulatedPs() / 1e3 / clock.speed();
            double lagMs = Math.max(0, soFar.wallNanos() - pacedNanos) / 1e6;
            line.append(String.format(Locale.ROOT, "  lag %.1f ms (max %.1f)", lagMs, soFar.maxLagNanos() / 1e6));
        }
        if (links != null) {
            long blocks = 0;
            long secretBits = 0;
            long aborted = 0;
            for (LinkStatistics link : links) {
                KeyStatistics keys = link.keys();
                if (keys != null) {
                    blocks += keys.blocks();
                    secretBits += keys.secretBits();
                    aborted += keys.abortedBlocks();
                }
            }
            line.append(String.format(Locale.ROOT, "  keys %d blocks, %.3e secret bits  alarms %d",
                    blocks, (double) secretBits, aborted));
        }
        return line.toString();
    }
}
