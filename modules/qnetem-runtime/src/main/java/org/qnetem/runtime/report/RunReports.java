package org.qnetem.runtime.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.qnetem.physics.model.Bb84Expectation;
import org.qnetem.runtime.clock.ClockMode;
import org.qnetem.runtime.clock.ClockSummary;
import org.qnetem.runtime.link.LinkStatistics;
import org.qnetem.runtime.run.RunResult;
import org.qnetem.runtime.topology.LinkSpec;
import org.qnetem.runtime.topology.NodeSpec;

/** Builds the run report from a run's measurements and the analytic model of each link. */
public final class RunReports {

    private RunReports() {
    }

    public static RunReport of(RunResult result) {
        ClockSummary clock = result.clock();
        double seconds = clock.emulatedSeconds();
        List<RunReport.LinkReport> links = new ArrayList<>();
        long siftMismatches = 0;
        for (int i = 0; i < result.links().size(); i++) {
            LinkSpec spec = result.topology().links().get(i);
            LinkStatistics measured = result.links().get(i);
            links.add(linkReport(spec, measured, seconds));
            siftMismatches += measured.siftLengthMismatches();
        }
        List<RunReport.NodeReport> nodes = new ArrayList<>();
        for (NodeSpec node : result.topology().nodes()) {
            nodes.add(new RunReport.NodeReport(node.id(), node.name(),
                    linkIds(result, link -> link.transmitterId().equals(node.id())),
                    linkIds(result, link -> link.receiverId().equals(node.id()))));
        }
        Map<String, Long> invariants = new LinkedHashMap<>();
        invariants.put("sift_length_mismatches", siftMismatches);
        boolean realtime = result.settings().clock().mode() == ClockMode.REALTIME;
        List<RunReport.EventReport> events = List.of(
                new RunReport.EventReport(0, "run-started", result.topology().links().size() + " links, "
                        + result.topology().nodes().size() + " nodes"),
                new RunReport.EventReport(seconds, "run-finished", clock.epochs() + " epochs"));
        return new RunReport(result.topology().name(), result.topology().source(), result.settings().seed(),
                result.settings().clock().mode().name().toLowerCase(Locale.ROOT),
                realtime ? result.settings().clock().speed() : null, seconds, clock.wallSeconds(),
                clock.realTimeFactor(), realtime ? clock.maxLagNanos() / 1e6 : 0, links, nodes, invariants, events);
    }

    private static RunReport.LinkReport linkReport(LinkSpec spec, LinkStatistics measured, double seconds) {
        Bb84Expectation expected = new Bb84Expectation(spec.source(), spec.fibre(), spec.receiver());
        Double qber = measured.siftedBits() == 0 ? null : measured.qber();
        Double stderr = qber == null ? null : measured.qberStandardError();
        Double groundTruth = measured.groundTruthMatched() == 0 ? null
                : (double) measured.groundTruthMatchedErrors() / measured.groundTruthMatched();
        return new RunReport.LinkReport(spec.id(), spec.transmitterId(), spec.receiverId(), spec.protocol().configName(),
                spec.fidelity().configName(), spec.fibre().lengthKm(), spec.fibre().lossDb(), spec.source().clockHz(),
                measured.batches(), measured.pulses(), measured.detections(),
                measured.pulses() * expected.clickProbability(), measured.doubleClicks(), measured.siftedBits(),
                qber, stderr, expected.qber(), groundTruth, measured.siftedBits() / seconds,
                expected.siftedRateBps());
    }

    private static List<String> linkIds(RunResult result, Predicate<LinkSpec> which) {
        return result.topology().links().stream().filter(which).map(LinkSpec::id).toList();
    }
}
