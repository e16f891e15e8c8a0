package org.qnetem.runtime.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.qnetem.kms.pool.LinkKeyPool;
import org.qnetem.runtime.fault.Fault;
import org.qnetem.runtime.fault.FaultBook;
import org.qnetem.runtime.kms.ServedKeys;
import org.qnetem.runtime.link.BlockRecord;
import org.qnetem.runtime.link.LinkStatistics;
import org.qnetem.runtime.run.RunResult;
import org.qnetem.runtime.topology.LinkSpec;
import org.qnetem.runtime.topology.SaeSpec;

/**
 * The key each pair of SAEs (on different KMEs) got, or could have got, in a window of a run, for the
 * report's faults. A pair that made ETSI calls is measured by what it was served: the key bits of its
 * enc_keys calls answered in the window (either SAE the master), per second. A pair that made none is
 * given its relay supply: the widest path between the two SAEs' KMEs over the links the key layer had up
 * for the whole window, each link weighing the KME own-share bits of the key blocks it delivered in the
 * window ({@link LinkKeyPool}: a KME may spend its own half of what is left of a block after the
 * authentication third) per second, parallel links adding up; the path's narrowest link is the rate.
 */
final class PairSupply {

    static final String SERVED = "served";
    static final String RELAY_SUPPLY = "relay-supply";

    private record Pair(SaeSpec a, SaeSpec b) {
    }

    private record Interval(long fromPs, long toPs) {
    }

    private final RunResult result;
    private final List<Pair> pairs = new ArrayList<>();
    private final Map<String, List<Interval>> down = new HashMap<>();
    private final Set<Set<String>> calling = new HashSet<>();

    PairSupply(RunResult result, long endPs) {
        this.result = result;
        List<SaeSpec> saes = result.topology().saes();
        for (int i = 0; i < saes.size(); i++) {
            for (int j = i + 1; j < saes.size(); j++) {
                if (!saes.get(i).node().equals(saes.get(j).node())) {
                    pairs.add(new Pair(saes.get(i), saes.get(j)));
                }
            }
        }
        for (FaultBook.FaultState state : result.faults()) {
            if (state.appliedPs() == null) {
                continue;
            }
            Interval interval = new Interval(state.appliedPs(), state.clearedPs() == null ? endPs : state.clearedPs());
            for (String link : keyLinksDown(state.scheduled().fault())) {
                down.computeIfAbsent(link, l -> new ArrayList<>()).add(interval);
            }
        }
        result.served().forEach(s -> calling.add(Set.of(s.masterSaeId(), s.slaveSaeId())));
    }

    /** The links a fault takes down for the key layer while it holds (as the fault dispatcher does). */
    private List<String> keyLinksDown(Fault fault) {
        if (fault instanceof Fault.FibreCut || fault instanceof Fault.Classical classical && classical.severs()) {
            return List.of(fault.target());
        }
        if (fault instanceof Fault.Node || fault instanceof Fault.Kme) {
            return result.topology().links().stream().filter(l -> l.transmitterId().equals(fault.target())
                    || l.receiverId().equals(fault.target())).map(LinkSpec::id).toList();
        }
        return List.of();
    }

    /** Every pair's rate before, during and after a fault that applied at {@code appliedPs}. */
    List<RunReport.SaePairSupplyReport> around(long appliedPs, long clearedPs, long endPs) {
        List<RunReport.SaePairSupplyReport> reports = new ArrayList<>();
        for (Pair pair : pairs) {
            boolean served = calling.contains(Set.of(pair.a().id(), pair.b().id()));
            reports.add(new RunReport.SaePairSupplyReport(pair.a().id(), pair.b().id(),
                    served ? SERVED : RELAY_SUPPLY, rate(pair, served, 0, appliedPs),
                    rate(pair, served, appliedPs, clearedPs), rate(pair, served, clearedPs, endPs)));
        }
        return reports;
    }

    /** Bits per second in [fromPs, toPs); null for an empty window. */
    private Double rate(Pair pair, boolean served, long fromPs, long toPs) {
        if (toPs <= fromPs) {
            return null;
        }
        double seconds = (toPs - fromPs) / 1e12;
        if (served) {
            long bits = 0;
            for (ServedKeys.Served s : result.served()) {
                if (s.timePs() >= fromPs && s.timePs() < toPs
                        && Set.of(s.masterSaeId(), s.slaveSaeId()).equals(Set.of(pair.a().id(), pair.b().id()))) {
                    bits += s.bits();
                }
            }
            return bits / seconds;
        }
        Map<String, Map<String, Double>> capacity = new HashMap<>();
        for (LinkStatistics link : result.links()) {
            LinkSpec spec = result.topology().link(link.linkId()).orElseThrow();
            if (down.getOrDefault(spec.id(), List.of()).stream().anyMatch(i -> i.fromPs() < toPs && i.toPs() > fromPs)) {
                continue;
            }
            double bps = 0;
            for (BlockRecord block : link.keys().delivered()) {
                if (block.finishedAtPs() >= fromPs && block.finishedAtPs() < toPs) {
                    bps += ownShareBits(block.detail().deliveredBits()) / seconds;
                }
            }
            capacity.computeIfAbsent(spec.transmitterId(), n -> new HashMap<>()).merge(spec.receiverId(), bps, Double::sum);
            capacity.computeIfAbsent(spec.receiverId(), n -> new HashMap<>()).merge(spec.transmitterId(), bps, Double::sum);
        }
        return widest(capacity, pair.a().node(), pair.b().node());
    }

    /** The bits of a delivered block one end's KME may spend towards the other (its own share). */
    private static long ownShareBits(long deliveredBits) {
        int bytes = (int) (deliveredBits / 8);
        return 8L * ((bytes - LinkKeyPool.authenticationBytes(bytes)) / 2);
    }

    /** The largest bottleneck over the paths from {@code from} to {@code to} (0 if none). */
    private static double widest(Map<String, Map<String, Double>> capacity, String from, String to) {
        Map<String, Double> best = new HashMap<>();
        PriorityQueue<Map.Entry<String, Double>> queue = new PriorityQueue<>((x, y) -> Double.compare(y.getValue(),
                x.getValue()));
        best.put(from, Double.POSITIVE_INFINITY);
        queue.add(Map.entry(from, Double.POSITIVE_INFINITY));
        while (!queue.isEmpty()) {
            Map.Entry<String, Double> head = queue.poll();
            String node = head.getKey();
            if (node.equals(to)) {
                return head.getValue();
            }
            if (head.getValue() < best.get(node)) {
                continue;
            }
            capacity.getOrDefault(node, Map.of()).forEach((next, bps) -> {
                double width = Math.min(head.getValue(), bps);
                if (width > best.getOrDefault(next, 0.0)) {
                    best.put(next, width);
                    queue.add(Map.entry(next, width));
                }
            });
        }
        return 0.0;
    }
}
