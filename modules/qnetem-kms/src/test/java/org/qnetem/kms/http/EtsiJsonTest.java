package org.qnetem.kms.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qnetem.kms.etsi.EtsiException;
import org.qnetem.kms.etsi.KeyContainer;
import org.qnetem.kms.etsi.KeyRequest;

class EtsiJsonTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aFullKeyRequestPassesEveryFieldToTheKme() {
        KeyRequest request = EtsiJson.keyRequest(utf8("{\"number\": 3, \"size\": 512,"
                + " \"additional_slave_SAE_IDs\": [\"s2\", \"s3\"],"
                + " \"extension_mandatory\": [{\"route_type\": \"direct\"}],"
                + " \"extension_optional\": [{\"max_age\": 30, \"tags\": null}]}"));
        assertEquals(Optional.of(3), request.number());
        assertEquals(Optional.of(512), request.size());
        assertEquals(List.of("s2", "s3"), request.additionalSlaveSaeIds());
        assertEquals(List.of(Map.of("route_type", "direct")), request.extensionMandatory());
        assertEquals(30, request.extensionOptional().get(0).get("max_age"));
        assertEquals(true, request.extensionOptional().get(0).containsKey("tags"));
    }

    @Test
    void numbersBeyondAnIntAreRefused() {
        EtsiException refused = assertThrows(EtsiException.class,
                () -> EtsiJson.keyRequest(utf8("{\"number\": 4294967296}")));
        assertEquals(400, refused.httpStatus());
        assertEquals("invalid Key request: number: must be a positive integer, got 4294967296", refused.getMessage());
        assertEquals(List.of(Map.of("field", "number", "problem", "must be a positive integer, got 4294967296")),
                refused.details());
    }

    @Test
    void keyIdsKeepTheirOrder() {
        UUID first = UUID.fromString("bc490419-7d60-487f-adc1-4ddcc177c139");
        UUID second = UUID.fromString("00000000-0000-0000-0000-000000000001");
        assertEquals(List.of(first, second), EtsiJson.keyIds(utf8("{\"key_IDs\": [{\"key_ID\": \"" + first
                + "\"}, {\"key_ID\": \"" + second + "\"}]}")));
    }

    @Test
    void writesTheSpecsObjects() {
        UUID id = UUID.fromString("bc490419-7d60-487f-adc1-4ddcc177c139");
        assertEquals("{\"keys\":[{\"key_ID\":\"bc490419-7d60-487f-adc1-4ddcc177c139\",\"key\":\"AAEC/w==\"}]}",
                new String(EtsiJson.keyContainer(new KeyContainer(List.of(new KeyContainer.Key(id,
                        new byte[] {0, 1, 2, (byte) 255})))), StandardCharsets.UTF_8));
        assertEquals("{\"message\":\"no\"}", new String(EtsiJson.error("no", List.of()), StandardCharsets.UTF_8));
        assertEquals("{\"message\":\"no\",\"details\":[{\"field\":\"size\"}]}",
                new String(EtsiJson.error("no", List.of(Map.of("field", "size"))), StandardCharsets.UTF_8));
    }
}
