package org.qnetem.runtime.kms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.qnetem.kms.etsi.EtsiException;
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
import org.qnetem.runtime.run.RunResult;
import org.qnetem.runtime.run.RunSettings;
import org.qnetem.runtime.topology.ScenarioLoader;
import org.qnetem.runtime.topology.Topology;
import org.qnetem.runtime.topology.TopologyLoader;

/**
 * A KME outage on the ring's relay B from 1 s to 3 s while its links keep making key: B answers 503, keys
 * between A and C go round through D, B and its neighbours lose the same key, and B serves again after.
 */
class KmeOutageRunTest {

    private static final long SECOND_PS = 1_000_000_000_000L;

    @Test
    void anOutKmeAnswers503KeysGoRoundItAndItsBlocksAreLostAtBothEnds() throws Exception {
        Topology ring = TopologyLoader.load(Path.of("src/test/resources/topology/ring-kms.conf"));
        RunSettings settings = new RunSettings(4, new ClockSettings(ClockMode.REALTIME, 1.0, 5 * SECOND_PS,
                SECOND_PS / 20), ScenarioLoader.parse("faults = [ { at = 1s, until = 3s, fault = kme-outage,"
                + " node = \"B\" } ]", "kme-outage-scenario", ring));
        CompletableFuture<LiveRun> started = new CompletableFuture<>();
        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> Emulation.run(ring, settings,
                ProgressListener.NONE, QnetemConfig.load(), null, started::complete));
        LiveRun live = started.get(30, TimeUnit.SECONDS);
        KeyDelivery a = live.keyLayer().deliveries().get("A");
        KeyDelivery b = live.keyLayer().deliveries().get("B");
        KeyDelivery c = live.keyLayer().deliveries().get("C");

        waitFor(live, run, 1_500_000_000_000L);
        assertTrue(live.clock().emulatedPs() < 2_800_000_000_000L, "asked while B is out");
        EtsiException out = refusal(b.status("app-a", "app-c"));
        assertEquals(503, out.httpStatus());
        assertTrue(out.getMessage().contains("KME B is out of service"), out.getMessage());
        KeyContainer enc = a.encKeys("app-a", "app-c", KeyRequest.of(Optional.of(2), Optional.of(256)))
                .toCompletableFuture().get();
        List<UUID> ids = enc.keys().stream().map(KeyContainer.Key::keyId).toList();
        KeyContainer dec = c.decKeys("app-c", "app-a", ids).toCompletableFuture().get();
        assertArrayEquals(enc.keys().get(1).key(), dec.keys().get(1).key());

        waitFor(live, run, 3_200_000_000_000L);
        assertEquals(401, refusal(b.status("app-a", "app-c")).httpStatus(), "B is back (and app-a is not its SAE)");

        RunReport report = RunReports.of(run.get(60, TimeUnit.SECONDS));
        assertEquals(2, report.kmes().get(3).keysRelayed(), "D relayed both keys");
        assertEquals(0, report.kmes().get(1).keysRelayed(), "B relayed none");
        assertEquals(1, report.kmes().get(1).refused().get("kme_out"));
        RunReport.PoolReport bFromA = report.nodes().get(0).pools().get("B");
        RunReport.PoolReport aFromB = report.nodes().get(1).pools().get("A");
        RunReport.PoolReport cFromB = report.nodes().get(2).pools().get("B");
        RunReport.PoolReport bFromC = report.nodes().get(1).pools().get("C");
        assertTrue(bFromA.lostBits() > 0, "A-B made key while B was out");
        assertEquals(bFromA.lostBits(), aFromB.lostBits(), "both ends of A-B lost the same blocks");
        assertEquals(cFromB.lostBits(), bFromC.lostBits(), "both ends of B-C lost the same blocks");
        assertEquals(0, report.nodes().get(0).pools().get("D").lostBits());
        assertEquals(bFromA.lostBits() + bFromC.lostBits(), report.kmes().get(1).lostKeyBits());
        assertTrue(aFromB.up() && bFromC.up(), "B's links are back for the key layer");
        assertEquals(List.of(1.0, 3.0), report.events().stream().filter(e -> e.target().equals("B")
                && e.type().startsWith("kme-")).map(RunReport.EventReport::emulatedSeconds).toList());
        RunReport.FaultReport fault = report.faults().get(0);
        assertEquals("kme-outage", fault.kind());
        assertEquals("kme-down", fault.noticedBy());
        assertEquals(3.0, fault.recoveredSeconds());
        report.invariants().forEach((name, count) -> assertEquals(0, count, name));
    }

    private static void waitFor(LiveRun live, CompletableFuture<RunResult> run, long emulatedPs)
            throws InterruptedException {
        while (live.clock().emulatedPs() < emulatedPs && !run.isDone()) {
            Thread.sleep(20);
        }
    }

    private static EtsiException refusal(java.util.concurrent.CompletionStage<?> call) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> call.toCompletableFuture().get());
        return assertInstanceOf(EtsiException.class, e.getCause());
    }
}
