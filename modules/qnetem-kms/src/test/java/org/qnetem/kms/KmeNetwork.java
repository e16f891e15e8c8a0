package org.qnetem.kms;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.wire.v1.KmeMessage;

/**
 * KMEs wired together in one thread for tests: messages wait in one FIFO (so each pair's order is kept)
 * until the test delivers them, key blocks are random bytes from a seeded stream given to both ends of a
 * link, and the TTL clock is set by hand.
 */
final class KmeNetwork {

    record Link(String id, String a, String b) {
    }

    final Map<String, Kme> kmes = new TreeMap<>();
    final Map<String, Link> links = new LinkedHashMap<>();
    final ArrayDeque<KmeMessage> inFlight = new ArrayDeque<>();
    final List<KmeMessage> sent = new ArrayList<>();
    private final Map<String, Long> nextBlock = new HashMap<>();
    private final RandomStream material;
    long nowNanos;
    /** When false, PoolLevels are exchanged only when the test calls {@link #advertise()}. */
    boolean autoAdvertise = true;

    private final KmsSettings settings;
    private final Map<String, String> saeKmes;
    private final long seed;
    private final Map<String, Map<String, String>> linkPeers = new TreeMap<>();

    KmeNetwork(KmsSettings settings, List<Link> links, Map<String, String> saeKmes, long seed) {
        this.material = new RandomStream(new StreamKey(seed, "test-network", "key-material", 0));
        this.settings = settings;
        this.saeKmes = saeKmes;
        this.seed = seed;
        for (Link link : links) {
            this.links.put(link.id(), link);
            linkPeers.computeIfAbsent(link.a(), k -> new LinkedHashMap<>()).put(link.id(), link.b());
            linkPeers.computeIfAbsent(link.b(), k -> new LinkedHashMap<>()).put(link.id(), link.a());
        }
        linkPeers.keySet().forEach(this::start);
    }

    /** Starts KME {@code id} afresh, with nothing of what it had (as after its cluster member died). */
    void start(String id) {
        kmes.put(id, new Kme(id, settings, saeKmes, linkPeers.get(id), new StreamKey(seed, id, Kme.KEY_ID_PURPOSE, 0),
                () -> nowNanos, message -> {
                    inFlight.add(message);
                    sent.add(message);
                }));
    }

    /** A chain N0 - N1 - ... - N{hops}, links "L0" .. "L{hops-1}". */
    static List<Link> chain(int hops) {
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < hops; i++) {
            links.add(new Link("L" + i, "N" + i, "N" + (i + 1)));
        }
        return links;
    }

    Kme kme(String id) {
        return kmes.get(id);
    }

    /** A block of {@code bytes} random bytes on {@code linkId}, given to both ends. */
    void feed(String linkId, int bytes) {
        byte[] key = block(linkId, bytes);
        Link link = links.get(linkId);
        long block = nextBlock.merge(linkId, 1L, Long::sum) - 1;
        kme(link.a()).onKeyBlock(linkId, block, key.clone(), 8L * bytes);
        kme(link.b()).onKeyBlock(linkId, block, key.clone(), 8L * bytes);
        Arrays.fill(key, (byte) 0);
        advertiseIfAuto();
    }

    /** A block given to end a only; returns the action that gives it to end b later. */
    Runnable feedEndAFirst(String linkId, int bytes) {
        byte[] key = block(linkId, bytes);
        Link link = links.get(linkId);
        long block = nextBlock.merge(linkId, 1L, Long::sum) - 1;
        kme(link.a()).onKeyBlock(linkId, block, key.clone(), 8L * bytes);
        advertiseIfAuto();
        return () -> {
            kme(link.b()).onKeyBlock(linkId, block, key, 8L * bytes);
            advertiseIfAuto();
        };
    }

    void feedAll(int blocksPerLink, int bytes) {
        for (int i = 0; i < blocksPerLink; i++) {
            links.keySet().forEach(link -> feed(link, bytes));
        }
    }

    private byte[] block(String linkId, int bytes) {
        byte[] key = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            key[i] = (byte) material.nextInt(256);
        }
        return key;
    }

    void setLinkUp(String linkId, boolean up) {
        Link link = links.get(linkId);
        kme(link.a()).setLinkUp(linkId, up);
        kme(link.b()).setLinkUp(linkId, up);
        advertiseIfAuto();
    }

    void advertise() {
        for (Kme from : kmes.values()) {
            var levels = from.levels();
            kmes.values().forEach(to -> to.onPoolLevels(levels));
        }
    }

    private void advertiseIfAuto() {
        if (autoAdvertise) {
            advertise();
        }
    }

    /** Delivers the oldest message in flight; false when none is. */
    boolean deliverOne() {
        KmeMessage m = inFlight.poll();
        if (m == null) {
            return false;
        }
        kme(m.getToKme()).receive(m);
        advertiseIfAuto();
        return true;
    }

    void deliverAll() {
        while (deliverOne()) {
            // until quiet
        }
    }

    /** Delivers everything, replacing each message as the predicate decides (tampering tests). */
    void deliverAll(Predicate<KmeMessage> drop) {
        KmeMessage m;
        while ((m = inFlight.poll()) != null) {
            if (!drop.test(m)) {
                kme(m.getToKme()).receive(m);
            }
        }
    }

    <T> T settle(CompletableFuture<T> future) {
        deliverAll();
        if (!future.isDone()) {
            throw new AssertionError("the call did not complete once every message was delivered");
        }
        return future.join();
    }
}
