package org.qnetem.kms.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.qnetem.kms.pki.PkiFiles;
import org.qnetem.kms.pki.PkiIssuer;
import org.qnetem.kms.pki.PkiRole;
import org.qnetem.kms.pki.PkiTls;

/**
 * Every endpoint, method and error path of the ETSI GS QKD 014 face of a KME, driven by a real HTTPS
 * client with client certificates against a server bound on port 0, with a test double behind it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EtsiKmeServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MASTER = "sae-a";
    private static final String SLAVE = "sae-b";
    private static final String OTHER = "sae-c";
    /** A slave SAE with one key in stock, for the 503 of too little key. */
    private static final String SCARCE = "sae-d";

    @TempDir
    static Path temp;

    private ActorSystem system;
    private ServerBinding binding;
    private TestKeyDelivery kme;
    private PkiFiles pki;
    private String base;
    private HttpClient master;
    private HttpClient slave;
    private HttpClient other;

    @BeforeAll
    void start() throws Exception {
        pki = new PkiFiles(temp.resolve("pki"));
        PkiIssuer.issue(pki.directory(), List.of(TestKeyDelivery.KME_ID), List.of(MASTER, SLAVE, OTHER, SCARCE),
                List.of(),
                false);
        kme = new TestKeyDelivery(Map.of(MASTER, 1000L, SLAVE, 1000L, OTHER, 1000L, SCARCE, 1L));
        system = ActorSystem.create("etsi-kme-server-test");
        binding = EtsiKmeServer.bind(system, kme, "127.0.0.1", 0, pki, TestKeyDelivery.KME_ID)
                .toCompletableFuture().get();
        base = "https://127.0.0.1:" + binding.localAddress().getPort() + "/api/v1/keys/";
        master = client(PkiTls.context(pki, PkiRole.SAE, MASTER));
        slave = client(PkiTls.context(pki, PkiRole.SAE, SLAVE));
        other = client(PkiTls.context(pki, PkiRole.SAE, OTHER));
    }

    @AfterAll
    void stop() throws Exception {
        // The clients keep their connections alive: close them rather than wait for them to idle out.
        binding.terminate(Duration.ofSeconds(1)).toCompletableFuture().get();
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get();
    }

    private static HttpClient client(SSLContext tls) {
        return HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    private HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(HttpClient client, String path, String body) throws Exception {
        return send(client, "POST", path, body);
    }

    private HttpResponse<String> send(HttpClient client, String method, String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ok(HttpResponse<String> response) throws IOException {
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        return JSON.readTree(response.body());
    }

    /** Asserts a spec Error object: {@code message} (naming {@code mentions}) and nothing but {@code details}. */
    private static JsonNode error(HttpResponse<String> response, int status, String mentions) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode error = JSON.readTree(response.body());
        assertTrue(error.path("message").isTextual(), response.body());
        assertTrue(error.path("message").textValue().contains(mentions), response.body());
        for (Iterator<String> fields = error.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            assertTrue(field.equals("message") || field.equals("details"), "unexpected field " + field);
        }
        return error;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    // ---- status ----------------------------------------------------------------------------------------

    @Test
    void statusHasTheSpecFieldsForTheCallerAndTheSlave() throws Exception {
        JsonNode status = ok(get(master, SLAVE + "/status"));
        assertEquals(List.of("source_KME_ID", "target_KME_ID", "master_SAE_ID", "slave_SAE_ID", "key_size",
                "stored_key_count", "max_key_count", "max_key_per_request", "max_key_size", "min_key_size",
                "max_SAE_ID_count"), fieldNames(status));
        assertEquals(TestKeyDelivery.KME_ID, status.get("source_KME_ID").textValue());
        assertEquals(TestKeyDelivery.PEER_KME_ID, status.get("target_KME_ID").textValue());
        // The master is whoever the certificate says, the slave whatever the path says.
        assertEquals(MASTER, status.get("master_SAE_ID").textValue());
        assertEquals(SLAVE, status.get("slave_SAE_ID").textValue());
        assertEquals(TestKeyDelivery.KEY_SIZE, status.get("key_size").intValue());
        assertEquals(TestKeyDelivery.MAX_KEY_PER_REQUEST, status.get("max_key_per_request").intValue());
        assertEquals(0, status.get("max_SAE_ID_count").intValue());
        assertTrue(status.get("stored_key_count").isIntegralNumber());
    }

    @Test
    void statusRefusesOtherMethodsWith405AndAnAllowHeader() throws Exception {
        HttpResponse<String> response = post(master, SLAVE + "/status", "{}");
        error(response, 405, "POST");
        assertEquals("GET", response.headers().firstValue("Allow").orElseThrow());
    }

    // ---- enc_keys and dec_keys -----------------------------------------------------------------------

    @Test
    void postEncKeysThenPostDecKeysDeliversTheSameKeysOnce() throws Exception {
        JsonNode container = ok(post(master, SLAVE + "/enc_keys", "{\"number\": 2, \"size\": 128}"));
        assertEquals(List.of("keys"), fieldNames(container));
        assertEquals(2, container.get("keys").size());
        StringBuilder ids = new StringBuilder();
        for (JsonNode key : container.get("keys")) {
            assertEquals(List.of("key_ID", "key"), fieldNames(key));
            UUID.fromString(key.get("key_ID").textValue());
            assertEquals(16, Base64.getDecoder().decode(key.get("key").textValue()).length);
            ids.append(ids.length() == 0 ? "" : ",").append("{\"key_ID\": \"").append(key.get("key_ID").textValue())
                    .append("\", \"key_ID_extension\": {}}");
        }
        String keyIds = "{\"key_IDs\": [" + ids + "], \"key_IDs_extension\": {}}";
        JsonNode delivered = ok(post(slave, MASTER + "/dec_keys", keyIds));
        assertEquals(container, delivered);
        error(post(slave, MASTER + "/dec_keys", keyIds), 400, "already delivered");
    }

    @Test
    void getEncKeysThenGetDecKeysWithRepeatedKeyIds() throws Exception {
        JsonNode container = ok(get(master, SLAVE + "/enc_keys?number=2&size=64"));
        String first = container.get("keys").get(0).get("key_ID").textValue();
        String second = container.get("keys").get(1).get("key_ID").textValue();
        assertEquals(8, Base64.getDecoder().decode(container.get("keys").get(0).get("key").textValue()).length);
        JsonNode delivered = ok(get(slave, MASTER + "/dec_keys?key_ID=" + first + "&key_ID=" + second));
        assertEquals(container, delivered);
    }

    @Test
    void anEmptyKeyRequestTakesTheDefaults() throws Exception {
        JsonNode container = ok(post(master, SLAVE + "/enc_keys", ""));
        assertEquals(1, container.get("keys").size());
        assertEquals(TestKeyDelivery.KEY_SIZE / 8,
                Base64.getDecoder().decode(container.get("keys").get(0).get("key").textValue()).length);
        ok(get(slave, MASTER + "/dec_keys?key_ID=" + container.get("keys").get(0).get("key_ID").textValue()));
    }

    @Test
    void keysAddressedToAnotherSaeAre401() throws Exception {
        JsonNode container = ok(post(master, SLAVE + "/enc_keys", "{}"));
        String id = container.get("keys").get(0).get("key_ID").textValue();
        error(get(other, MASTER + "/dec_keys?key_ID=" + id), 401, "not addressed to " + OTHER);
        // The refusal did not consume the key: its slave still gets it.
        assertEquals(container, ok(get(slave, MASTER + "/dec_keys?key_ID=" + id)));
    }

    @Test
    void tooLittleKeyIs503() throws Exception {
        assertEquals(1, ok(get(master, SCARCE + "/status")).get("stored_key_count").intValue());
        error(post(master, SCARCE + "/enc_keys", "{\"number\": 2}"), 503, "not enough key");
    }

    @Test
    void theKmesLimitsAre400() throws Exception {
        error(post(master, SLAVE + "/enc_keys", "{\"size\": 2048}"), 400, "size 2048 is outside");
        error(get(master, SLAVE + "/enc_keys?number=5"), 400, "max_key_per_request");
        error(post(master, SLAVE + "/enc_keys", "{\"additional_slave_SAE_IDs\": [\"sae-c\"]}"), 400,
                "max_SAE_ID_count");
        error(get(master, "nobody/status"), 400, "unknown SAE nobody");
    }

    // ---- malformed requests ----------------------------------------------------------------------------

    /** Asserts a 400 whose single detail names {@code field}. */
    private static void badField(HttpResponse<String> response, String field, String problem) throws IOException {
        JsonNode error = error(response, 400, field);
        assertTrue(error.get("message").textValue().contains(problem), response.body());
        assertEquals(1, error.get("details").size(), response.body());
        assertEquals(field, error.get("details").get(0).get("field").textValue(), response.body());
        assertTrue(error.get("details").get(0).get("problem").textValue().contains(problem), response.body());
    }

    @Test
    void malformedKeyRequestsAre400NamingTheFieldAndTheProblem() throws Exception {
        int before = kme.calls();
        badField(post(master, SLAVE + "/enc_keys", "{\"number\": 1,"), "body", "malformed JSON");
        badField(post(master, SLAVE + "/enc_keys", "[1]"), "body", "expected a JSON object, got an array");
        badField(post(master, SLAVE + "/enc_keys", "{\"size\": \"256\"}"), "size", "expected an integer, got a string");
        badField(post(master, SLAVE + "/enc_keys", "{\"size\": 100}"), "size", "multiple of 8");
        badField(post(master, SLAVE + "/enc_keys", "{\"size\": 256.0}"), "size", "expected an integer");
        badField(post(master, SLAVE + "/enc_keys", "{\"number\": 0}"), "number", "positive integer");
        badField(post(master, SLAVE + "/enc_keys", "{\"number\": 1, \"number\": 2}"), "body", "malformed JSON");
        badField(post(master, SLAVE + "/enc_keys", "{\"count\": 1}"), "count", "unknown field");
        badField(post(master, SLAVE + "/enc_keys", "{\"additional_slave_SAE_IDs\": [7]}"),
                "additional_slave_SAE_IDs[0]", "expected a string");
        badField(post(master, SLAVE + "/enc_keys", "{\"extension_mandatory\": {}}"), "extension_mandatory",
                "expected an array");
        badField(post(master, SLAVE + "/enc_keys", "{} {}"), "body", "malformed JSON");
        badField(get(master, SLAVE + "/enc_keys?size=abc"), "size", "positive integer");
        badField(get(master, SLAVE + "/enc_keys?size=12"), "size", "multiple of 8");
        badField(get(master, SLAVE + "/enc_keys?number=1&number=2"), "number", "more than once");
        badField(get(master, SLAVE + "/enc_keys?count=1"), "count", "unknown parameter");
        assertEquals(before, kme.calls(), "a malformed request reached the KME");
    }

    @Test
    void malformedKeyIdsAre400NamingTheFieldAndTheProblem() throws Exception {
        String id = UUID.randomUUID().toString();
        int before = kme.calls();
        badField(post(slave, MASTER + "/dec_keys", ""), "key_IDs", "missing");
        badField(post(slave, MASTER + "/dec_keys", "{}"), "key_IDs", "missing");
        badField(post(slave, MASTER + "/dec_keys", "{\"key_IDs\": []}"), "key_IDs", "empty");
        badField(post(slave, MASTER + "/dec_keys", "{\"key_IDs\": [{\"key_ID\": \"1-2-3-4-5\"}]}"),
                "key_IDs[0].key_ID", "not a UUID");
        badField(post(slave, MASTER + "/dec_keys", "{\"key_IDs\": [{\"key_ID\": 5}]}"),
                "key_IDs[0].key_ID", "expected a string, got the number 5");
        badField(post(slave, MASTER + "/dec_keys", "{\"key_IDs\": [{\"key_ID\": \"" + id + "\", \"key\": \"x\"}]}"),
                "key_IDs[0].key", "unknown field");
        badField(post(slave, MASTER + "/dec_keys", "{\"key_IDs\": [{\"key_ID\": \"" + id + "\"}, {\"key_ID\": \""
                + id + "\"}]}"), "key_IDs[1].key_ID", "repeats key_IDs[0]");
        badField(post(slave, MASTER + "/dec_keys", "{\"key_IDs\": \"" + id + "\"}"), "key_IDs", "expected an array");
        badField(get(slave, MASTER + "/dec_keys"), "key_ID", "missing");
        badField(get(slave, MASTER + "/dec_keys?key_ID=xyz"), "key_ID", "not a UUID");
        badField(get(slave, MASTER + "/dec_keys?key_ID=" + id + "&key_ID=" + id), "key_ID", "twice");
        badField(get(slave, MASTER + "/dec_keys?keyID=" + id), "keyID", "unknown parameter");
        assertEquals(before, kme.calls(), "a malformed request reached the KME");
    }

    // ---- other paths and methods, unforeseen failures ------------------------------------------------

    @Test
    void otherPathsAre404AndOtherMethods405() throws Exception {
        error(get(master, SLAVE + "/keys"), 404, "no such resource: GET /api/v1/keys/" + SLAVE + "/keys");
        error(client(PkiTls.context(pki, PkiRole.SAE, MASTER)).send(HttpRequest.newBuilder(
                URI.create(base.replace("/api/v1/keys/", "/"))).build(), HttpResponse.BodyHandlers.ofString()), 404,
                "no such resource");
        HttpResponse<String> delete = send(master, "DELETE", SLAVE + "/enc_keys", "");
        error(delete, 405, "DELETE");
        assertEquals("POST, GET", delete.headers().firstValue("Allow").orElseThrow());
        error(send(slave, "PUT", MASTER + "/dec_keys", "{}"), 405, "PUT");
    }

    @Test
    void anUnforeseenFailureIs503WithoutItsDetails() throws Exception {
        JsonNode failed = error(get(master, TestKeyDelivery.FAILING + "/status"), 503, "could not serve");
        assertFalse(failed.toString().contains(TestKeyDelivery.INTERNAL_DETAIL), failed.toString());
        JsonNode thrown = error(post(master, TestKeyDelivery.THROWING + "/enc_keys", "{}"), 503, "could not serve");
        assertFalse(thrown.toString().contains(TestKeyDelivery.INTERNAL_DETAIL), thrown.toString());
    }

    // ---- authentication -------------------------------------------------------------------------------

    @Test
    void aKmeCertificateIsNotAnSaeAndGets401() throws Exception {
        HttpClient kmeAsClient = client(PkiTls.context(pki, PkiRole.KME, TestKeyDelivery.KME_ID));
        int before = kme.calls();
        error(get(kmeAsClient, SLAVE + "/status"), 401, "not an SAE's");
        error(post(kmeAsClient, SLAVE + "/enc_keys", "{}"), 401, "OU=SAE");
        assertEquals(before, kme.calls());
    }

    @Test
    void aClientWithoutACertificateIsRefusedInTheHandshake() throws Exception {
        SSLContext trustOnly = SSLContext.getInstance("TLS");
        trustOnly.init(null, PkiTls.trustManagers(PkiTls.certificate(pki.ca())).getTrustManagers(), null);
        int before = kme.calls();
        // The server's alert: bad_certificate (no certificate where one is required).
        assertThrows(SSLHandshakeException.class, () -> get(client(trustOnly), SLAVE + "/status"));
        assertEquals(before, kme.calls());
    }

    @Test
    void aCertificateFromAnotherCaIsRefusedInTheHandshake() throws Exception {
        PkiFiles foreign = new PkiFiles(temp.resolve("foreign"));
        PkiIssuer.issue(foreign.directory(), List.of(TestKeyDelivery.KME_ID), List.of(MASTER), List.of(), false);
        // The impostor has a certificate and key for the same SAE ID from its own CA, and trusts the real CA.
        SSLContext impostor = PkiTls.context(pki.ca(), foreign.certificate(PkiRole.SAE, MASTER),
                foreign.privateKey(PkiRole.SAE, MASTER));
        int before = kme.calls();
        // The server's alert: certificate_unknown (no path to its trust anchor).
        assertThrows(SSLHandshakeException.class, () -> get(client(impostor), SLAVE + "/status"));
        assertEquals(before, kme.calls());
    }

    @Test
    void tls12IsAccepted() throws Exception {
        HttpClient tls12 = HttpClient.newBuilder().sslContext(PkiTls.context(pki, PkiRole.SAE, MASTER))
                .sslParameters(new SSLParameters(null, new String[] {"TLSv1.2"}))
                .version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = get(tls12, SLAVE + "/status");
        ok(response);
        assertEquals("TLSv1.2", response.sslSession().orElseThrow().getProtocol());
        assertEquals("TLSv1.3", get(master, SLAVE + "/status").sslSession().orElseThrow().getProtocol());
    }

    /** curl, as an operator would use it, with the PEM files as written; skipped where curl is missing. */
    @Test
    void curlWithThePemFilesGetsAKey() throws Exception {
        assumeTrue(onPath("curl"), "curl is not installed");
        Process curl = new ProcessBuilder("curl", "-sS", "--fail-with-body", "--cacert", pki.ca().toString(),
                "--cert", pki.certificate(PkiRole.SAE, MASTER).toString(),
                "--key", pki.privateKey(PkiRole.SAE, MASTER).toString(),
                "-H", "Content-Type: application/json", "-d", "{\"number\": 1, \"size\": 256}",
                base.replace("127.0.0.1", "localhost") + SLAVE + "/enc_keys").redirectErrorStream(true).start();
        String output = new String(curl.getInputStream().readAllBytes());
        assertEquals(0, curl.waitFor(), output);
        JsonNode container = JSON.readTree(output);
        String id = container.get("keys").get(0).get("key_ID").textValue();
        assertEquals(container, ok(get(slave, MASTER + "/dec_keys?key_ID=" + id)));
    }

    static boolean onPath(String program) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }
}
