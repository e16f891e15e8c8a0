package org.qnetem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The operator API of a realtime run of the two-node link, called while the run goes. */
class OperatorApiTest {

    private static final String TWO_NODE = "../../config/two-node.conf";
    private static final Pattern ADDRESS = Pattern.compile("operator API: (http://127\\.0\\.0\\.1:(\\d+))");
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*})? (\\S+)");
    /** Guards against a hang only: the run lasts a few wall seconds. */
    private static final long GUARD_MS = 120_000;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void servesTopologyLinksNodesAndMetricsWhileTheRunGoes() throws Exception {
        CommandUnderTest command = new CommandUnderTest();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> command.execute("run", TWO_NODE,
                "--mode", "realtime", "--speed", "0.25", "--duration", "1500ms", "--seed", "5", "--quiet",
                "--operator-port", "0"));
        String base = awaitAddress(command, run);

        JsonNode topology = getJson(base + "/api/topology", 200);
        assertEquals("two-node", topology.get("name").asText());
        assertEquals(List.of("ALICE", "BOB"), List.of(topology.get("nodes").get(0).get("id").asText(),
                topology.get("nodes").get(1).get("id").asText()));
        assertTrue(topology.get("nodes").get(0).has("roles"));
        assertTrue(topology.get("nodes").get(0).has("latitude"));
        JsonNode link = topology.get("links").get(0);
        assertEquals("ALICE-BOB", link.get("id").asText());
        assertEquals("ALICE", link.get("a").asText());
        assertEquals("BOB", link.get("b").asText());
        assertEquals("decoy-bb84", link.get("protocol").asText());
        assertEquals("full", link.get("fidelity").asText());
        assertEquals(25.0, link.get("length_km").asDouble(), 1e-9);
        assertEquals(5.0, link.get("loss_db").asDouble(), 1e-9);

        JsonNode links = awaitFirstBlock(base, run);
        JsonNode live = links.get("links").get(0);
        assertEquals("ALICE-BOB", live.get("id").asText());
        assertTrue(live.get("pulses").asLong() > 0);
        assertTrue(live.get("detections").asLong() > 0);
        double qber = live.get("qber").asDouble();
        assertTrue(qber > 0.001 && qber < 0.05, "QBER " + qber);
        assertTrue(live.get("aborted_blocks").asLong() >= 0);
        assertTrue(live.get("secret_bits").asLong() > 0);
        assertTrue(live.get("secret_key_rate_bps").asDouble() > 0);
        assertTrue(links.get("emulated_seconds").asDouble() > 0);

        JsonNode nodes = getJson(base + "/api/nodes", 200);
        JsonNode alice = nodes.get("nodes").get(0);
        assertEquals("ALICE", alice.get("id").asText());
        assertEquals("ALICE-BOB", alice.get("transmits").get(0).asText());
        assertEquals("ALICE-BOB", nodes.get("nodes").get(1).get("receives").get(0).asText());
        assertTrue(alice.get("pools").get("BOB").get("bits").asLong() > 0);
        // Live, the two ends may differ by the block one end has finished and the other not yet (Bob delivers
        // when he accepts, Alice when she hears it); their equal supply at the end is KeyLayerRunTest's.
        assertTrue(nodes.get("nodes").get(1).get("pools").get("ALICE").get("bits").asLong() > 0);

        JsonNode kmes = getJson(base + "/api/kmes", 200).get("kmes");
        assertEquals(2, kmes.size());
        assertEquals("ALICE", kmes.get(0).get("node").asText());
        assertEquals("https://127.0.0.1:8443", kmes.get(0).get("url").asText());
        assertEquals("alice-app", kmes.get(0).get("saes").get(0).asText());
        assertEquals(0, kmes.get(1).get("enc_keys_served").asLong());
        assertEquals(0, kmes.get(1).get("refused").get("not_attached").asLong());

        HttpResponse<String> metrics = get(base + "/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
                metrics.headers().toString());
        Set<String> samples = checkPrometheusText(metrics.body());
        for (String sample : List.of("qnetem_link_qber{link=\"ALICE-BOB\"}",
                "qnetem_link_secret_key_rate_bps{link=\"ALICE-BOB\"}", "qnetem_link_blocks_total{link=\"ALICE-BOB\"}",
                "qnetem_link_aborted_blocks_total{link=\"ALICE-BOB\"}", "qnetem_node_pool_bits{node=\"ALICE\",peer=\"BOB\"}",
                "qnetem_node_pool_bits{node=\"BOB\",peer=\"ALICE\"}", "qnetem_emulated_seconds", "qnetem_rtf",
                "qnetem_kme_enc_keys_total{kme=\"ALICE\"}", "qnetem_kme_keys_relayed_total{kme=\"BOB\"}",
                "qnetem_kme_refused_total{kme=\"BOB\",reason=\"insufficient_key\"}")) {
            assertTrue(samples.contains(sample), sample + " in\n" + metrics.body());
        }

        HttpResponse<String> missing = get(base + "/api/nothing");
        assertEquals(404, missing.statusCode());
        assertEquals("no such resource: GET /api/nothing", json.readTree(missing.body()).get("error").asText());
        assertTrue(missing.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));

        assertEquals(0, run.get(GUARD_MS, TimeUnit.MILLISECONDS), command.err());
        assertTrue(command.out().contains("ALICE-BOB"), command.out());
    }

    @Test
    void aPortOutOfRangeIsBadInput() {
        CommandUnderTest command = new CommandUnderTest();
        assertEquals(Qnetem.EXIT_USAGE, command.execute("run", TWO_NODE, "--operator-port", "70000"));
        assertTrue(command.err().contains("must be 0..65535, got 70000"), command.err());
    }

    private String awaitAddress(CommandUnderTest command, CompletableFuture<Integer> run) throws InterruptedException {
        long guard = System.currentTimeMillis() + GUARD_MS;
        while (System.currentTimeMillis() < guard) {
            Matcher address = ADDRESS.matcher(command.err());
            if (address.find()) {
                assertFalse(address.group(2).equals("0"));
                return address.group(1);
            }
            if (run.isDone()) {
                fail("the run ended without printing the operator API's address: " + command.err());
            }
            Thread.sleep(20);
        }
        return fail("no operator API address printed: " + command.err());
    }

    /** Polls /api/links until the link has sifted bits and a finished key block. */
    private JsonNode awaitFirstBlock(String base, CompletableFuture<Integer> run) throws Exception {
        long guard = System.currentTimeMillis() + GUARD_MS;
        while (System.currentTimeMillis() < guard && !run.isDone()) {
            JsonNode links = getJson(base + "/api/links", 200);
            JsonNode link = links.get("links").get(0);
            if (link.get("sifted_bits").asLong() > 0) {
                assertNotNull(link.get("qber").numberValue(), links.toString());
            } else {
                assertTrue(link.get("qber").isNull(), links.toString());
            }
            if (link.get("blocks").asLong() >= 1) {
                return links;
            }
            Thread.sleep(50);
        }
        return fail("the run ended before /api/links showed a key block");
    }

    private static Set<String> checkPrometheusText(String body) {
        Set<String> samples = new HashSet<>();
        Set<String> typed = new HashSet<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("# HELP ")) {
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                assertEquals(4, parts.length, line);
                assertTrue(Set.of("gauge", "counter").contains(parts[3]), line);
                typed.add(parts[2]);
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertTrue(sample.matches(), "not a Prometheus sample: " + line);
            assertTrue(typed.contains(sample.group(1)), "sample before its # TYPE: " + line);
            String value = sample.group(4);
            if (!value.equals("NaN")) {
                Double.parseDouble(value);
            }
            samples.add(line.substring(0, line.lastIndexOf(' ')));
        }
        return samples;
    }

    private JsonNode getJson(String uri, int status) throws IOException, InterruptedException {
        HttpResponse<String> response = get(uri);
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return json.readTree(response.body());
    }

    private HttpResponse<String> get(String uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
