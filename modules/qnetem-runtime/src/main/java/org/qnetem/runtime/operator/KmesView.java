package org.qnetem.runtime.operator;

import java.util.ArrayList;
import java.util.List;
import org.qnetem.runtime.kms.KmeReport;
import org.qnetem.runtime.report.RunReport;
import org.qnetem.runtime.report.RunReports;
import org.qnetem.runtime.topology.Topology;

/**
 * {@code GET /api/kmes}: every node's KME now, as the run report's {@code kmes} shows it: node, ETSI GS QKD 014
 * URL ({@code https://host:port}, null without an endpoint), attached SAE ids and counters.
 */
public record KmesView(List<RunReport.KmeReport> kmes) {

    /** {@code reports}: every node's KME report, in topology node order. */
    public static KmesView of(Topology topology, List<KmeReport> reports) {
        List<RunReport.KmeReport> kmes = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            kmes.add(RunReports.kmeReport(topology, topology.nodes().get(i), reports.get(i)));
        }
        return new KmesView(kmes);
    }
}
