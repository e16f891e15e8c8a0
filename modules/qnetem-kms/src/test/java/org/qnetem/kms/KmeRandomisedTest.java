package org.qnetem.kms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.qnetem.kms.etsi.EtsiException;
import org.qnetem.kms.etsi.KeyContainer;
import org.qnetem.kms.etsi.KeyRequest;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;

/**
 * enc_keys and dec_keys from many SAEs interleaved with message delivery, key blocks, link failures and
 * TTL expiry, all drawn from a fixed seed: no key may ever be delivered twice, to an SAE it is not
 * addressed to, or different at its two ends.
 */
class KmeRandomisedTest {

    private record Issued(String master, String slave, byte[] key) {
    }

    private record Pending(String master, String slave, CompletableFuture<KeyContainer> answer) {
    }

    @Test
    void noKeyIsEverDeliveredTwiceToTheWrongSaeOrDifferentAtItsTwoEnds() {
        // A 3 x 3 grid of KMEs, G00 .. G22, and one SAE pair per corner plus the centre.
        List<KmeNetwork.Link> links = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                if (c < 2) {
                    links.add(new KmeNetwork.Link("H" + r + c, "G" + r + c, "G" + r + (c + 1)));
                }
                if (r < 2) {
                    links.add(new KmeNetwork.Link("V" + r + c, "G" + r + c, "G" + (r + 1) + c));
                }
            }
        }
        Map<String, String> saes = new LinkedHashMap<>();
        for (String node : List.of("G00", "G02", "G20", "G22", "G11", "G01")) {
            saes.put("sae-" + node + "-x", node);
            saes.put("sae-" + node + "-y", node);
        }
        List<String> saeIds = List.copyOf(saes.keySet());
        KmsSettings settings = new KmsSettings(8 * 64 * 1024, 8 * 1024, Duration.ofSeconds(5), 128, 8, 64, 512, 0,
                100_000);
        KmeNetwork net = new KmeNetwork(settings, links, saes, 42);
        List<String> linkIds = List.copyOf(net.links.keySet());
        net.feedAll(1, 2048);
        RandomStream random = new RandomStream(new StreamKey(42, "randomised-test", "actions", 0));
        Map<UUID, Issued> issued = new HashMap<>();
        Map<UUID, Set<String>> collected = new HashMap<>();
        List<UUID> uncollected = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        Set<String> down = new HashSet<>();
        int served = 0;
        int unavailable = 0;
        int decoded = 0;
        int refusedWrongSae = 0;
        for (int step = 0; step < 6000; step++) {
            double action = random.nextDouble();
            if (action < 0.15) {
                String master = saeIds.get(random.nextInt(saeIds.size()));
                String slave = saeIds.get(random.nextInt(saeIds.size()));
                if (saes.get(master).equals(saes.get(slave))) {
                    continue;
                }
                KeyRequest request = KeyRequest.of(Optional.of(1 + random.nextInt(2)),
                        Optional.of(64 * (1 + random.nextInt(4))));
                pending.add(new Pending(master, slave, net.kme(saes.get(master)).encKeys(master, slave, request)));
            } else if (action < 0.45) {
                for (int n = random.nextInt(6); n > 0; n--) {
                    net.deliverOne();
                }
            } else if (action < 0.60) {
                net.feed(linkIds.get(random.nextInt(linkIds.size())), 256 + random.nextInt(1024));
            } else if (action < 0.64) {
                String link = linkIds.get(random.nextInt(linkIds.size()));
                boolean cut = !down.contains(link) && down.size() < 3;
                if (cut) {
                    down.add(link);
                } else {
                    down.remove(link);
                }
                net.setLinkUp(link, !cut);
            } else if (action < 0.645) {
                net.nowNanos += Duration.ofSeconds(1).toNanos();
            } else if (!uncollected.isEmpty()) {
                // Mostly keys still waiting, sometimes one already collected (which must be refused).
                List<UUID> from = random.nextDouble() < 0.9 ? uncollected : List.copyOf(issued.keySet());
                UUID id = from.get(random.nextInt(from.size()));
                Issued key = issued.get(id);
                boolean honest = random.nextDouble() < 0.7;
                String caller = honest ? key.slave() : saeIds.get(random.nextInt(saeIds.size()));
                CompletableFuture<KeyContainer> answer = net.kme(saes.get(caller)).decKeys(caller, key.master(),
                        List.of(id));
                if (answer.isCompletedExceptionally()) {
                    if (!caller.equals(key.slave())) {
                        refusedWrongSae++;
                    } else {
                        uncollected.remove(id);
                    }
                    continue;
                }
                uncollected.remove(id);
                KeyContainer got = answer.join();
                assertEquals(key.slave(), caller, "a key went to an SAE it is not addressed to");
                assertTrue(collected.computeIfAbsent(id, k -> new HashSet<>()).add(caller), "a key went out twice");
                assertArrayEquals(key.key(), got.keys().get(0).key(), "the two ends hold different keys");
                decoded++;
            }
            for (var it = pending.iterator(); it.hasNext(); ) {
                Pending p = it.next();
                if (!p.answer().isDone()) {
                    continue;
                }
                it.remove();
                try {
                    for (KeyContainer.Key key : p.answer().join().keys()) {
                        assertEquals(null, issued.put(key.keyId(), new Issued(p.master(), p.slave(), key.key())),
                                "a key_ID was issued twice");
                        uncollected.add(key.keyId());
                    }
                    served++;
                } catch (CompletionException e) {
                    assertEquals(503, ((EtsiException) e.getCause()).httpStatus());
                    unavailable++;
                }
            }
        }
        net.deliverAll();
        pending.forEach(p -> assertTrue(p.answer().isDone(), "a request still waits with nothing in flight"));
        long aborted = net.kmes.values().stream().mapToLong(k -> k.counters().relaysAborted()).sum();
        long rejected = net.kmes.values().stream().mapToLong(k -> k.counters().messagesRejected()).sum();
        assertEquals(0, rejected, "an honest network's messages all authenticate and make sense");
        assertTrue(served > 200, "served " + served);
        assertTrue(decoded > 200, "decoded " + decoded);
        assertTrue(unavailable > 0, "the scenario should run some pools dry");
        assertTrue(refusedWrongSae > 50, "refused " + refusedWrongSae);
        assertNotEquals(0, aborted, "link failures should catch some relays midway");
    }
}
