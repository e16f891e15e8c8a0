package org.qnetem.runtime.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.qnetem.physics.attack.Attack;
import org.qnetem.kms.KmeCounters;
import org.qnetem.kms.KmePool;
import org.qnetem.physics.batch.Bbm92Expectation;
import org.qnetem.physics.model.Bb84Expectation;
import org.qnetem.runtime.clock.ClockMode;
import org.qnetem.runtime.clock.ClockSummary;
import org.qnetem.qkd.protocol.ExpectedKeyRate;
import org.qnetem.physics.model.BinaryEntropy;
import org.qnetem.runtime.kms.KmeReport;
import org.qnetem.runtime.fault.Event;
import org.qnetem.runtime.link.BlockDetail;
import org.qnetem.runtime.link.BlockRecord;
import org.qnetem.runtime.link.KeyStatistics;
import org.qnetem.runtime.link.LinkStatistics;
import org.qnetem.runtime.run.RunResult;
import org.qnetem.runtime.topology.KmeEndpoint;
import org.qnetem.runtime.topology.LinkSpec;
import org.qnetem.runtime.topology.NodeRole;
import org.qnetem.runtime.topology.NodeSpec;
import org.qnetem.runtime.topology.SaeSpec;
import org.qnetem.runtime.topology.Topology;

/** Builds the run report from a run's measurements and the analytic model of each link. */
public final class RunReports {

    private RunReports() {
    }

    public static RunReport of(RunResult result) {
        ClockSummary clock = result.clock();
        double seconds = clock.emulatedSeconds();
        List<RunReport.LinkReport> links = new ArrayList<>();
        Map<String, Long> invariants = new LinkedHashMap<>();
        List<RunReport.EventReport> events = new ArrayList<>();
        events.add(new RunReport.EventReport(0, "run-started", result.topology().name(), null,
                result.topology().links().size() + " links, " + result.topology().nodes().size() + " nodes"));
        List<Event> happened = FaultReports.events(result);
        for (Event event : happened) {
            events.add(new RunReport.EventReport(event.timePs() / 1e12, event.type(), event.target(),
                    event.faultId() == Event.NO_FAULT ? null : event.faultId(), event.detail()));
        }
        for (int i = 0; i < result.links().size(); i++) {
            LinkSpec spec = result.topology().links().get(i);
            LinkStatistics measured = result.links().get(i);
            KeyStatistics keys = measured.keys();
            links.add(linkReport(spec, measured, seconds, result.settings().clock().durationPs()));
            invariants.merge("mismatched_keys", keys.mismatchedKeys(), Long::sum);
            invariants.merge("keys_delivered_twice", keys.keysDeliveredTwice(), Long::sum);
            invariants.merge("keys_from_aborted_blocks", keys.keysFromAbortedBlocks(), Long::sum);
            invariants.merge("sift_length_mismatches", measured.siftLengthMismatches(), Long::sum);
        }
        List<RunReport.NodeReport> nodes = new ArrayList<>();
        Map<String, List<Integer>> linksByNode = linksByNode(result.topology().links());
        for (NodeSpec node : result.topology().nodes()) {
            List<Integer> touching = linksByNode.getOrDefault(node.id(), List.of());
            nodes.add(new RunReport.NodeReport(node.id(), node.name(),
                    node.position().map(NodeSpec.GeoPosition::latitude).orElse(null),
                    node.position().map(NodeSpec.GeoPosition::longitude).orElse(null),
                    node.roles().stream().map(NodeRole::configName).toList(),
                    linkIds(result, touching, link -> link.transmitterId().equals(node.id())),
                    linkIds(result, touching, link -> link.receiverId().equals(node.id())),
                    pools(result.kmes().get(nodes.size()))));
        }
        List<RunReport.KmeReport> kmes = new ArrayList<>();
        for (int i = 0; i < result.kmes().size(); i++) {
            kmes.add(kmeReport(result.topology(), result.topology().nodes().get(i), result.kmes().get(i)));
        }
        boolean realtime = result.settings().clock().mode() == ClockMode.REALTIME;
        events.add(new RunReport.EventReport(seconds, "run-finished", result.topology().name(), null,
                clock.epochs() + " epochs"));
        return new RunReport(result.topology().name(), result.topology().source(), result.settings().seed(),
                result.settings().clock().mode().name().toLowerCase(Locale.ROOT),
                realtime ? result.settings().clock().speed() : null, seconds, clock.wallSeconds(),
                clock.realTimeFactor(), realtime ? clock.maxLagNanos() / 1e6 : 0, links, nodes, kmes, invariants,
                events, FaultReports.faults(result, happened, seconds), FaultReports.groundTruth(result),
                result.cluster().map(cluster -> ClusterReports.of(cluster, clock.wallSeconds())).orElse(null),
                lost(result));
    }

    private static List<RunReport.LostReport> lost(RunResult result) {
        return result.lost().stream().map(loss -> new RunReport.LostReport(loss.member(), loss.noticedAtPs() / 1e12,
                loss.regions(), loss.nodes(), loss.nodes(), result.topology().links().stream()
                        .filter(loss::affects)
                        .map(LinkSpec::id).toList(), result.faultEvents().stream()
                        .filter(event -> event.type().equals("links-renewed") && event.target().equals(loss.member()))
                        .map(event -> event.timePs() / 1e12).findFirst().orElse(null), loss.links())).toList();
    }

    /** The node's KME's real pools, by peer id. */
    private static Map<String, RunReport.PoolReport> pools(KmeReport kme) {
        Map<String, RunReport.PoolReport> pools = new LinkedHashMap<>();
        for (KmePool pool : kme.pools()) {
            pools.put(pool.peer(), new RunReport.PoolReport(pool.ownBits(), pool.suppliedBits(), pool.overflowBits(),
                    pool.spentBits(), pool.lowWaterEvents(), pool.up(), pool.lostBits()));
        }
        return pools;
    }

    /** A KME as the report (and the operator API) shows it. */
    public static RunReport.KmeReport kmeReport(Topology topology, NodeSpec node, KmeReport kme) {
        KmeCounters c = kme.counters();
        Optional<KmeEndpoint> endpoint = node.kme();
        return new RunReport.KmeReport(kme.kmeId(), node.id(), endpoint.map(KmeEndpoint::host).orElse(null),
                endpoint.map(KmeEndpoint::port).orElse(null), endpoint.map(KmeEndpoint::url).orElse(null),
                topology.saes().stream().filter(sae -> sae.node().equals(node.id())).map(SaeSpec::id).toList(),
                c.encKeysServed(), c.decKeysServed(), c.keysRelayed(), c.keysExpired(), c.relaysAborted(),
                c.messagesRejected(), c.refusedByReason(), kme.storedKeys(),
                Arrays.stream(kme.pools()).mapToLong(KmePool::lostBits).sum());
    }

    /** The analytic model of a link: per pulse (BBM92: per pump pulse or window), and its secret key rate. */
    private record Expected(double detectionProbability, double qber, double siftedRateBps,
                            double secretKeyRateBps) {

        static Expected of(LinkSpec spec, long durationPs) {
            if (spec.isSatellite()) {
                return overPasses(spec, durationPs);
            }
            return switch (spec.protocol()) {
                case DECOY_BB84 -> {
                    Bb84Expectation link = new Bb84Expectation(spec.weakCoherentSource(), spec.fibre(),
                            spec.receiver());
                    yield new Expected(link.clickProbability(), link.qber(), link.siftedRateBps(),
                            ExpectedKeyRate.decoyBb84(spec.weakCoherentSource(), link, spec.postProcessing(),
                                    ExpectedKeyRate.CASCADE_EFFICIENCY).secretKeyRateBps());
                }
                // BBM92's detections are coincidences: a pulse (window) in which both ends click.
                case BBM92 -> {
                    Bbm92Expectation link = Bbm92Expectation.of(spec.source(), spec.armA(), spec.armB(), 0);
                    yield new Expected(link.coincidenceProbability(), link.qber(), link.siftedRateBps(),
                            ExpectedKeyRate.bbm92(spec.source(), spec.armA(), spec.armB(), spec.postProcessing(),
                                    ExpectedKeyRate.CASCADE_EFFICIENCY).secretKeyRateBps());
                }
            };
        }

        /**
         * A satellite link's model averaged over the run: the pass's transmittance at the middle of each step of
         * one batch (or of 1/6,000 of the run, if longer), nothing between passes, as
         * the link samples it. The QBER is the sifted-weighted mean; the secret key rate the mean of each step's
         * finite-key rate, which treats a block as if it saw one loss (a block that spans much of a pass mixes
         * several, so this is a guide, not an exact expectation).
         */
        private static Expected overPasses(LinkSpec spec, long durationPs) {
            double batchPs = spec.batchPulses() / spec.source().clockHz() * 1e12;
            int steps = (int) Math.min(MAX_SATELLITE_STEPS, Math.max(1, Math.ceil(durationPs / batchPs)));
            double stepPs = (double) durationPs / steps;
            double detection = 0;
            double sifted = 0;
            double siftedErrors = 0;
            double secret = 0;
            for (int i = 0; i < steps; i++) {
                double transmittance = spec.satellite().transmittanceAt(Math.round((i + 0.5) * stepPs));
                if (transmittance == 0) {
                    continue;
                }
                Bb84Expectation link = new Bb84Expectation(spec.weakCoherentSource(), transmittance,
                        spec.receiver(), Attack.NONE);
                detection += link.clickProbability();
                sifted += link.siftedRateBps();
                siftedErrors += link.siftedRateBps() * link.qber();
                secret += ExpectedKeyRate.decoyBb84(spec.weakCoherentSource(), link, spec.postProcessing(),
                        ExpectedKeyRate.CASCADE_EFFICIENCY).secretKeyRateBps();
            }
            return new Expected(detection / steps, sifted > 0 ? siftedErrors / sifted : Double.NaN, sifted / steps,
                    secret / steps);
        }
    }

    /** At most this many evaluations of a satellite link's pass model per report. */
    private static final int MAX_SATELLITE_STEPS = 6_000;

    private static RunReport.LinkReport linkReport(LinkSpec spec, LinkStatistics measured, double seconds,
                                                   long durationPs) {
        Expected expected = Expected.of(spec, durationPs);
        KeyStatistics keys = measured.keys();
        Double efficiency = keys.shannonBits() > 0 ? keys.leakedBits() / keys.shannonBits() : null;
        Double qber = measured.siftedBits() == 0 ? null : measured.qber();
        Double stderr = qber == null ? null : measured.qberStandardError();
        Double groundTruth = measured.groundTruthMatched() == 0 ? null
                : (double) measured.groundTruthMatchedErrors() / measured.groundTruthMatched();
        return new RunReport.LinkReport(spec.id(), spec.transmitterId(), spec.receiverId(), spec.protocol().configName(),
                spec.fidelity().configName(), spec.fibre().lengthKm(), spec.fibre().lossDb(), spec.source().clockHz(),
                measured.batches(), measured.pulses(), measured.detections(),
                measured.pulses() * expected.detectionProbability(), measured.doubleClicks(), measured.siftedBits(),
                qber, stderr, expected.qber(), groundTruth, measured.siftedBits() / seconds,
                expected.siftedRateBps(), keys.blocks(), keys.abortedBlocks(), keys.secretBits() / seconds,
                expected.secretKeyRateBps(), keys.deliveredBits() / seconds, efficiency,
                keys.refillBits(), "sha256:" + keys.keyDigest(), keyBlocks(keys));
    }

    private static List<RunReport.KeyBlockReport> keyBlocks(KeyStatistics keys) {
        List<RunReport.KeyBlockReport> blocks = new ArrayList<>();
        for (BlockRecord record : keys.delivered()) {
            BlockDetail d = record.detail();
            Map<String, Double> terms = new LinkedHashMap<>();
            String[] names = d.termNames();
            double[] values = d.termValues();
            for (int i = 0; i < names.length; i++) {
                terms.put(names[i], values[i]);
            }
            double shannon = d.keyBits() * BinaryEntropy.of(d.keyQber());
            blocks.add(new RunReport.KeyBlockReport(record.blockId(), d.firstBatch(), d.lastBatch(),
                    d.openedAtPs() / 1e12, record.finishedAtPs() / 1e12, d.keyDetections(), d.testDetections(),
                    d.testErrors(), d.testQber(), d.keyQber(), d.leakedBits(),
                    shannon > 0 ? d.leakedBits() / shannon : null, d.cascadeRounds(), terms, d.lengthBound(),
                    d.secretBits(), d.refillBits(), d.deliveredBits()));
        }
        return blocks;
    }

    private static List<String> linkIds(RunResult result, List<Integer> touching, Predicate<LinkSpec> which) {
        return touching.stream().map(result.topology().links()::get).filter(which).map(LinkSpec::id).toList();
    }

    /**
     * The indices of the links at each node, in topology order, gathered in one pass: looking through every
     * link for every node made the report of a 5,000-node network quadratic.
     */
    private static Map<String, List<Integer>> linksByNode(List<LinkSpec> links) {
        Map<String, List<Integer>> byNode = new HashMap<>();
        for (int i = 0; i < links.size(); i++) {
            byNode.computeIfAbsent(links.get(i).transmitterId(), id -> new ArrayList<>()).add(i);
            byNode.computeIfAbsent(links.get(i).receiverId(), id -> new ArrayList<>()).add(i);
        }
        return byNode;
    }
}
