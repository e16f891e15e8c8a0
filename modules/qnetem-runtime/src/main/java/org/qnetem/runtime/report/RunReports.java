package org.qnetem.runtime.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.qnetem.physics.batch.Bbm92Expectation;
import org.qnetem.physics.model.Bb84Expectation;
import org.qnetem.runtime.clock.ClockMode;
import org.qnetem.runtime.clock.ClockSummary;
import org.qnetem.qkd.protocol.ExpectedKeyRate;
import org.qnetem.physics.model.BinaryEntropy;
import org.qnetem.runtime.fault.Event;
import org.qnetem.runtime.link.BlockDetail;
import org.qnetem.runtime.link.BlockRecord;
import org.qnetem.runtime.link.KeyStatistics;
import org.qnetem.runtime.link.LinkStatistics;
import org.qnetem.runtime.run.RunResult;
import org.qnetem.runtime.topology.LinkSpec;
import org.qnetem.runtime.topology.NodeRole;
import org.qnetem.runtime.topology.NodeSpec;

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
            links.add(linkReport(spec, measured, seconds));
            invariants.merge("mismatched_keys", keys.mismatchedKeys(), Long::sum);
            invariants.merge("keys_delivered_twice", keys.keysDeliveredTwice(), Long::sum);
            invariants.merge("keys_from_aborted_blocks", keys.keysFromAbortedBlocks(), Long::sum);
            invariants.merge("sift_length_mismatches", measured.siftLengthMismatches(), Long::sum);
        }
        List<RunReport.NodeReport> nodes = new ArrayList<>();
        for (NodeSpec node : result.topology().nodes()) {
            nodes.add(new RunReport.NodeReport(node.id(), node.name(),
                    node.position().map(NodeSpec.GeoPosition::latitude).orElse(null),
                    node.position().map(NodeSpec.GeoPosition::longitude).orElse(null),
                    node.roles().stream().map(NodeRole::configName).toList(),
                    linkIds(result, link -> link.transmitterId().equals(node.id())),
                    linkIds(result, link -> link.receiverId().equals(node.id())), pools(result, node.id())));
        }
        boolean realtime = result.settings().clock().mode() == ClockMode.REALTIME;
        events.add(new RunReport.EventReport(seconds, "run-finished", result.topology().name(), null,
                clock.epochs() + " epochs"));
        return new RunReport(result.topology().name(), result.topology().source(), result.settings().seed(),
                result.settings().clock().mode().name().toLowerCase(Locale.ROOT),
                realtime ? result.settings().clock().speed() : null, seconds, clock.wallSeconds(),
                clock.realTimeFactor(), realtime ? clock.maxLagNanos() / 1e6 : 0, links, nodes, invariants, events,
                FaultReports.faults(result, happened, seconds), FaultReports.groundTruth(result));
    }

    /** Both ends of a link hold the same delivered key, so a node's pool for a peer is the key of their links. */
    private static Map<String, RunReport.PoolReport> pools(RunResult result, String nodeId) {
        Map<String, Long> bits = new TreeMap<>();
        for (int i = 0; i < result.links().size(); i++) {
            LinkSpec link = result.topology().links().get(i);
            long delivered = result.links().get(i).keys().deliveredBits();
            if (link.transmitterId().equals(nodeId)) {
                bits.merge(link.receiverId(), delivered, Long::sum);
            } else if (link.receiverId().equals(nodeId)) {
                bits.merge(link.transmitterId(), delivered, Long::sum);
            }
        }
        Map<String, RunReport.PoolReport> pools = new LinkedHashMap<>();
        bits.forEach((peer, total) -> pools.put(peer, new RunReport.PoolReport(total)));
        return pools;
    }

    /** The analytic model of a link: per pulse (BBM92: per pump pulse or window), and its key per block. */
    private record Expected(double detectionProbability, double qber, double siftedRateBps, ExpectedKeyRate key) {

        static Expected of(LinkSpec spec) {
            return switch (spec.protocol()) {
                case DECOY_BB84 -> {
                    Bb84Expectation link = new Bb84Expectation(spec.weakCoherentSource(), spec.fibre(),
                            spec.receiver());
                    yield new Expected(link.clickProbability(), link.qber(), link.siftedRateBps(),
                            ExpectedKeyRate.decoyBb84(spec.weakCoherentSource(), link, spec.postProcessing(),
                                    ExpectedKeyRate.CASCADE_EFFICIENCY));
                }
                // BBM92's detections are coincidences: a pulse (window) in which both ends click.
                case BBM92 -> {
                    Bbm92Expectation link = Bbm92Expectation.of(spec.source(), spec.armA(), spec.armB(), 0);
                    yield new Expected(link.coincidenceProbability(), link.qber(), link.siftedRateBps(),
                            ExpectedKeyRate.bbm92(spec.source(), spec.armA(), spec.armB(), spec.postProcessing(),
                                    ExpectedKeyRate.CASCADE_EFFICIENCY));
                }
            };
        }
    }

    private static RunReport.LinkReport linkReport(LinkSpec spec, LinkStatistics measured, double seconds) {
        Expected expected = Expected.of(spec);
        ExpectedKeyRate expectedKey = expected.key();
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
                expectedKey.secretKeyRateBps(), keys.deliveredBits() / seconds, efficiency,
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

    private static List<String> linkIds(RunResult result, Predicate<LinkSpec> which) {
        return result.topology().links().stream().filter(which).map(LinkSpec::id).toList();
    }
}
