package org.qnetem.bench;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.qnetem.kms.Kme;
import org.qnetem.kms.KmsSettings;
import org.qnetem.kms.etsi.KeyContainer;
import org.qnetem.kms.etsi.KeyRequest;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.wire.v1.KmeMessage;

/**
 * The key management core without actors or HTTP, on one thread: KMEs N0 .. N{hops} in a line, SAEs at the
 * two ends. One operation is an enc_keys of one 256-bit key at N0, the relay over every hop (each message
 * authenticated, encrypted and checked), the acknowledgement back, and the dec_keys at the far end. Pools
 * are refilled with random 1 Mbit blocks on every link when N0's first hop runs low, as QKD output would
 * (a block's authentication third lasts as long as its key for one-key requests).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KeyRelayBenchmark {

    private static final int BLOCK_BYTES = 1 << 17;
    private static final KeyRequest ONE_KEY = KeyRequest.of(Optional.of(1), Optional.of(256));

    @Param({"1", "5"})
    public int hops;

    private final ArrayDeque<KmeMessage> inFlight = new ArrayDeque<>();
    private final Map<String, Kme> kmes = new HashMap<>();
    private final Map<String, Long> blocks = new HashMap<>();
    private RandomStream material;
    private Kme first;
    private Kme last;

    @Setup
    public void setUp() {
        material = new RandomStream(new StreamKey(1, "key-relay-benchmark", "key-material", 0));
        Map<String, String> saes = Map.of("master", "N0", "slave", "N" + hops);
        for (int i = 0; i <= hops; i++) {
            Map<String, String> links = new HashMap<>();
            if (i > 0) {
                links.put("L" + (i - 1), "N" + (i - 1));
            }
            if (i < hops) {
                links.put("L" + i, "N" + (i + 1));
            }
            kmes.put("N" + i, new Kme("N" + i, KmsSettings.defaults(), saes, links,
                    new StreamKey(1, "N" + i, Kme.KEY_ID_PURPOSE, 0), System::nanoTime, inFlight::add));
        }
        first = kmes.get("N0");
        last = kmes.get("N" + hops);
        refill();
    }

    private void refill() {
        for (int i = 0; i < hops; i++) {
            byte[] key = new byte[BLOCK_BYTES];
            for (int b = 0; b < key.length; b += 8) {
                long word = material.nextLong();
                for (int k = 0; k < 8; k++) {
                    key[b + k] = (byte) (word >>> (8 * k));
                }
            }
            String link = "L" + i;
            long block = blocks.merge(link, 1L, Long::sum);
            kmes.get("N" + i).onKeyBlock(link, block, key.clone(), 8L * BLOCK_BYTES);
            kmes.get("N" + (i + 1)).onKeyBlock(link, block, key, 8L * BLOCK_BYTES);
        }
        for (Kme kme : kmes.values()) {
            var levels = kme.levels();
            kmes.values().forEach(other -> other.onPoolLevels(levels));
        }
    }

    @Benchmark
    public KeyContainer encRelayDec() {
        if (first.pools().get(0).ownBits() < 1 << 18) {
            refill();
        }
        var enc = first.encKeys("master", "slave", ONE_KEY);
        KmeMessage m;
        while ((m = inFlight.poll()) != null) {
            kmes.get(m.getToKme()).receive(m);
        }
        List<UUID> ids = enc.join().keys().stream().map(KeyContainer.Key::keyId).toList();
        return last.decKeys("slave", "master", ids).join();
    }
}
