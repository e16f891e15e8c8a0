package org.qnetem.runtime.run;

import java.util.List;
import org.qnetem.runtime.clock.ClockSummary;
import org.qnetem.runtime.link.LinkStatistics;
import org.qnetem.runtime.topology.Topology;

/** Everything a finished run measured, in topology link order. */
public record RunResult(Topology topology, RunSettings settings, ClockSummary clock, List<LinkStatistics> links) {

    public RunResult {
        links = List.copyOf(links);
    }
}
