package org.qnetem.runtime.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.qnetem.runtime.cluster.ClusterSummary;
import org.qnetem.runtime.cluster.RunHost;

/** The {@code cluster} section of a run report: where the entities lived and what crossed between members. */
final class ClusterReports {

    /** The message class of a photon batch sent to a link's receiving node, as the serializers count it. */
    static final String PHOTON_BATCH = "LinkActor$Transmit";
    /** The message class of a detection batch sent back to a transmitting node. */
    static final String DETECTION_BATCH = "NodeActor$DeliverDetections";

    private ClusterReports() {
    }

    /** Rates are per second of {@code wallSeconds}, the run's wall time. */
    static RunReport.ClusterReport of(ClusterSummary summary, double wallSeconds) {
        List<RunReport.RegionReport> regions = summary.regions().stream()
                .map(region -> new RunReport.RegionReport(region.index(), region.member(), region.nodes()))
                .toList();
        List<RunReport.TrafficReport> traffic = new ArrayList<>();
        Map<String, long[]> total = new TreeMap<>();
        for (RunHost.MemberReport member : summary.traffic()) {
            Map<String, long[]> byClass = new TreeMap<>();
            for (int i = 0; i < member.types().length; i++) {
                add(byClass, member.types()[i], member.messages()[i], member.bytes()[i]);
                add(total, member.types()[i], member.messages()[i], member.bytes()[i]);
            }
            traffic.add(traffic(member.member(), IntStream.of(member.regions()).boxed().toList(), byClass,
                    wallSeconds));
        }
        return new RunReport.ClusterReport(summary.members(), regions, summary.crossingLinks(), traffic,
                traffic(null, regions.stream().map(RunReport.RegionReport::index).toList(), total, wallSeconds));
    }

    private static void add(Map<String, long[]> counts, String type, long messages, long bytes) {
        long[] count = counts.computeIfAbsent(type, t -> new long[2]);
        count[0] += messages;
        count[1] += bytes;
    }

    private static RunReport.TrafficReport traffic(String member, List<Integer> regions, Map<String, long[]> byClass,
                                                   double wallSeconds) {
        Map<String, RunReport.ClassTrafficReport> classes = new TreeMap<>();
        long messages = 0;
        long bytes = 0;
        for (Map.Entry<String, long[]> entry : byClass.entrySet()) {
            long[] count = entry.getValue();
            classes.put(entry.getKey(), new RunReport.ClassTrafficReport(count[0], count[1],
                    perSecond(count[0], wallSeconds), perSecond(count[1], wallSeconds)));
            messages += count[0];
            bytes += count[1];
        }
        return new RunReport.TrafficReport(member, regions, messages, bytes, perSecond(messages, wallSeconds),
                perSecond(bytes, wallSeconds), meanSize(classes.get(PHOTON_BATCH)),
                meanSize(classes.get(DETECTION_BATCH)), classes);
    }

    /** Per wall second; 0 for a run that took no measurable wall time, rather than an infinite rate. */
    private static double perSecond(long count, double wallSeconds) {
        return wallSeconds > 0 ? count / wallSeconds : 0;
    }

    private static Double meanSize(RunReport.ClassTrafficReport traffic) {
        return traffic == null || traffic.messages() == 0 ? null : (double) traffic.bytes() / traffic.messages();
    }
}
