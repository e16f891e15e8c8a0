package org.qnetem.runtime.kms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.qnetem.kms.etsi.EtsiException;
import org.qnetem.kms.etsi.KeyContainer;
import org.qnetem.kms.etsi.KeyDelivery;
import org.qnetem.kms.etsi.KeyRequest;
import org.qnetem.kms.etsi.Status;
import org.qnetem.runtime.QnetemConfig;
import org.qnetem.runtime.clock.ClockMode;
import org.qnetem.runtime.clock.ClockSettings;
import org.qnetem.runtime.clock.ProgressListener;
import org.qnetem.runtime.report.RunReport;
import org.qnetem.runtime.report.RunReports;
import org.qnetem.runtime.run.Emulation;
import org.qnetem.runtime.run.RunResult;
import org.qnetem.runtime.run.RunSettings;
import org.qnetem.runtime.topology.Fidelity;
import org.qnetem.runtime.topology.Topology;
import org.qnetem.runtime.topology.TopologyLoader;

/**
 * A short real-time run of three nodes in a line, SAEs two hops apart: enc_keys at one end's KME and
 * dec_keys at the other's, through the same adapters the HTTPS layer uses, give the same keys, relayed by
 * the middle node; cutting a link for the key layer leaves no path (503); the report lists the KMEs with
 * their counters and real pools.
 */
class KeyLayerRunTest {

    private static final long SECONDS_PS = 1_000_000_000_000L;

    @Test
    void keysRelayedOverTwoHopsReachBothSaesIdenticallyAndTheReportCountsThem() throws Exception {
        Topology three = TopologyLoader.load(Path.of("src/test/resources/topology/three-node-kms.conf"))
                .withFidelity(Fidelity.STATISTICAL);
        CompletableFuture<KeyLayer> layer = new CompletableFuture<>();
        RunSettings settings = new RunSettings(5, new ClockSettings(ClockMode.REALTIME, 1.0, 6 * SECONDS_PS,
                SECONDS_PS / 20));
        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> Emulation.run(three, settings,
                ProgressListener.NONE, QnetemConfig.load(), null, live -> layer.complete(live.keyLayer())));
        KeyLayer keys = layer.get(30, TimeUnit.SECONDS);
        KeyDelivery west = keys.deliveries().get("WEST");
        KeyDelivery east = keys.deliveries().get("EAST");

        // Wait (within the run) until WEST sees enough key on the widest path to EAST.
        Status status = west.status("app-west", "app-east").toCompletableFuture().get();
        while (status.storedKeyCount() < 8 && !run.isDone()) {
            Thread.sleep(50);
            status = west.status("app-west", "app-east").toCompletableFuture().get();
        }
        assertEquals("EAST", status.targetKmeId());
        assertTrue(status.storedKeyCount() >= 8, "no key reached the pools during the run");

        KeyContainer enc = west.encKeys("app-west", "app-east", KeyRequest.of(Optional.of(4), Optional.of(256)))
                .toCompletableFuture().get();
        List<UUID> ids = enc.keys().stream().map(KeyContainer.Key::keyId).toList();
        KeyContainer dec = east.decKeys("app-east", "app-west", ids).toCompletableFuture().get();
        assertEquals(ids, dec.keys().stream().map(KeyContainer.Key::keyId).toList());
        for (int i = 0; i < ids.size(); i++) {
            assertArrayEquals(enc.keys().get(i).key(), dec.keys().get(i).key(), "key " + i);
        }
        CompletionException again = assertThrows(CompletionException.class,
                () -> east.decKeys("app-east", "app-west", ids).toCompletableFuture().join());
        assertEquals(400, ((EtsiException) again.getCause()).httpStatus());
        CompletionException stranger = assertThrows(CompletionException.class,
                () -> west.encKeys("app-east", "app-west", KeyRequest.of(Optional.empty(), Optional.empty()))
                        .toCompletableFuture().join());
        assertEquals(401, ((EtsiException) stranger.getCause()).httpStatus());

        // Cut WEST-MID for the key layer: WEST has no path left to EAST.
        keys.setLinkUp("WEST-MID", false);
        assertEquals(0, west.status("app-west", "app-east").toCompletableFuture().get().storedKeyCount());
        CompletionException cut = assertThrows(CompletionException.class,
                () -> west.encKeys("app-west", "app-east", KeyRequest.of(Optional.of(1), Optional.empty()))
                        .toCompletableFuture().join());
        assertEquals(503, ((EtsiException) cut.getCause()).httpStatus());

        RunReport report = RunReports.of(run.get(60, TimeUnit.SECONDS));
        assertEquals(List.of("WEST", "MID", "EAST"), report.kmes().stream().map(RunReport.KmeReport::id).toList());
        RunReport.KmeReport westKme = report.kmes().get(0);
        RunReport.KmeReport midKme = report.kmes().get(1);
        RunReport.KmeReport eastKme = report.kmes().get(2);
        assertEquals("https://127.0.0.1:18443", westKme.url());
        assertEquals(List.of("app-west"), westKme.saes());
        assertEquals(4, westKme.encKeysServed());
        assertEquals(1, westKme.refused().get("not_attached"));
        assertEquals(1, westKme.refused().get("insufficient_key"));
        assertEquals(4, midKme.keysRelayed());
        assertEquals(4, eastKme.decKeysServed());
        assertEquals(1, eastKme.refused().get("unknown_key"));
        assertEquals(null, midKme.url());
        RunReport.PoolReport westToMid = report.nodes().get(0).pools().get("MID");
        assertEquals(1024, westToMid.spentBits(), "WEST spent |K| = 1024 bits towards MID");
        assertTrue(westToMid.suppliedBits() > 0 && westToMid.bits() > 0);
        assertEquals(false, westToMid.up(), "the report shows the cut");
        assertEquals(report.nodes().get(1).pools().get("WEST").suppliedBits(), westToMid.suppliedBits(),
                "both ends of a link receive the same key");
    }
}
