package org.qnetem.runtime.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.qnetem.kms.KmePool;
import org.qnetem.runtime.QnetemConfig;
import org.qnetem.runtime.clock.ClockMode;
import org.qnetem.runtime.clock.ClockSettings;
import org.qnetem.runtime.clock.ProgressListener;
import org.qnetem.runtime.operator.LiveRun;
import org.qnetem.runtime.report.RunReport;
import org.qnetem.runtime.report.RunReports;
import org.qnetem.runtime.run.Emulation;
import org.qnetem.runtime.run.RunResult;
import org.qnetem.runtime.run.RunSettings;
import org.qnetem.runtime.topology.ScenarioLoader;
import org.qnetem.runtime.topology.Topology;
import org.qnetem.runtime.topology.TopologyLoader;

/**
 * A classical channel that lets nothing through takes its hop down for the KMEs, whose relay messages cross
 * the same classical network, for as long as it lasts: a partition, then a loss of every transmission; a
 * loss that lets messages through (probability below 1) does not.
 */
class ClassicalFaultsKeyLayerTest {

    private static final long MS = 1_000_000_000L;

    /** Two nodes at full fidelity with a slow source: the key layer's state is what is watched, not key. */
    private static final Topology TWO_NODE = TopologyLoader.parse("""
            topology {
              name = "classical-key-layer"
              nodes = [ { id = "ALICE" }, { id = "BOB" } ]
              links = [
                {
                  id = "ALICE-BOB", a = "ALICE", b = "BOB", fidelity = full
                  fibre { length-km = 10 }
                  source { clock-hz = 1e6, intensities = [0.53, 0.26, 0.0002], probabilities = [0.28, 0.50, 0.22] }
                  receiver { detector-efficiency = 0.1, dark-count-per-gate = 6e-7 }
                }
              ]
            }
            """, "classical-key-layer");

    @Test
    void aPartitionOrATotalLossTakesTheHopDownForRelaysWhileItLasts() throws Exception {
        RunSettings settings = new RunSettings(3, new ClockSettings(ClockMode.REALTIME, 1.0, 4_000 * MS, 50 * MS),
                ScenarioLoader.parse("""
                        faults = [
                          { at = 500ms, until = 1500ms, fault = partition, link = "ALICE-BOB" }
                          { at = 1500ms, until = 2500ms, fault = classical-loss, link = "ALICE-BOB", probability = 0.5 }
                          { at = 2500ms, until = 3500ms, fault = classical-loss, link = "ALICE-BOB", probability = 1 }
                        ]""", "classical-scenario", TWO_NODE));
        CompletableFuture<LiveRun> started = new CompletableFuture<>();
        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> Emulation.run(TWO_NODE, settings,
                ProgressListener.NONE, QnetemConfig.load(), null, started::complete));
        LiveRun live = started.get(30, TimeUnit.SECONDS);

        assertEquals(List.of(true, true), upAt(live, run, 300 * MS), "before");
        assertEquals(List.of(false, false), upAt(live, run, 1_000 * MS), "partitioned");
        assertEquals(List.of(true, true), upAt(live, run, 2_000 * MS), "lossy but getting through");
        assertEquals(List.of(false, false), upAt(live, run, 3_000 * MS), "every transmission lost");
        RunReport report = RunReports.of(run.get(60, TimeUnit.SECONDS));
        assertEquals(true, report.nodes().get(0).pools().get("BOB").up(), "healed");
        assertEquals(true, report.nodes().get(1).pools().get("ALICE").up(), "healed");
        report.invariants().forEach((name, count) -> assertEquals(0, count, name));
    }

    /** Whether each end's pool for the other is up for relays, once the run has passed {@code ps}. */
    private static List<Boolean> upAt(LiveRun live, CompletableFuture<RunResult> run, long ps) throws Exception {
        while (live.clock().emulatedPs() < ps && !run.isDone()) {
            Thread.sleep(10);
        }
        List<KmeReport> kmes = live.keyLayer().snapshot().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return kmes.stream().map(k -> k.pools()[0]).map(KmePool::up).toList();
    }
}
