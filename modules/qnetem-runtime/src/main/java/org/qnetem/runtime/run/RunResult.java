package org.qnetem.runtime.run;

import java.util.List;
import java.util.Optional;
import org.qnetem.runtime.clock.ClockSummary;
import org.qnetem.runtime.cluster.ClusterSummary;
import org.qnetem.runtime.fault.Event;
import org.qnetem.runtime.fault.FaultBook;
import org.qnetem.runtime.kms.KmeReport;
import org.qnetem.runtime.kms.ServedKeys;
import org.qnetem.runtime.link.LinkStatistics;
import org.qnetem.runtime.topology.Topology;

/**
 * Everything a finished run measured: links in topology link order, KMEs in topology node order, its faults
 * (scenario and live) and the events of their application and clearing (the links' own events are in their
 * statistics), the keys the KMEs served through ETSI enc_keys, and on a cluster where the entities lived,
 * what crossed between members and what was lost with members that died.
 */
public record RunResult(Topology topology, RunSettings settings, ClockSummary clock, List<LinkStatistics> links,
                        List<KmeReport> kmes, List<FaultBook.FaultState> faults, List<Event> faultEvents,
                        List<ServedKeys.Served> served, Optional<ClusterSummary> cluster, List<MemberLoss> lost) {

    public RunResult {
        lost = List.copyOf(lost);
        links = List.copyOf(links);
        kmes = List.copyOf(kmes);
        faults = List.copyOf(faults);
        faultEvents = List.copyOf(faultEvents);
        served = List.copyOf(served);
    }

    /** The result of a run on one JVM. */
    public RunResult(Topology topology, RunSettings settings, ClockSummary clock, List<LinkStatistics> links,
                     List<KmeReport> kmes, List<FaultBook.FaultState> faults, List<Event> faultEvents,
                     List<ServedKeys.Served> served) {
        this(topology, settings, clock, links, kmes, faults, faultEvents, served, Optional.empty(), List.of());
    }
}
