package org.qnetem.kms;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Keys waiting at a slave SAE's KME for {@code dec_keys}: each addressed to one master SAE and one or
 * more slave SAEs, each slave collecting it once, wiped when every slave has it or its TTL ends.
 */
final class StoredKeys {

    /** One key; {@code waiting} are the slaves that have not collected it yet. */
    static final class Entry {
        final String master;
        final Set<String> addressed;
        final Set<String> waiting;
        final byte[] key;
        final long expiresAtNanos;

        Entry(String master, List<String> slaves, byte[] key, long expiresAtNanos) {
            this.master = master;
            this.addressed = Set.copyOf(slaves);
            this.waiting = new LinkedHashSet<>(slaves);
            this.key = key;
            this.expiresAtNanos = expiresAtNanos;
        }
    }

    private final Map<UUID, Entry> keys = new LinkedHashMap<>();

    void add(UUID id, Entry entry) {
        Entry previous = keys.put(id, entry);
        if (previous != null) {
            Arrays.fill(previous.key, (byte) 0);
        }
    }

    Entry get(UUID id) {
        return keys.get(id);
    }

    /** Hands the key to {@code slave} (a copy), wiping it once every slave has it. */
    byte[] collect(UUID id, String slave) {
        Entry entry = keys.get(id);
        entry.waiting.remove(slave);
        byte[] copy = entry.key.clone();
        if (entry.waiting.isEmpty()) {
            remove(id);
        }
        return copy;
    }

    void remove(UUID id) {
        Entry entry = keys.remove(id);
        if (entry != null) {
            Arrays.fill(entry.key, (byte) 0);
        }
    }

    /** Wipes every key whose TTL has ended; returns how many. */
    int expire(long nowNanos) {
        int expired = 0;
        for (Iterator<Entry> it = keys.values().iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (nowNanos - entry.expiresAtNanos >= 0) {
                Arrays.fill(entry.key, (byte) 0);
                it.remove();
                expired++;
            }
        }
        return expired;
    }

    int size() {
        return keys.size();
    }
}
