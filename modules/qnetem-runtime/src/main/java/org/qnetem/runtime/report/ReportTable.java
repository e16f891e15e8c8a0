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
        out.append(String.format(Locale.ROOT, "%-16s %7s %8s %25s %14s %6s %14s%n", "link", "blocks", "aborted",
                "secret key b/s (expected)", "delivered b/s", "f_EC", "auth refill bits"));
        for (RunReport.LinkReport link : report.links()) {
            out.append(String.format(Locale.ROOT, "%-16s %7d %8d %12.4g %12.4g %14.4g %6s %14d%n", link.id(),
                    link.blocks(), link.abortedBlocks(), link.secretKeyRateBps(), link.expectedSecretKeyRateBps(),
                    link.deliveredKeyRateBps(), link.errorCorrectionEfficiency() == null ? "-"
                            : String.format(Locale.ROOT, "%.3f", link.errorCorrectionEfficiency()),
                    link.authenticationRefillBits()));
        }
        out.append(String.format(Locale.ROOT, "%-16s %s%n", "node", "key pool bits, per peer"));
        for (RunReport.NodeReport node : report.nodes()) {
            StringBuilder pools = new StringBuilder();
            node.pools().forEach((peer, pool) -> pools.append(String.format(Locale.ROOT, "  %s %.4g", peer,
                    (double) pool.bits())));
            out.append(String.format(Locale.ROOT, "%-16s%s%n", node.id(), pools.length() == 0 ? "  -" : pools));
        }
        out.append(String.format(Locale.ROOT, "%-16s %-28s %8s %8s %8s %8s %8s %8s%n", "kme", "url", "enc",
                "dec", "relayed", "expired", "aborted", "refused"));
        for (RunReport.KmeReport kme : report.kmes()) {
            long refused = kme.refused().values().stream().mapToLong(Long::longValue).sum();
            if (kme.url() != null || !kme.saes().isEmpty() || kme.keysRelayed() > 0 || refused > 0) {
                out.append(String.format(Locale.ROOT, "%-16s %-28s %8d %8d %8d %8d %8d %8d%n", kme.id(),
                        kme.url() == null ? "-" : kme.url(), kme.encKeysServed(), kme.decKeysServed(),
                        kme.keysRelayed(), kme.keysExpired(), kme.relaysAborted(), refused));
            }
        }
        for (RunReport.FaultReport fault : report.faults()) {
            out.append(String.format(Locale.ROOT, "fault %d %s: applied %s, noticed %s%s, cleared %s;"
                    + " key b/s before %s, during %s, after %s%n", fault.id(), fault.description(),
                    seconds(fault.appliedSeconds()), seconds(fault.noticedSeconds()),
                    fault.noticedBy() == null ? "" : " (" + fault.noticedBy() + ")", seconds(fault.clearedSeconds()),
                    rate(fault.keyRateBeforeBps()), rate(fault.keyRateDuringBps()), rate(fault.keyRateAfterBps())));
        }
        for (RunReport.LinkTruthReport truth : report.groundTruth().links()) {
            if (truth.eveKeyBits() > 0) {
                out.append(String.format(Locale.ROOT, "ground truth %s: Eve holds %d of %d delivered key bits"
                        + " (%d of %d blocks whole)%n", truth.link(), truth.eveKeyBits(), truth.secretBits(),
                        truth.blocksEveHoldsWhole(), truth.deliveredBlocks()));
            }
        }
        if (report.cluster() != null) {
            cluster(report.cluster(), out);
        }
        report.invariants().forEach((name, count) ->
                out.append(String.format(Locale.ROOT, "invariant %s: %d%s%n", name, count, count == 0 ? "" : "  VIOLATED")));
        return out.toString();
    }

    /** Counts only for the crossing links: a large network has thousands, which the JSON report lists. */
    private static void cluster(RunReport.ClusterReport cluster, StringBuilder out) {
        out.append(String.format(Locale.ROOT, "cluster: %d members, %d regions, %d crossing links%n",
                cluster.members().size(), cluster.regions().size(), cluster.crossingLinks().size()));
        for (RunReport.RegionReport region : cluster.regions()) {
            out.append(String.format(Locale.ROOT, "region %-3d %-36s %6d nodes%n", region.index(),
                    region.member().isEmpty() ? "-" : region.member(), region.nodes().size()));
        }
        out.append(String.format(Locale.ROOT, "%-36s %12s %12s %10s %12s %14s %14s%n", "traffic out of member",
                "messages", "bytes", "msg/s", "bytes/s", "B/photon batch", "B/detections"));
        for (RunReport.TrafficReport traffic : cluster.traffic()) {
            traffic(traffic.member(), traffic, out);
        }
        traffic("total", cluster.total(), out);
    }

    private static void traffic(String name, RunReport.TrafficReport traffic, StringBuilder out) {
        out.append(String.format(Locale.ROOT, "%-36s %12d %12d %10.4g %12.4g %14s %14s%n", name, traffic.messages(),
                traffic.bytes(), traffic.messagesPerSecond(), traffic.bytesPerSecond(),
                size(traffic.bytesPerPhotonBatch()), size(traffic.bytesPerDetectionBatch())));
    }

    private static String size(Double bytes) {
        return bytes == null ? "-" : String.format(Locale.ROOT, "%.1f", bytes);
    }

    private static String seconds(Double value) {
        return value == null ? "never" : String.format(Locale.ROOT, "%.3f s", value);
    }

    private static String rate(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.4g", value);
    }

    private static String percent(Double fraction) {
        return fraction == null ? "-" : String.format(Locale.ROOT, "%.4f", 100 * fraction);
    }
}
