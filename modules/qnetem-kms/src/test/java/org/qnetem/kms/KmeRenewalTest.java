package org.qnetem.kms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.qnetem.kms.etsi.KeyContainer;
import org.qnetem.kms.etsi.KeyRequest;
import org.qnetem.wire.v1.KmeMessage;

/**
 * A KME that lost its state (its cluster member died) starts afresh; once the links to it start a new life, the
 * pools with it start again at both ends, what was in flight on the old pools is refused, and relays go on.
 */
class KmeRenewalTest {

    private static final int BLOCK_BYTES = 3072;

    @Test
    void poolsWithAKmeStartedAfreshStartAgainAndRelayKeysAgain() {
        KmeNetwork net = new KmeNetwork(KmsSettings.defaults(), KmeNetwork.chain(2), Map.of("alice", "N0", "bob", "N2"),
                7);
        net.feedAll(2, BLOCK_BYTES);
        CompletableFuture<KeyContainer> lost = net.kme("N0").encKeys("alice", "bob",
                KeyRequest.of(Optional.of(2), Optional.of(256)));
        KmeMessage stale = net.inFlight.poll();
        assertTrue(stale != null && stale.hasRelayKeys(), "N0 sent the keys on towards N1");
        long heldBefore = net.kme("N0").pools().get(0).ownBits();

        net.start("N1");
        net.kme("N0").renewPool("L0", 1, true);
        net.kme("N1").renewPool("L0", 1, true);
        net.kme("N1").renewPool("L1", 1, true);
        net.kme("N2").renewPool("L1", 1, true);
        net.kme("N2").renewPool("L1", 1, true); // a repeat is ignored

        assertTrue(lost.isCompletedExceptionally(), "the relay through the KME that lost its state fails");
        KmePool n0 = net.kme("N0").pools().get(0);
        assertEquals(0, n0.ownBits(), "the old pool is wiped");
        assertTrue(n0.lostBits() >= heldBefore, n0.lostBits() + " bits lost, " + heldBefore + " were held");
        long rejected = net.kme("N1").counters().messagesRejected();
        net.kme("N1").receive(stale);
        assertEquals(rejected + 1, net.kme("N1").counters().messagesRejected(), "a message of the old pool is refused");

        net.feedAll(2, BLOCK_BYTES);
        KeyContainer enc = net.settle(net.kme("N0").encKeys("alice", "bob", KeyRequest.of(Optional.of(2),
                Optional.of(256))));
        List<UUID> ids = enc.keys().stream().map(KeyContainer.Key::keyId).toList();
        KeyContainer dec = net.settle(net.kme("N2").decKeys("bob", "alice", ids));
        for (int i = 0; i < enc.keys().size(); i++) {
            assertArrayEquals(enc.keys().get(i).key(), dec.keys().get(i).key());
        }
        assertTrue(net.sent.stream().filter(m -> m.getFromKme().equals("N0")).reduce((a, b) -> b).orElseThrow()
                .getPoolGeneration() == 1, "messages of the new pool carry its generation");
    }
}
