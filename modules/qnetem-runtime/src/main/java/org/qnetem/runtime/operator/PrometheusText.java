package org.qnetem.runtime.operator;

import java.util.Locale;
import java.util.function.Function;
import org.qnetem.runtime.clock.ClockSummary;
import org.qnetem.runtime.report.RunReport;

/** {@code GET /metrics}: the live views in the Prometheus text exposition format (version 0.0.4). */
public final class PrometheusText {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder text = new StringBuilder();

    private PrometheusText() {
    }

    public static String of(ClockSummary clock, LinksView links, NodesView nodes, KmesView kmes) {
        PrometheusText out = new PrometheusText();
        out.family("qnetem_emulated_seconds", "gauge", "Emulated time the clock has completed so far.");
        out.sample("qnetem_emulated_seconds", "", clock.emulatedSeconds());
        out.family("qnetem_rtf", "gauge", "Real-time factor so far: emulated seconds per wall second.");
        out.sample("qnetem_rtf", "", clock.wallNanos() == 0 ? Double.NaN : clock.realTimeFactor());
        out.linkFamily(links, "qnetem_link_pulses_total", "counter", "Pulses the source sent.",
                link -> (double) link.pulses());
        out.linkFamily(links, "qnetem_link_detections_total", "counter", "Detections at the receiver.",
                link -> (double) link.detections());
        out.linkFamily(links, "qnetem_link_sifted_bits_total", "counter", "Sifted bits compared at both ends.",
                link -> (double) link.siftedBits());
        out.linkFamily(links, "qnetem_link_qber", "gauge", "Quantum bit error rate of the sifted bits so far.",
                link -> link.qber() == null ? Double.NaN : link.qber());
        out.linkFamily(links, "qnetem_link_blocks_total", "counter", "Key blocks both ends delivered.",
                link -> (double) link.blocks());
        out.linkFamily(links, "qnetem_link_aborted_blocks_total", "counter", "Key blocks aborted.",
                link -> (double) link.abortedBlocks());
        out.linkFamily(links, "qnetem_link_secret_bits_total", "counter", "Secret bits of the delivered blocks.",
                link -> (double) link.secretBits());
        out.linkFamily(links, "qnetem_link_secret_key_rate_bps", "gauge",
                "Secret bits per emulated second so far.",
                link -> link.secretKeyRateBps() == null ? Double.NaN : link.secretKeyRateBps());
        out.family("qnetem_node_pool_bits", "gauge", "Key bits a node's KME can still send to a peer.");
        for (NodesView.Node node : nodes.nodes()) {
            node.pools().forEach((peer, pool) -> out.sample("qnetem_node_pool_bits",
                    "{node=\"" + escape(node.id()) + "\",peer=\"" + escape(peer) + "\"}", pool.bits()));
        }
        out.kmeFamily(kmes, "qnetem_kme_enc_keys_total", "Keys served to master SAEs (enc_keys).",
                kme -> kme.encKeysServed());
        out.kmeFamily(kmes, "qnetem_kme_dec_keys_total", "Keys served to slave SAEs (dec_keys).",
                kme -> kme.decKeysServed());
        out.kmeFamily(kmes, "qnetem_kme_keys_relayed_total", "Keys relayed as a trusted intermediate node.",
                kme -> kme.keysRelayed());
        out.kmeFamily(kmes, "qnetem_kme_keys_expired_total", "Keys wiped uncollected after their TTL.",
                kme -> kme.keysExpired());
        out.kmeFamily(kmes, "qnetem_kme_relays_aborted_total", "Relays started here that stopped on the way.",
                kme -> kme.relaysAborted());
        out.kmeFamily(kmes, "qnetem_kme_messages_rejected_total", "KME messages dropped.",
                kme -> kme.messagesRejected());
        out.family("qnetem_kme_refused_total", "counter", "ETSI GS QKD 014 calls refused, by reason.");
        for (RunReport.KmeReport kme : kmes.kmes()) {
            kme.refused().forEach((reason, count) -> out.sample("qnetem_kme_refused_total",
                    "{kme=\"" + escape(kme.id()) + "\",reason=\"" + escape(reason) + "\"}", count));
        }
        return out.text.toString();
    }

    private void linkFamily(LinksView links, String name, String type, String help,
                            Function<LinksView.Link, Double> value) {
        family(name, type, help);
        for (LinksView.Link link : links.links()) {
            sample(name, "{link=\"" + escape(link.id()) + "\"}", value.apply(link));
        }
    }

    private void kmeFamily(KmesView kmes, String name, String help, Function<RunReport.KmeReport, Long> value) {
        family(name, "counter", help);
        for (RunReport.KmeReport kme : kmes.kmes()) {
            sample(name, "{kme=\"" + escape(kme.id()) + "\"}", value.apply(kme));
        }
    }

    private void family(String name, String type, String help) {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void sample(String name, String labels, double value) {
        text.append(name).append(labels).append(' ').append(format(value)).append('\n');
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%s", value);
    }

    /** Label values escape backslash, double quote and line feed. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
