package org.qnetem.kms.etsi;

import java.util.List;
import java.util.UUID;

/** ETSI GS QKD 014 Key container: the keys an {@code enc_keys} or {@code dec_keys} call returns. */
public record KeyContainer(List<Key> keys) {

    public KeyContainer {
        keys = List.copyOf(keys);
    }

    /** One key: its UUID and its material (Base64 on the wire). */
    public record Key(UUID keyId, byte[] key) {
        public Key {
            key = key.clone();
        }

        @Override
        public byte[] key() {
            return key.clone();
        }
    }
}
