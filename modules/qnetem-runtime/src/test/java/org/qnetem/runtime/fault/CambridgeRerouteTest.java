package org.qnetem.runtime.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.qnetem.kms.etsi.KeyContainer;
import org.qnetem.kms.etsi.KeyDelivery;
import org.qnetem.kms.etsi.KeyRequest;
import org.qnetem.runtime.QnetemConfig;
import org.qnetem.runtime.clock.ClockMode;
import org.qnetem.runtime.clock.ClockSettings;
import org.qnetem.runtime.clock.ProgressListener;
import org.qnetem.runtime.operator.LiveRun;
import org.qnetem.runtime.report.RunReport;
import org.qnetem.runtime.report.RunReports;
import org.qnetem.runtime.run.Emulation;
import org.qnetem.runtime.run.RunSettings;
import org.qnetem.runtime.run.RunResult;
import org.qnetem.runtime.topology.Fidelity;
import org.qnetem.runtime.topology.ScenarioLoader;
import org.qnetem.runtime.topology.Topology;
import org.qnetem.runtime.topology.TopologyLoader;

/**
 * The shipped cambridge-2019-reroute scenario, paced at twice real time: while CAPE-TREL is cut, the key
 * CAPE's application asks for to share with TREL's is relayed through ENGI, and both get it. (At ten times
 * real time a loaded machine let the run end while the relay was still under way, and the asks never came
 * back from the stopped actor system.)
 */
class CambridgeRerouteTest {

    private static final long SECOND_PS = 1_000_000_000_000L;

    @Test
    void whileCapeTrelIsCutKeyRequestsSucceedThroughEngi() throws Exception {
        Topology cambridge = TopologyLoader.load(Path.of("../../config/cambridge-2019.conf"))
                .withFidelity(Fidelity.STATISTICAL);
        RunSettings settings = new RunSettings(1, new ClockSettings(ClockMode.REALTIME, 2.0, 45 * SECOND_PS,
                SECOND_PS / 20), ScenarioLoader.load(Path.of("../../config/scenarios/cambridge-2019-reroute.conf"),
                cambridge));
        CompletableFuture<LiveRun> started = new CompletableFuture<>();
        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> Emulation.run(cambridge, settings,
                ProgressListener.NONE, QnetemConfig.load(), null, started::complete));
        LiveRun live = started.get(30, TimeUnit.SECONDS);
        KeyDelivery cape = live.keyLayer().deliveries().get("CAM-CAPE");
        KeyDelivery trel = live.keyLayer().deliveries().get("CAM-TREL");
        while (live.clock().emulatedPs() < 21 * SECOND_PS && !run.isDone()) {
            Thread.sleep(10);
        }
        if (run.isDone()) {
            run.join(); // a run that failed early says why here, instead of the asks below waiting on a dead system
        }
        assertTrue(live.clock().emulatedPs() < 38 * SECOND_PS, "asked while the link is cut");

        KeyContainer enc = cape.encKeys("linecard-1a", "linecard-1b", KeyRequest.of(Optional.of(4), Optional.of(256)))
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        List<UUID> ids = enc.keys().stream().map(KeyContainer.Key::keyId).toList();
        KeyContainer dec = trel.decKeys("linecard-1b", "linecard-1a", ids).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        for (int i = 0; i < ids.size(); i++) {
            assertArrayEquals(enc.keys().get(i).key(), dec.keys().get(i).key(), "key " + i);
        }

        RunReport report = RunReports.of(run.get(120, TimeUnit.SECONDS));
        RunReport.KmeReport engi = report.kmes().stream().filter(k -> k.id().equals("CAM-ENGI")).findFirst()
                .orElseThrow();
        assertEquals(4, engi.keysRelayed(), "the keys went round through ENGI");
        assertTrue(report.events().stream().anyMatch(e -> e.type().equals("fault-cleared")), "the link came back");
        report.invariants().forEach((name, count) -> assertEquals(0, count, name));

        // The key supply per SAE pair around the cut: the pair that called was served during it; a pair that
        // did not call could still get key relayed round the ring.
        RunReport.FaultReport cut = report.faults().get(0);
        RunReport.SaePairSupplyReport called = pair(cut, "linecard-1a", "linecard-1b");
        assertEquals("served", called.measure());
        assertEquals(4 * 256 / ((cut.clearedSeconds() - cut.appliedSeconds())), called.duringBps(), 1e-9,
                "four 256-bit keys while the link was cut");
        assertEquals(0.0, called.beforeBps());
        RunReport.SaePairSupplyReport idle = pair(cut, "linecard-1a", "linecard-2a");
        assertEquals("relay-supply", idle.measure());
        assertTrue(idle.duringBps() > 0, "CAPE to TREL round through ENGI while CAPE-TREL is cut: " + idle);
        assertTrue(idle.beforeBps() > 0 && idle.afterBps() > 0, idle.toString());
        assertTrue(cut.saePairs().stream().noneMatch(p -> Set.of(p.a(), p.b()).equals(Set.of("linecard-1b",
                "linecard-2a"))), "both at TREL: no QKD between them");
    }

    private static RunReport.SaePairSupplyReport pair(RunReport.FaultReport fault, String a, String b) {
        return fault.saePairs().stream().filter(p -> Set.of(p.a(), p.b()).equals(Set.of(a, b))).findFirst()
                .orElseThrow(() -> new AssertionError("no pair " + a + ", " + b + " in " + fault.saePairs()));
    }
}
