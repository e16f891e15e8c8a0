package org.qnetem.runtime.cluster;

import java.util.List;

/**
 * Where a cluster run's entities lived and what crossed between members: the members that hosted them,
 * each topology region's member at the run's end and nodes, the links whose ends lie in different regions,
 * and each member's outgoing traffic by message class.
 */
public record ClusterSummary(List<String> members, List<Region> regions, List<String> crossingLinks,
                             List<RunHost.MemberReport> traffic) {

    public ClusterSummary {
        members = List.copyOf(members);
        regions = List.copyOf(regions);
        crossingLinks = List.copyOf(crossingLinks);
        traffic = List.copyOf(traffic);
    }

    /** A topology region (one shard of each entity type) and the member it lived on at the end ("" if none). */
    public record Region(int index, String member, List<String> nodes) {
        public Region {
            nodes = List.copyOf(nodes);
        }
    }
}
