package org.qnetem.kms.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.qnetem.kms.etsi.EtsiException;
import org.qnetem.kms.etsi.KeyContainer;
import org.qnetem.kms.etsi.KeyDelivery;
import org.qnetem.kms.etsi.KeyRequest;
import org.qnetem.kms.etsi.Status;

/**
 * TEST DOUBLE, not a key store: just enough of a KME behind {@link KeyDelivery} to drive every answer of
 * the HTTPS layer. It holds a fixed stock of keys, issues key material from a counter (not secret), and
 * refuses as a KME would: sizes and numbers out of range (400), unknown or already delivered key IDs (400),
 * keys addressed to another SAE (401), too little key (503). Slave SAE {@link #FAILING} makes it fail with
 * an unforeseen exception, {@link #THROWING} makes it throw instead of failing its stage.
 */
final class TestKeyDelivery implements KeyDelivery {

    static final String KME_ID = "KME-A";
    static final String PEER_KME_ID = "KME-B";
    static final int KEY_SIZE = 256;
    static final int MIN_KEY_SIZE = 64;
    static final int MAX_KEY_SIZE = 1024;
    static final int MAX_KEY_PER_REQUEST = 4;
    static final String FAILING = "failing-sae";
    static final String THROWING = "throwing-sae";
    /** What the unforeseen failure says: the HTTP answer must not repeat it. */
    static final String INTERNAL_DETAIL = "pool 7 index corrupt";

    private record Issued(String master, String slave, byte[] key) {
    }

    private final Map<String, AtomicLong> stock = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicLong nextMaterial = new AtomicLong();
    private final Map<UUID, Issued> issued = new ConcurrentHashMap<>();

    /** @param stock the known slave SAEs, each with the number of keys it can still be sent */
    TestKeyDelivery(Map<String, Long> stock) {
        stock.forEach((sae, keys) -> this.stock.put(sae, new AtomicLong(keys)));
    }

    /** How many calls reached the KME: a refused handshake must not reach it. */
    int calls() {
        return calls.get();
    }

    @Override
    public String kmeId() {
        return KME_ID;
    }

    @Override
    public CompletionStage<Status> status(String masterSaeId, String slaveSaeId) {
        calls.incrementAndGet();
        return answer(() -> {
            return new Status(KME_ID, PEER_KME_ID, masterSaeId, slaveSaeId, KEY_SIZE, stockOf(slaveSaeId).get(), 1000,
                    MAX_KEY_PER_REQUEST, MAX_KEY_SIZE, MIN_KEY_SIZE, 0);
        });
    }

    @Override
    public CompletionStage<KeyContainer> encKeys(String masterSaeId, String slaveSaeId, KeyRequest request) {
        calls.incrementAndGet();
        if (slaveSaeId.equals(THROWING)) {
            throw new IllegalStateException(INTERNAL_DETAIL);
        }
        return answer(() -> {
            AtomicLong stock = stockOf(slaveSaeId);
            int number = request.number().orElse(1);
            int size = request.size().orElse(KEY_SIZE);
            if (number > MAX_KEY_PER_REQUEST) {
                throw EtsiException.badRequest("number " + number + " exceeds max_key_per_request "
                        + MAX_KEY_PER_REQUEST);
            }
            if (size < MIN_KEY_SIZE || size > MAX_KEY_SIZE) {
                throw EtsiException.badRequest("size " + size + " is outside " + MIN_KEY_SIZE + ".." + MAX_KEY_SIZE);
            }
            if (!request.additionalSlaveSaeIds().isEmpty()) {
                throw EtsiException.badRequest("additional_slave_SAE_IDs: max_SAE_ID_count is 0");
            }
            if (stock.addAndGet(-number) < 0) {
                stock.addAndGet(number);
                throw EtsiException.unavailable("not enough key for " + number + " keys");
            }
            List<KeyContainer.Key> keys = new ArrayList<>();
            for (int i = 0; i < number; i++) {
                byte[] material = new byte[size / 8];
                long counter = nextMaterial.incrementAndGet();
                for (int b = 0; b < material.length; b++) {
                    material[b] = (byte) (counter * 31 + b);
                }
                UUID id = UUID.randomUUID();
                issued.put(id, new Issued(masterSaeId, slaveSaeId, material));
                keys.add(new KeyContainer.Key(id, material));
            }
            return new KeyContainer(keys);
        });
    }

    @Override
    public CompletionStage<KeyContainer> decKeys(String slaveSaeId, String masterSaeId, List<UUID> keyIds) {
        calls.incrementAndGet();
        return answer(() -> {
            for (UUID id : keyIds) {
                Issued key = issued.get(id);
                if (key == null) {
                    throw EtsiException.badRequest("key_ID " + id + " is unknown or was already delivered");
                }
                if (!key.slave().equals(slaveSaeId) || !key.master().equals(masterSaeId)) {
                    throw EtsiException.unauthorized("key_ID " + id + " is not addressed to " + slaveSaeId
                            + " from " + masterSaeId);
                }
            }
            List<KeyContainer.Key> keys = new ArrayList<>();
            for (UUID id : keyIds) {
                keys.add(new KeyContainer.Key(id, issued.remove(id).key()));
            }
            return new KeyContainer(keys);
        });
    }

    private AtomicLong stockOf(String slaveSaeId) {
        if (slaveSaeId.equals(FAILING)) {
            throw new IllegalStateException(INTERNAL_DETAIL);
        }
        AtomicLong keys = stock.get(slaveSaeId);
        if (keys == null) {
            throw EtsiException.badRequest("unknown SAE " + slaveSaeId);
        }
        return keys;
    }

    private interface Answer<T> {
        T get();
    }

    /** Answers asynchronously, as a real KME does, failing the stage on a refusal. */
    private static <T> CompletionStage<T> answer(Answer<T> answer) {
        return CompletableFuture.supplyAsync(answer::get);
    }
}
