package org.qnetem.kms.etsi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ETSI GS QKD 014 Key request (the body of {@code enc_keys}); every field is optional in the spec.
 * Absent {@code number} means 1 and absent {@code size} means the Status {@code key_size}: the KME
 * fills those defaults and checks the limits, not the HTTP layer.
 */
public record KeyRequest(Optional<Integer> number, Optional<Integer> size, List<String> additionalSlaveSaeIds,
                         List<Map<String, Object>> extensionMandatory, List<Map<String, Object>> extensionOptional) {

    public KeyRequest {
        additionalSlaveSaeIds = List.copyOf(additionalSlaveSaeIds);
        extensionMandatory = List.copyOf(extensionMandatory);
        extensionOptional = List.copyOf(extensionOptional);
    }

    /** A request with only number and size (as from {@code GET enc_keys?number=&size=}). */
    public static KeyRequest of(Optional<Integer> number, Optional<Integer> size) {
        return new KeyRequest(number, size, List.of(), List.of(), List.of());
    }
}
