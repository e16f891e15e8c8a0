package org.qnetem.runtime.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.qnetem.runtime.QnetemConfig;
import org.qnetem.runtime.clock.ClockMode;
import org.qnetem.runtime.clock.ClockSettings;
import org.qnetem.runtime.clock.ProgressListener;
import org.qnetem.runtime.link.BlockRecord;
import org.qnetem.runtime.link.LinkStatistics;
import org.qnetem.runtime.run.Emulation;
import org.qnetem.runtime.run.RunResult;
import org.qnetem.runtime.run.RunSettings;
import org.qnetem.runtime.topology.ScenarioLoader;
import org.qnetem.runtime.topology.Topology;
import org.qnetem.runtime.topology.TopologyLoader;

/**
 * A two-node decoy-BB84 link for fault tests: unbiased bases (so intercept-resend adds the textbook
 * f(1/4 - e/2) to the QBER in both bases), blocks of 2 x 10^5 key bits so that a short run holds several,
 * a 1 s block timeout and a pre-shared key large enough for small blocks and slow classical channels.
 */
final class FaultRuns {

    static final long SECOND = 1_000_000_000_000L;
    static final long EPOCH_PS = 50_000_000_000L;

    private FaultRuns() {
    }

    static Topology twoNode(String fidelity) {
        return TopologyLoader.parse("""
                topology {
                  name = "faults"
                  nodes = [ { id = "ALICE" }, { id = "BOB" } ]
                  links = [
                    {
                      id = "ALICE-BOB", a = "ALICE", b = "BOB", fidelity = "%s", batch-pulses = 10000000
                      fibre { length-km = 25 }
                      source { clock-hz = 1e9, intensities = [0.53, 0.26, 0.0002], probabilities = [0.28, 0.50, 0.22], basis-bias-x = 0.5 }
                      receiver { detector-efficiency = 0.1, dark-count-per-gate = 6e-7, basis-bias-x = 0.5 }
                      post-processing { key-block-bits = 200000, block-timeout = 1s }
                      authentication { pre-shared-key-bits = 67108864 }
                    }
                  ]
                }
                """.formatted(fidelity), "faults-two-node");
    }

    static RunResult run(Topology topology, String scenario, long durationPs, long seed) {
        List<ScheduledFault> faults = scenario.isEmpty() ? List.of()
                : ScenarioLoader.parse(scenario, "test-scenario", topology);
        RunSettings settings = new RunSettings(seed, new ClockSettings(ClockMode.FAST, 1.0, durationPs, EPOCH_PS),
                faults);
        return Emulation.run(topology, settings, ProgressListener.NONE, QnetemConfig.load());
    }

    static List<Event> events(RunResult result, String type) {
        return result.links().stream().flatMap(l -> Arrays.stream(l.observations().events()))
                .filter(e -> e.type().equals(type)).toList();
    }

    static LinkStatistics link(RunResult result) {
        return result.links().get(0);
    }

    static List<BlockRecord> delivered(RunResult result) {
        return List.of(link(result).keys().delivered());
    }

    static void assertInvariantsZero(RunResult result) {
        for (LinkStatistics link : result.links()) {
            assertEquals(0, link.keys().mismatchedKeys(), link.linkId() + ": mismatched keys");
            assertEquals(0, link.keys().keysDeliveredTwice(), link.linkId() + ": keys delivered twice");
            assertEquals(0, link.keys().keysFromAbortedBlocks(), link.linkId() + ": keys from aborted blocks");
            assertEquals(0, link.siftLengthMismatches(), link.linkId() + ": sift length mismatches");
        }
    }
}
