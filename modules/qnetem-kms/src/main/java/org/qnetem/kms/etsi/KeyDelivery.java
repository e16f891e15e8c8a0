package org.qnetem.kms.etsi;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * What one KME offers the SAEs attached to it through ETSI GS QKD 014 V1.1.1. The HTTPS layer
 * authenticates the caller (its SAE ID comes from its client certificate) and calls this; the key
 * store behind it implements it. Answers are asynchronous because serving a key may mean relaying it
 * over trusted nodes first. A refused call completes exceptionally with an {@link EtsiException}
 * carrying the spec's HTTP status (400, 401 or 503) and Error body.
 */
public interface KeyDelivery {

    /** This KME's ID, as {@code source_KME_ID} in a Status. */
    String kmeId();

    /** {@code GET /api/v1/keys/{slave_SAE_ID}/status}, called by {@code masterSaeId}. */
    CompletionStage<Status> status(String masterSaeId, String slaveSaeId);

    /** {@code POST|GET /api/v1/keys/{slave_SAE_ID}/enc_keys}, called by {@code masterSaeId}. */
    CompletionStage<KeyContainer> encKeys(String masterSaeId, String slaveSaeId, KeyRequest request);

    /** {@code POST|GET /api/v1/keys/{master_SAE_ID}/dec_keys}, called by {@code slaveSaeId}. */
    CompletionStage<KeyContainer> decKeys(String slaveSaeId, String masterSaeId, List<UUID> keyIds);
}
