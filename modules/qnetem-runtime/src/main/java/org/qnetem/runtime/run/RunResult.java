package org.qnetem.runtime.run;

import java.util.List;
import org.qnetem.runtime.clock.ClockSummary;
import org.qnetem.runtime.kms.KmeReport;
import org.qnetem.runtime.link.LinkStatistics;
import org.qnetem.runtime.topology.Topology;

/** Everything a finished run measured: links in topology link order, KMEs in topology node order. */
public record RunResult(Topology topology, RunSettings settings, ClockSummary clock, List<LinkStatistics> links,
                        List<KmeReport> kmes) {

    public RunResult {
        links = List.copyOf(links);
        kmes = List.copyOf(kmes);
    }
}
