package org.qnetem.runtime.kms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
import org.qnetem.runtime.run.RunResult;
import org.qnetem.runtime.run.RunSettings;
import org.qnetem.runtime.topology.ScenarioLoader;
import org.qnetem.runtime.topology.Topology;
import org.qnetem.runtime.topology.TopologyLoader;

/** Faults reach the key layer: after a fibre cut and a trusted node's crash, keys flow round the other side. */
class KeyLayerFaultsTest {

    private static final long SECONDS_PS = 1_000_000_000_000L;

    @Test
    void afterACutAndACrashOnOneSideOfTheRingKeysAreRelayedRoundTheOther() throws Exception {
        Topology ring = TopologyLoader.load(Path.of("src/test/resources/topology/ring-kms.conf"));
        RunSettings settings = new RunSettings(9, new ClockSettings(ClockMode.REALTIME, 1.0, 6 * SECONDS_PS,
                SECONDS_PS / 20), ScenarioLoader.parse("faults = [ { at = 1s, fault = cut, link = \"A-B\" },"
                + " { at = 1s, fault = node-crash, node = \"D\", until = 2s } ]", "ring-scenario", ring));
        CompletableFuture<LiveRun> started = new CompletableFuture<>();
        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> Emulation.run(ring, settings,
                ProgressListener.NONE, QnetemConfig.load(), null, started::complete));
        LiveRun live = started.get(30, TimeUnit.SECONDS);
        KeyDelivery a = live.keyLayer().deliveries().get("A");
        KeyDelivery c = live.keyLayer().deliveries().get("C");

        // While D is down too, A has no way to C at all.
        while (live.clock().emulatedPs() < 1_200_000_000_000L && !run.isDone()) {
            Thread.sleep(20);
        }
        assertEquals(0, a.status("app-a", "app-c").toCompletableFuture().get().storedKeyCount(),
                "both ways round are down");

        // D restarts at 2 s: A-B stays cut, so keys go A-D-C.
        long stored = 0;
        while (stored < 4 && !run.isDone()) {
            Thread.sleep(50);
            stored = live.clock().emulatedPs() > 2_100_000_000_000L
                    ? a.status("app-a", "app-c").toCompletableFuture().get().storedKeyCount() : 0;
        }
        assertTrue(stored >= 4, "no key round the ring after D restarted");
        KeyContainer enc = a.encKeys("app-a", "app-c", KeyRequest.of(Optional.of(2), Optional.of(256)))
                .toCompletableFuture().get();
        List<UUID> ids = enc.keys().stream().map(KeyContainer.Key::keyId).toList();
        KeyContainer dec = c.decKeys("app-c", "app-a", ids).toCompletableFuture().get();
        for (int i = 0; i < ids.size(); i++) {
            assertArrayEquals(enc.keys().get(i).key(), dec.keys().get(i).key(), "key " + i);
        }

        RunReport report = RunReports.of(run.get(60, TimeUnit.SECONDS));
        assertEquals(2, report.kmes().get(3).keysRelayed(), "D relayed both keys");
        assertEquals(0, report.kmes().get(1).keysRelayed(), "B, cut off from A, relayed none");
        assertEquals(false, report.nodes().get(0).pools().get("B").up(), "A-B is still cut");
        assertEquals(true, report.nodes().get(0).pools().get("D").up(), "A-D is back");
        report.invariants().forEach((name, count) -> assertEquals(0, count, name));
    }
}
