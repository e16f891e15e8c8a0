package org.qnetem.kms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.qnetem.kms.etsi.EtsiException;
import org.qnetem.kms.etsi.KeyContainer;
import org.qnetem.kms.etsi.KeyRequest;
import org.qnetem.wire.v1.KmeMessage;

class KmeRelayTest {

    /** A third for authentication, then 1,024 bytes (8,192 bits) for each end. */
    private static final int BLOCK_BYTES = 3072;

    private static KeyRequest keys(int number, int size) {
        return KeyRequest.of(Optional.of(number), Optional.of(size));
    }

    private static List<UUID> ids(KeyContainer container) {
        return container.keys().stream().map(KeyContainer.Key::keyId).toList();
    }

    private static void assertSameKeys(KeyContainer expected, KeyContainer actual) {
        assertEquals(ids(expected), ids(actual));
        for (int i = 0; i < expected.keys().size(); i++) {
            assertArrayEquals(expected.keys().get(i).key(), actual.keys().get(i).key(), "key " + i);
        }
    }

    /** A ring of six KMEs A..F (A-B-C-D-E-F-A) with SAE "alice" at A and "bob" at D: two 3-hop paths. */
    private static KmeNetwork ring() {
        List<KmeNetwork.Link> links = List.of(new KmeNetwork.Link("AB", "A", "B"),
                new KmeNetwork.Link("BC", "B", "C"), new KmeNetwork.Link("CD", "C", "D"),
                new KmeNetwork.Link("DE", "D", "E"), new KmeNetwork.Link("EF", "E", "F"),
                new KmeNetwork.Link("FA", "F", "A"));
        return new KmeNetwork(KmsSettings.defaults(), links, Map.of("alice", "A", "bob", "D"), 3);
    }

    @Test
    void relayOverSixTrustedHopsGivesBothSaesTheSameKeys() {
        KmeNetwork net = new KmeNetwork(KmsSettings.defaults(), KmeNetwork.chain(6),
                Map.of("alice", "N0", "bob", "N6"), 1);
        net.feedAll(2, BLOCK_BYTES);
        KeyContainer enc = net.settle(net.kme("N0").encKeys("alice", "bob", keys(4, 256)));
        assertEquals(4, enc.keys().size());
        enc.keys().forEach(k -> assertEquals(32, k.key().length));
        assertEquals(4, ids(enc).stream().distinct().count());
        ids(enc).forEach(id -> assertEquals(4, id.version()));
        KeyContainer dec = net.settle(net.kme("N6").decKeys("bob", "alice", ids(enc)));
        assertSameKeys(enc, dec);
        assertNotEquals(List.of(), enc.keys());
        for (int i = 1; i <= 5; i++) {
            assertEquals(4, net.kme("N" + i).counters().keysRelayed(), "N" + i + " relayed");
        }
        assertEquals(4, net.kme("N0").counters().encKeysServed());
        assertEquals(4, net.kme("N6").counters().decKeysServed());
        // Each hop spent exactly |K| = 1024 bits of its sender's share, and the receiver dropped the same bits.
        for (int i = 0; i < 6; i++) {
            String next = "N" + (i + 1);
            long spent = net.kme("N" + i).pools().stream().filter(p -> p.peer().equals(next)).findFirst()
                    .orElseThrow().spentBits();
            assertEquals(1024, spent, "hop " + i);
        }
        // The relay never carried the keys in the clear: no message holds them as ciphertext or otherwise.
        for (KmeMessage m : net.sent) {
            byte[] bytes = m.toByteArray();
            for (KeyContainer.Key key : enc.keys()) {
                assertFalse(contains(bytes, key.key()), "key material in a KME message");
            }
        }
    }

    @Test
    void aSecondCollectionOrAnotherSaeIsRefused() {
        KmeNetwork net = new KmeNetwork(KmsSettings.defaults(), KmeNetwork.chain(2),
                Map.of("alice", "N0", "bob", "N2", "eve", "N2"), 2);
        net.feedAll(1, BLOCK_BYTES);
        KeyContainer enc = net.settle(net.kme("N0").encKeys("alice", "bob", keys(1, 128)));
        EtsiException other = failure(net.kme("N2").decKeys("eve", "alice", ids(enc)));
        assertEquals(401, other.httpStatus());
        net.settle(net.kme("N2").decKeys("bob", "alice", ids(enc)));
        EtsiException again = failure(net.kme("N2").decKeys("bob", "alice", ids(enc)));
        assertEquals(400, again.httpStatus());
        EtsiException late = failure(net.kme("N2").decKeys("eve", "alice", ids(enc)));
        assertEquals(400, late.httpStatus(), "the key is gone once its one slave collected it");
    }

    @Test
    void aDownLinkIsRoutedAround() {
        KmeNetwork net = ring();
        net.feedAll(3, BLOCK_BYTES);
        net.setLinkUp("BC", false);
        for (int round = 0; round < 5; round++) {
            KeyContainer enc = net.settle(net.kme("A").encKeys("alice", "bob", keys(2, 256)));
            assertSameKeys(enc, net.settle(net.kme("D").decKeys("bob", "alice", ids(enc))));
        }
        assertEquals(0, net.kme("B").counters().keysRelayed(), "nothing crosses B while B-C is down");
        assertEquals(10, net.kme("F").counters().keysRelayed());
        assertEquals(10, net.kme("E").counters().keysRelayed());
        net.setLinkUp("BC", true);
        net.setLinkUp("EF", false);
        KeyContainer enc = net.settle(net.kme("A").encKeys("alice", "bob", keys(2, 256)));
        assertSameKeys(enc, net.settle(net.kme("D").decKeys("bob", "alice", ids(enc))));
        assertEquals(2, net.kme("B").counters().keysRelayed());
    }

    @Test
    void aRelayThatMeetsADownHopMidwayAbortsAndIsRetriedElsewhere() {
        KmeNetwork net = ring();
        net.feedAll(3, BLOCK_BYTES);
        // Make A prefer the path through B, then cut C-D without telling A (its view is stale).
        net.feed("AB", BLOCK_BYTES);
        net.feed("BC", BLOCK_BYTES);
        net.feed("CD", BLOCK_BYTES);
        net.autoAdvertise = false;
        net.kme("C").setLinkUp("CD", false);
        net.kme("D").setLinkUp("CD", false);
        KeyContainer enc = net.settle(net.kme("A").encKeys("alice", "bob", keys(3, 256)));
        assertEquals(1, net.kme("A").counters().relaysAborted());
        assertEquals(3, net.kme("B").counters().keysRelayed(), "the first attempt reached C through B");
        assertEquals(0, net.kme("C").counters().keysRelayed(), "C could not go on");
        assertEquals(3, net.kme("F").counters().keysRelayed(), "the retry went through F and E");
        assertSameKeys(enc, net.settle(net.kme("D").decKeys("bob", "alice", ids(enc))));
    }

    @Test
    void aDestinationThatCannotBeReachedFailsWith503AndNobodyKeepsTheKeys() {
        KmeNetwork net = new KmeNetwork(KmsSettings.defaults(), KmeNetwork.chain(3),
                Map.of("alice", "N0", "bob", "N3"), 4);
        net.feedAll(1, BLOCK_BYTES);
        net.autoAdvertise = false;
        net.advertise();
        net.kme("N2").setLinkUp("L2", false);
        net.kme("N3").setLinkUp("L2", false);
        CompletableFuture<KeyContainer> enc = net.kme("N0").encKeys("alice", "bob", keys(1, 256));
        net.deliverAll();
        EtsiException refused = failure(enc);
        assertEquals(503, refused.httpStatus());
        assertEquals(0, net.kme("N3").storedKeys());
        assertEquals(1, net.kme("N0").counters().refusedByReason().get("insufficient_key"));
    }

    @Test
    void multicastKeysReachEverySlaveOrNone() {
        KmsSettings settings = new KmsSettings(KmsSettings.DEFAULT_POOL_CAPACITY_BITS, 0,
                KmsSettings.DEFAULT_KEY_TTL, 256, 128, 64, 1024, 2, 100_000);
        List<KmeNetwork.Link> star = List.of(new KmeNetwork.Link("HB", "H", "B"),
                new KmeNetwork.Link("HC", "H", "C"), new KmeNetwork.Link("CD", "C", "D"));
        KmeNetwork net = new KmeNetwork(settings, star, Map.of("hub", "H", "b", "B", "c", "C", "d", "D"), 5);
        net.feedAll(1, BLOCK_BYTES);
        KeyRequest request = new KeyRequest(Optional.of(2), Optional.of(128), List.of("c", "d"), List.of(), List.of());
        KeyContainer enc = net.settle(net.kme("H").encKeys("hub", "b", request));
        assertSameKeys(enc, net.settle(net.kme("B").decKeys("b", "hub", ids(enc))));
        assertSameKeys(enc, net.settle(net.kme("C").decKeys("c", "hub", ids(enc))));
        assertSameKeys(enc, net.settle(net.kme("D").decKeys("d", "hub", ids(enc))));
        // D unreachable: the keys already registered at B and C are cancelled, the call fails.
        net.setLinkUp("CD", false);
        CompletableFuture<KeyContainer> failed = net.kme("H").encKeys("hub", "b", request);
        net.deliverAll();
        assertEquals(503, failure(failed).httpStatus());
        assertEquals(0, net.kme("B").storedKeys());
        assertEquals(0, net.kme("C").storedKeys());
    }

    @Test
    void aMessageNamingABlockNotYetFinishedHereWaitsForIt() {
        KmeNetwork net = new KmeNetwork(KmsSettings.defaults(), KmeNetwork.chain(1),
                Map.of("alice", "N0", "bob", "N1"), 6);
        net.feed("L0", BLOCK_BYTES);
        // N0 owns the first half of every block; block 1 reaches N0 long before N1 (full fidelity: the ends
        // finish post-processing at different times). Spend all of block 0's share so block 1's is used.
        KeyContainer first = net.settle(net.kme("N0").encKeys("alice", "bob", keys(8, 1024)));
        assertEquals(0, net.kme("N0").pools().get(0).ownBits());
        Runnable lateEnd = net.feedEndAFirst("L0", BLOCK_BYTES);
        CompletableFuture<KeyContainer> second = net.kme("N0").encKeys("alice", "bob", keys(2, 1024));
        net.deliverAll();
        assertFalse(second.isDone(), "N1 must wait for block 1");
        assertEquals(0, net.kme("N1").counters().messagesRejected());
        lateEnd.run();
        KeyContainer enc = net.settle(second);
        assertSameKeys(enc, net.settle(net.kme("N1").decKeys("bob", "alice", ids(enc))));
        assertSameKeys(first, net.settle(net.kme("N1").decKeys("bob", "alice", ids(first))));
    }

    @Test
    void aTamperedRelayMessageIsRejectedAndItsKeysAreNeverServed() {
        KmeNetwork net = new KmeNetwork(KmsSettings.defaults(), KmeNetwork.chain(2),
                Map.of("alice", "N0", "bob", "N2"), 7);
        net.feedAll(1, BLOCK_BYTES);
        CompletableFuture<KeyContainer> enc = net.kme("N0").encKeys("alice", "bob", keys(1, 256));
        KmeMessage first = net.inFlight.poll();
        net.kme("N1").receive(first);
        KmeMessage second = net.inFlight.poll();
        byte[] cipher = second.getRelayKeys().getCiphertext().toByteArray();
        cipher[0] ^= 1;
        KmeMessage forged = second.toBuilder().setRelayKeys(second.getRelayKeys().toBuilder()
                .setCiphertext(com.google.protobuf.ByteString.copyFrom(cipher))).build();
        net.kme("N2").receive(forged);
        net.deliverAll();
        assertEquals(1, net.kme("N2").counters().messagesRejected());
        assertEquals(0, net.kme("N2").storedKeys());
        assertFalse(enc.isDone(), "the origin never hears back: the keys are never handed to the master");
    }

    @Test
    void aFullShareDropsTheSameBitsAtBothEndsAndRelaysStillDecode() {
        KmsSettings small = new KmsSettings(8 * 2 * 4096, 4096, KmsSettings.DEFAULT_KEY_TTL, 256, 128, 64, 1024, 0,
                100_000);
        KmeNetwork net = new KmeNetwork(small, KmeNetwork.chain(2), Map.of("alice", "N0", "bob", "N2"), 8);
        net.feedAll(6, BLOCK_BYTES);
        net.deliverAll();
        KmePool own = net.kme("N0").pools().get(0);
        assertEquals(8 * 4096, own.ownBits(), "the share is capped at half the capacity: four blocks' halves");
        assertTrue(own.overflowBits() > 0);
        for (int round = 0; round < 6; round++) {
            KeyContainer enc = net.settle(net.kme("N0").encKeys("alice", "bob", keys(4, 1024)));
            assertSameKeys(enc, net.settle(net.kme("N2").decKeys("bob", "alice", ids(enc))));
            net.feedAll(1, BLOCK_BYTES);
        }
        net.kmes.values().forEach(k -> assertEquals(0, k.counters().messagesRejected(), k.kmeId()));
    }

    @Test
    void crossingTheLowWaterMarkRaisesOneEvent() {
        KmsSettings settings = new KmsSettings(KmsSettings.DEFAULT_POOL_CAPACITY_BITS, 8 * 500,
                KmsSettings.DEFAULT_KEY_TTL, 256, 128, 64, 1024, 0, 100_000);
        KmeNetwork net = new KmeNetwork(settings, KmeNetwork.chain(1), Map.of("alice", "N0", "bob", "N1"), 9);
        net.feed("L0", BLOCK_BYTES);
        assertEquals(List.of(), net.kme("N0").drainEvents(), "starting empty is not a crossing");
        net.settle(net.kme("N0").encKeys("alice", "bob", keys(1, 1024)));
        assertEquals(List.of(), net.kme("N0").drainEvents());
        net.settle(net.kme("N0").encKeys("alice", "bob", keys(6, 1024)));
        List<LowWaterCrossed> events = net.kme("N0").drainEvents();
        assertEquals(1, events.size());
        assertEquals("N1", events.get(0).peer());
        assertEquals(1, net.kme("N0").pools().get(0).lowWaterEvents());
    }

    static EtsiException failure(CompletableFuture<?> future) {
        assertTrue(future.isCompletedExceptionally(), "expected a refusal");
        try {
            future.join();
            throw new AssertionError("unreachable");
        } catch (java.util.concurrent.CompletionException e) {
            return (EtsiException) e.getCause();
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
