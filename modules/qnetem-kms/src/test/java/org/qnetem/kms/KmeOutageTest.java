package org.qnetem.kms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.qnetem.kms.etsi.EtsiException;
import org.qnetem.kms.etsi.KeyContainer;
import org.qnetem.kms.etsi.KeyRequest;

/** A KME out of service: it refuses ETSI calls, relays go round it, and it and its peers lose the same key. */
class KmeOutageTest {

    private static final int BLOCK_BYTES = 3072;

    /** A ring A-B-C-D-E-F-A, SAE "alice" at A and "bob" at D, "bea" at B. */
    private static KmeNetwork ring() {
        List<KmeNetwork.Link> links = List.of(new KmeNetwork.Link("AB", "A", "B"),
                new KmeNetwork.Link("BC", "B", "C"), new KmeNetwork.Link("CD", "C", "D"),
                new KmeNetwork.Link("DE", "D", "E"), new KmeNetwork.Link("EF", "E", "F"),
                new KmeNetwork.Link("FA", "F", "A"));
        return new KmeNetwork(KmsSettings.defaults(), links, Map.of("alice", "A", "bob", "D", "bea", "B"), 5);
    }

    /** What the runtime does at an outage's start or end: the KME, then its links' holds and relay state. */
    private static void setOut(KmeNetwork net, String kme, boolean out) {
        if (out) {
            net.kme(kme).setOut(true);
        }
        List<Optional<BlockHold.Window>> closed = new ArrayList<>();
        for (KmeNetwork.Link link : net.links.values()) {
            if (link.a().equals(kme) || link.b().equals(kme)) {
                Optional<BlockHold.Window> atA = net.kme(link.a()).holdLink(link.id(), out);
                Optional<BlockHold.Window> atB = net.kme(link.b()).holdLink(link.id(), out);
                atA.ifPresent(w -> net.kme(link.b()).onPeerWindow(w));
                atB.ifPresent(w -> net.kme(link.a()).onPeerWindow(w));
                closed.add(atA);
                closed.add(atB);
                net.setLinkUp(link.id(), !out);
            }
        }
        if (!out) {
            net.kme(kme).setOut(false);
            assertTrue(closed.stream().allMatch(Optional::isPresent), "every hold ended with a list");
        }
    }

    private static EtsiException refusal(CompletableFuture<?> call) {
        CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, call::join);
        return assertInstanceOf(EtsiException.class, e.getCause());
    }

    private static long lost(KmeNetwork net, String kme, String peer) {
        return net.kme(kme).pools().stream().filter(p -> p.peer().equals(peer)).findFirst().orElseThrow().lostBits();
    }

    @Test
    void anOutKmeRefusesCallsWith503WhileKeysGoRoundIt() {
        KmeNetwork net = ring();
        net.feedAll(2, BLOCK_BYTES);
        setOut(net, "B", true);

        EtsiException refused = refusal(net.kme("B").status("bea", "bob"));
        assertEquals(503, refused.httpStatus());
        assertTrue(refused.getMessage().contains("KME B is out of service"), refused.getMessage());
        assertEquals(1, net.kme("B").counters().refusedByReason().get("kme_out"));

        net.feedAll(1, BLOCK_BYTES);
        KeyContainer enc = net.settle(net.kme("A").encKeys("alice", "bob", KeyRequest.of(Optional.of(2),
                Optional.of(256))));
        KeyContainer dec = net.settle(net.kme("D").decKeys("bob", "alice", ids(enc)));
        assertArrayEquals(enc.keys().get(0).key(), dec.keys().get(0).key());
        assertEquals(0, net.kme("B").counters().keysRelayed() + net.kme("C").counters().keysRelayed(),
                "nothing went through B's side");

        setOut(net, "B", false);
        long lostBits = 8L * BLOCK_BYTES;
        assertEquals(lostBits, lost(net, "A", "B"), "the block AB made during the outage");
        assertEquals(lostBits, lost(net, "B", "A"));
        assertEquals(lostBits, lost(net, "B", "C"));
        assertEquals(lostBits, lost(net, "C", "B"));
        assertEquals(0, lost(net, "A", "F"));

        // Back: B serves again, and with E-F down keys go A-B-C-D with the pools the ends agree on.
        assertEquals(400, refusal(net.kme("B").status("bea", "nobody")).httpStatus(),
                "an unknown slave is a 400, not an outage");
        net.setLinkUp("EF", false);
        net.feedAll(1, BLOCK_BYTES);
        KeyContainer round = net.settle(net.kme("A").encKeys("alice", "bob", KeyRequest.of(Optional.of(2),
                Optional.of(256))));
        KeyContainer roundDec = net.settle(net.kme("D").decKeys("bob", "alice", ids(round)));
        assertArrayEquals(round.keys().get(1).key(), roundDec.keys().get(1).key());
        assertEquals(2, net.kme("B").counters().keysRelayed());
        net.kmes.values().forEach(k -> assertEquals(0, k.counters().messagesRejected(), k.kmeId()));
    }

    /** A relay already on its way through B when B goes out waits there and finishes once B is back. */
    @Test
    void aRelayCaughtByTheOutageFinishesWhenTheKmeIsBack() {
        KmeNetwork net = ring();
        net.feedAll(2, BLOCK_BYTES);
        net.setLinkUp("EF", false);
        CompletableFuture<KeyContainer> enc = net.kme("A").encKeys("alice", "bob", KeyRequest.of(Optional.of(1),
                Optional.of(256)));
        setOut(net, "B", true);
        net.deliverAll();
        assertFalse(enc.isDone(), "B holds the relay while it is out");
        setOut(net, "B", false);
        KeyContainer keys = net.settle(enc);
        KeyContainer dec = net.settle(net.kme("D").decKeys("bob", "alice", ids(keys)));
        assertArrayEquals(keys.keys().get(0).key(), dec.keys().get(0).key());
    }

    private static List<UUID> ids(KeyContainer container) {
        return container.keys().stream().map(KeyContainer.Key::keyId).toList();
    }
}
