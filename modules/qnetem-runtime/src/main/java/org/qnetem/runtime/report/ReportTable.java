package org.qnetem.runtime.report;

import java.util.Locale;

/** Renders a run report as the table a user reads at the end of a run: each measured value beside its expectation. */
public final class ReportTable {

    private ReportTable() {
    }

    public static String render(RunReport report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: %.3f emulated s in %.3f wall s (RTF %.2f), mode %s, seed %d%n",
                report.topology(), report.emulatedSeconds(), report.wallSeconds(), report.rtf(), report.mode(),
                report.seed()));
        out.append(String.format(Locale.ROOT, "%-16s %7s %6s %10s %21s %10s %23s %23s%n", "link", "km", "dB",
                "pulses", "detections (expected)", "sifted", "QBER % (expected)", "sifted b/s (expected)"));
        for (RunReport.LinkReport link : report.links()) {
            out.append(String.format(Locale.ROOT, "%-16s %7.1f %6.2f %10.4g %10.4g %10.4g %10.4g %11s %11.4f %11.4g %11.4g%n",
                    link.id(), link.lengthKm(), link.lossDb(), (double) link.pulses(), (double) link.detections(),
                    link.expectedDetections(), (double) link.siftedBits(), percent(link.qber()),
                    100 * link.expectedQber(), link.siftedRateBps(), link.expectedSiftedRateBps()));
        }
        report.invariants().forEach((name, count) ->
                out.append(String.format(Locale.ROOT, "invariant %s: %d%s%n", name, count, count == 0 ? "" : "  VIOLATED")));
        return out.toString();
    }

    private static String percent(Double fraction) {
        return fraction == null ? "-" : String.format(Locale.ROOT, "%.4f", 100 * fraction);
    }
}
