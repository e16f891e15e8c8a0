package org.qnetem.kms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qnetem.kms.KmeRelayTest.failure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.qnetem.kms.etsi.KeyContainer;
import org.qnetem.kms.etsi.KeyRequest;
import org.qnetem.kms.etsi.Status;

/** Every refusal of the ETSI GS QKD 014 calls, with the status the spec gives it, and the Status figures. */
class KmeEtsiSemanticsTest {

    private static final KmsSettings SETTINGS = new KmsSettings(KmsSettings.DEFAULT_POOL_CAPACITY_BITS, 0,
            Duration.ofSeconds(10), 256, 4, 64, 1024, 1, 500);

    /** N0 - N1 - N2; alice and carol at N0, bob and eve at N2, dave at N1. */
    private static KmeNetwork network() {
        KmeNetwork net = new KmeNetwork(SETTINGS, KmeNetwork.chain(2),
                Map.of("alice", "N0", "carol", "N0", "bob", "N2", "eve", "N2", "dave", "N1"), 11);
        net.feedAll(1, 3072);
        return net;
    }

    private static KeyRequest request(Integer number, Integer size, List<String> additional) {
        return new KeyRequest(Optional.ofNullable(number), Optional.ofNullable(size), additional, List.of(), List.of());
    }

    private static int encStatus(KmeNetwork net, String master, String slave, KeyRequest request) {
        CompletableFuture<KeyContainer> answer = net.kme("N0").encKeys(master, slave, request);
        net.deliverAll();
        return failure(answer).httpStatus();
    }

    @Test
    void encKeysRefusals() {
        KmeNetwork net = network();
        assertEquals(401, encStatus(net, "bob", "alice", request(1, 256, List.of())), "master not attached here");
        assertEquals(400, encStatus(net, "alice", "nobody", request(1, 256, List.of())), "unknown slave");
        assertEquals(400, encStatus(net, "alice", "carol", request(1, 256, List.of())), "slave at the same KME");
        assertEquals(400, encStatus(net, "alice", "bob", request(0, 256, List.of())), "number 0");
        assertEquals(400, encStatus(net, "alice", "bob", request(5, 256, List.of())), "number above the maximum");
        assertEquals(400, encStatus(net, "alice", "bob", request(1, 260, List.of())), "size not a multiple of 8");
        assertEquals(400, encStatus(net, "alice", "bob", request(1, 56, List.of())), "size below the minimum");
        assertEquals(400, encStatus(net, "alice", "bob", request(1, 1032, List.of())), "size above the maximum");
        assertEquals(400, encStatus(net, "alice", "bob", request(1, 256, List.of("dave", "eve"))), "too many slaves");
        assertEquals(400, encStatus(net, "alice", "bob", request(1, 256, List.of("bob"))), "slave named twice");
        assertEquals(400, encStatus(net, "alice", "bob", request(1, 256, List.of("zed"))), "unknown extra slave");
        assertEquals(400, encStatus(net, "alice", "bob", new KeyRequest(Optional.empty(), Optional.empty(),
                List.of(), List.of(Map.of("route", "fast")), List.of())), "a mandatory extension");
        for (int i = 0; i < 2; i++) {
            net.settle(net.kme("N0").encKeys("alice", "bob", request(4, 1024, List.of())));
        }
        assertEquals(503, encStatus(net, "alice", "bob", request(1, 64, List.of())), "no key left");
        Map<String, Long> refused = net.kme("N0").counters().refusedByReason();
        assertEquals(1, refused.get("not_attached"));
        assertEquals(1, refused.get("unknown_sae"));
        assertEquals(1, refused.get("same_kme"));
        assertEquals(2, refused.get("bad_number"));
        assertEquals(3, refused.get("bad_size"));
        assertEquals(3, refused.get("bad_sae_ids"));
        assertEquals(1, refused.get("unsupported_extension"));
        assertEquals(1, refused.get("insufficient_key"));
        assertEquals(8, net.kme("N2").storedKeys(), "only the two served requests left keys at bob's KME");
    }

    @Test
    void defaultsAreOneKeyOfTheStatusKeySize() {
        KmeNetwork net = network();
        KeyContainer enc = net.settle(net.kme("N0").encKeys("alice", "bob", request(null, null, List.of())));
        assertEquals(1, enc.keys().size());
        assertEquals(32, enc.keys().get(0).key().length);
    }

    @Test
    void decKeysRefusals() {
        KmeNetwork net = network();
        KeyContainer enc = net.settle(net.kme("N0").encKeys("alice", "bob", request(2, 128, List.of())));
        List<UUID> ids = enc.keys().stream().map(KeyContainer.Key::keyId).toList();
        assertEquals(401, failure(net.kme("N2").decKeys("alice", "alice", ids)).httpStatus(), "caller not attached");
        assertEquals(401, failure(net.kme("N2").decKeys("eve", "alice", ids)).httpStatus(), "not addressed to eve");
        assertEquals(400, failure(net.kme("N2").decKeys("bob", "carol", ids)).httpStatus(), "wrong master");
        assertEquals(400, failure(net.kme("N2").decKeys("bob", "alice", List.of())).httpStatus(), "no ids");
        assertEquals(400, failure(net.kme("N2").decKeys("bob", "alice", List.of(ids.get(0), ids.get(0))))
                .httpStatus(), "an id twice");
        assertEquals(400, failure(net.kme("N2").decKeys("bob", "alice", List.of(UUID.randomUUID()))).httpStatus(),
                "never issued");
        // A refused call hands out nothing: both keys are still there for bob, once.
        KeyContainer dec = net.settle(net.kme("N2").decKeys("bob", "alice", List.of(ids.get(1))));
        assertArrayEquals(enc.keys().get(1).key(), dec.keys().get(0).key());
        assertEquals(400, failure(net.kme("N2").decKeys("bob", "alice", ids)).httpStatus(), "one already used");
        dec = net.settle(net.kme("N2").decKeys("bob", "alice", List.of(ids.get(0))));
        assertArrayEquals(enc.keys().get(0).key(), dec.keys().get(0).key());
        Map<String, Long> refused = net.kme("N2").counters().refusedByReason();
        assertEquals(1, refused.get("not_attached"));
        assertEquals(1, refused.get("not_addressed"));
        assertEquals(2, refused.get("bad_key_ids"));
        assertEquals(3, refused.get("unknown_key"));
        assertEquals(2, net.kme("N2").counters().decKeysServed());
    }

    @Test
    void uncollectedKeysExpireAndAreWiped() {
        KmeNetwork net = network();
        KeyContainer enc = net.settle(net.kme("N0").encKeys("alice", "bob", request(3, 128, List.of())));
        List<UUID> ids = enc.keys().stream().map(KeyContainer.Key::keyId).toList();
        net.nowNanos += Duration.ofSeconds(10).toNanos() - 1;
        assertEquals(3, net.kme("N2").storedKeys());
        net.nowNanos += 1;
        assertEquals(400, failure(net.kme("N2").decKeys("bob", "alice", ids)).httpStatus());
        assertEquals(3, net.kme("N2").counters().keysExpired());
        assertEquals(0, net.kme("N2").storedKeys());
    }

    @Test
    void statusReflectsThePoolThePairDrawsFrom() {
        KmeNetwork net = network();
        Status relayed = net.settle(net.kme("N0").status("alice", "bob"));
        assertEquals("N0", relayed.sourceKmeId());
        assertEquals("N2", relayed.targetKmeId());
        // Each share holds (3072 - 1024) / 2 bytes = 8,192 bits; the relayed pair is limited by its scarcest hop.
        assertEquals(8192 / 256, relayed.storedKeyCount());
        assertEquals(256, relayed.keySize());
        assertEquals(4, relayed.maxKeyPerRequest());
        assertEquals(1, relayed.maxSaeIdCount());
        assertEquals(500, relayed.maxKeyCount());
        net.feed("L0", 3072);
        assertEquals(8192 / 256, net.settle(net.kme("N0").status("alice", "bob")).storedKeyCount(),
                "more key on the first hop does not widen the path");
        assertEquals(2 * 8192 / 256, net.settle(net.kme("N0").status("alice", "dave")).storedKeyCount(),
                "a neighbour's pair draws from the direct pool");
        net.settle(net.kme("N0").encKeys("alice", "bob", request(4, 1024, List.of())));
        assertEquals((8192 - 4096) / 256, net.settle(net.kme("N0").status("alice", "bob")).storedKeyCount());
        assertEquals(401, failure(net.kme("N0").status("bob", "alice")).httpStatus());
        assertEquals(400, failure(net.kme("N0").status("alice", "nobody")).httpStatus());
    }
}
