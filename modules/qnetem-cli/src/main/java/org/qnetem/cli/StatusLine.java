package org.qnetem.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.qnetem.runtime.clock.ClockSummary;
import org.qnetem.runtime.clock.ProgressListener;

/**
 * The live status line: emulated time, wall time and real-time factor. On a terminal it rewrites one
 * line about twice a second; otherwise it prints a line at every tenth of the run.
 */
final class StatusLine implements ProgressListener {

    private static final long REFRESH_NANOS = 500_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private long lastPrintNanos = Long.MIN_VALUE / 2;
    private long lastTenth = -1;

    StatusLine(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void onEpoch(ClockSummary soFar, long durationPs) {
        boolean last = soFar.emulatedPs() >= durationPs;
        if (terminal) {
            long now = System.nanoTime();
            if (last || now - lastPrintNanos >= REFRESH_NANOS) {
                lastPrintNanos = now;
                out.print("\r" + describe(soFar, durationPs) + (last ? System.lineSeparator() : ""));
                out.flush();
            }
        } else {
            long tenth = soFar.emulatedPs() * 10 / durationPs;
            if (tenth != lastTenth) {
                lastTenth = tenth;
                out.println(describe(soFar, durationPs));
            }
        }
    }

    private static String describe(ClockSummary soFar, long durationPs) {
        String lag = soFar.maxLagNanos() > 0
                ? String.format(Locale.ROOT, "  lag %.1f ms", soFar.maxLagNanos() / 1e6) : "";
        return String.format(Locale.ROOT, "emulated %.3f / %.3f s  wall %.2f s  RTF %.2f%s",
                soFar.emulatedSeconds(), durationPs / 1e12, soFar.wallSeconds(), soFar.realTimeFactor(), lag);
    }
}
