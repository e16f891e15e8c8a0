package org.qnetem.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.qnetem.kms.etsi.EtsiException;
import org.qnetem.kms.etsi.KeyContainer;
import org.qnetem.kms.etsi.KeyDelivery;
import org.qnetem.kms.etsi.KeyRequest;
import org.qnetem.kms.etsi.Status;

/**
 * A stand-in KME for measuring the HTTPS layer alone: keys are minted on demand (never short), held by
 * key ID until the named slave SAE collects them once, and every answer is already complete. The real
 * key store, with pools fed by QKD links and relay, plugs in through the same {@link KeyDelivery}.
 */
final class InMemoryKeyDelivery implements KeyDelivery {

    static final int KEY_SIZE = 256;
    private static final int MIN_KEY_SIZE = 64;
    private static final int MAX_KEY_SIZE = 4096;
    private static final int MAX_KEY_PER_REQUEST = 128;

    private record Held(String master, String slave, byte[] key) {
    }

    private final String kmeId;
    private final Map<UUID, Held> held = new ConcurrentHashMap<>();

    InMemoryKeyDelivery(String kmeId) {
        this.kmeId = kmeId;
    }

    @Override
    public String kmeId() {
        return kmeId;
    }

    @Override
    public CompletionStage<Status> status(String masterSaeId, String slaveSaeId) {
        return CompletableFuture.completedFuture(new Status(kmeId, kmeId, masterSaeId, slaveSaeId, KEY_SIZE,
                Long.MAX_VALUE, Long.MAX_VALUE, MAX_KEY_PER_REQUEST, MAX_KEY_SIZE, MIN_KEY_SIZE, 0));
    }

    @Override
    public CompletionStage<KeyContainer> encKeys(String masterSaeId, String slaveSaeId, KeyRequest request) {
        int number = request.number().orElse(1);
        int size = request.size().orElse(KEY_SIZE);
        if (number > MAX_KEY_PER_REQUEST || size < MIN_KEY_SIZE || size > MAX_KEY_SIZE
                || !request.additionalSlaveSaeIds().isEmpty()) {
            return CompletableFuture.failedFuture(EtsiException.badRequest("number or size out of range"));
        }
        List<KeyContainer.Key> keys = new ArrayList<>(number);
        for (int i = 0; i < number; i++) {
            byte[] key = new byte[size / 8];
            ThreadLocalRandom.current().nextBytes(key);
            UUID id = UUID.randomUUID();
            held.put(id, new Held(masterSaeId, slaveSaeId, key));
            keys.add(new KeyContainer.Key(id, key));
        }
        return CompletableFuture.completedFuture(new KeyContainer(keys));
    }

    @Override
    public CompletionStage<KeyContainer> decKeys(String slaveSaeId, String masterSaeId, List<UUID> keyIds) {
        List<KeyContainer.Key> keys = new ArrayList<>(keyIds.size());
        for (UUID id : keyIds) {
            Held key = held.get(id);
            if (key == null) {
                return CompletableFuture.failedFuture(EtsiException.badRequest("unknown key_ID " + id));
            }
            if (!key.slave().equals(slaveSaeId) || !key.master().equals(masterSaeId)) {
                return CompletableFuture.failedFuture(EtsiException.unauthorized("key_ID " + id + " is not yours"));
            }
        }
        for (UUID id : keyIds) {
            Held key = held.remove(id);
            if (key == null) {
                return CompletableFuture.failedFuture(EtsiException.badRequest("key_ID " + id + " was just delivered"));
            }
            keys.add(new KeyContainer.Key(id, key.key()));
        }
        return CompletableFuture.completedFuture(new KeyContainer(keys));
    }
}
