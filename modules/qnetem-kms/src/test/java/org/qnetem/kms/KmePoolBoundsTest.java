package org.qnetem.kms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qnetem.kms.etsi.KeyContainer;
import org.qnetem.kms.etsi.KeyRequest;
import org.qnetem.kms.pool.LinkKeyPool;

/**
 * A KME fed for a long time with nobody asking for key keeps every pool it holds for a neighbour within its cap
 * (its own share and its mirror of the peer's at half the capacity each, each link's authentication pad stream
 * within its window), and the two ends still agree on every bit: relays over the capped pools decode.
 */
class KmePoolBoundsTest {

    /** A third for authentication, then 1,024 bytes (8,192 bits) for each end. */
    private static final int BLOCK_BYTES = 3072;
    private static final long CAPACITY_BITS = 8 * 2 * 4096;

    @Test
    void aLongRunOfDeliveriesWithNoConsumptionKeepsEveryPoolWithinItsCapAndRelaysStillDecode() {
        KmsSettings small = new KmsSettings(CAPACITY_BITS, 4096, KmsSettings.DEFAULT_KEY_TTL, 256, 128, 64, 1024, 0,
                100_000);
        KmeNetwork net = new KmeNetwork(small, KmeNetwork.chain(2), Map.of("alice", "N0", "bob", "N2"), 11);
        for (int round = 0; round < 400; round++) {
            net.feedAll(1, BLOCK_BYTES);
            net.deliverAll();
            assertWithinCaps(net, "after block " + round);
        }
        assertTrue(net.kme("N1").pools().get(0).overflowBits() > 40 * CAPACITY_BITS, "far past every cap");
        for (int round = 0; round < 6; round++) {
            KeyContainer enc = net.settle(net.kme("N0").encKeys("alice", "bob", KeyRequest.of(Optional.of(4),
                    Optional.of(1024))));
            KeyContainer dec = net.settle(net.kme("N2").decKeys("bob", "alice", ids(enc)));
            assertEquals(ids(enc), ids(dec));
            for (int i = 0; i < enc.keys().size(); i++) {
                assertArrayEquals(enc.keys().get(i).key(), dec.keys().get(i).key(), "round " + round + " key " + i);
            }
            net.feedAll(1, BLOCK_BYTES);
            net.deliverAll();
            assertWithinCaps(net, "relay round " + round);
        }
        net.kmes.values().forEach(k -> assertEquals(0, k.counters().messagesRejected(), k.kmeId()));
    }

    /** Every pool within its cap, and each end's mirror exactly the peer's own share (no message in flight). */
    private static void assertWithinCaps(KmeNetwork net, String when) {
        for (Kme kme : net.kmes.values()) {
            for (KmePool level : kme.pools()) {
                LinkKeyPool pool = kme.poolWith(level.peer());
                LinkKeyPool peers = net.kme(level.peer()).poolWith(kme.kmeId());
                String where = kme.kmeId() + "->" + level.peer() + ", " + when;
                assertTrue(pool.ownedBits() <= CAPACITY_BITS / 2, "own share " + where);
                assertTrue(pool.mirrorBits() <= CAPACITY_BITS / 2, "mirror " + where);
                assertTrue(pool.authenticationBits() <= CAPACITY_BITS / 2,
                        "authentication " + where + ": " + pool.authenticationBits());
                assertEquals(peers.ownedBits(), pool.mirrorBits(), "mirror of the peer's share " + where);
            }
        }
    }

    private static List<UUID> ids(KeyContainer container) {
        return container.keys().stream().map(KeyContainer.Key::keyId).toList();
    }
}
