package org.qnetem.runtime.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qnetem.kms.pki.PkiFiles;
import org.qnetem.kms.pki.PkiIssuer;
import org.qnetem.kms.pki.PkiRole;
import org.qnetem.kms.pki.PkiTls;
import org.qnetem.runtime.QnetemConfig;
import org.qnetem.runtime.clock.ClockMode;
import org.qnetem.runtime.clock.ClockSettings;
import org.qnetem.runtime.clock.ProgressListener;
import org.qnetem.runtime.run.Emulation;
import org.qnetem.runtime.run.RunResult;
import org.qnetem.runtime.run.RunSettings;
import org.qnetem.runtime.topology.Topology;
import org.qnetem.runtime.topology.TopologyLoader;

/**
 * A run serves its KMEs over ETSI GS QKD 014 with mutual TLS: an SAE at WEST gets a key relayed two hops to
 * EAST over HTTPS, the SAE at EAST collects the same key from its own KME once, and a second collection fails.
 */
class EtsiEndpointsRunTest {

    private static final long SECONDS_PS = 1_000_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void anSaeGetsAKeyOverHttpsThatTheSlaveSaeCollectsOnceFromItsOwnKme() throws Exception {
        // Any free ports: the shipped file's fixed ports could be taken on a test machine.
        String text = Files.readString(Path.of("src/test/resources/topology/three-node-kms.conf"))
                .replace("port = 18443", "port = 0").replace("port = 18444", "port = 0");
        Topology three = TopologyLoader.parse(text, "three-node-kms");
        PkiFiles pki = new PkiFiles(temp);
        PkiIssuer.issue(temp, List.of("WEST", "EAST"), List.of("app-west", "app-east"), List.of(), false);
        Map<String, InetSocketAddress> bound = new ConcurrentHashMap<>();
        RunSettings settings = new RunSettings(3, new ClockSettings(ClockMode.REALTIME, 1.0, 8 * SECONDS_PS,
                SECONDS_PS / 20));
        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> Emulation.run(three, settings,
                ProgressListener.NONE, QnetemConfig.load(), null, new EtsiEndpoints(pki, bound::put), live -> { }));
        while (bound.size() < 2 && !run.isDone()) {
            Thread.sleep(20);
        }
        assertEquals(2, bound.size(), "both KMEs with an endpoint serve");
        HttpClient master = client(pki, "app-west");
        HttpClient slave = client(pki, "app-east");
        String west = base(bound.get("WEST"));
        String east = base(bound.get("EAST"));

        JsonNode status = JSON.readTree(get(master, west + "/app-east/status", 200));
        while (status.get("stored_key_count").asLong() < 1 && !run.isDone()) {
            Thread.sleep(50);
            status = JSON.readTree(get(master, west + "/app-east/status", 200));
        }
        assertEquals("WEST", status.get("source_KME_ID").asText());
        assertEquals("EAST", status.get("target_KME_ID").asText());
        assertTrue(status.get("stored_key_count").asLong() >= 1, "no key reached the pools during the run");

        HttpResponse<String> enc = master.send(HttpRequest.newBuilder(URI.create(west + "/app-east/enc_keys"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"number\": 1, \"size\": 256}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, enc.statusCode(), enc.body());
        JsonNode key = JSON.readTree(enc.body()).get("keys").get(0);
        String keyId = key.get("key_ID").asText();

        JsonNode collected = JSON.readTree(get(slave, east + "/app-west/dec_keys?key_ID=" + keyId, 200))
                .get("keys").get(0);
        assertEquals(keyId, collected.get("key_ID").asText());
        assertEquals(key.get("key").asText(), collected.get("key").asText(), "both SAEs hold the same key");
        assertEquals(32, java.util.Base64.getDecoder().decode(collected.get("key").asText()).length);

        JsonNode again = JSON.readTree(get(slave, east + "/app-west/dec_keys?key_ID=" + keyId, 400));
        assertTrue(again.has("message"), again.toString());
        get(master, east + "/app-west/dec_keys?key_ID=" + keyId, 401);
        run.get(60, TimeUnit.SECONDS);
    }

    private static String base(InetSocketAddress address) {
        return "https://localhost:" + address.getPort() + "/api/v1/keys";
    }

    private static HttpClient client(PkiFiles pki, String sae) {
        return HttpClient.newBuilder().sslContext(PkiTls.context(pki, PkiRole.SAE, sae))
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static String get(HttpClient client, String url, int expectedStatus) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(expectedStatus, response.statusCode(), url + ": " + response.body());
        return response.body();
    }
}
