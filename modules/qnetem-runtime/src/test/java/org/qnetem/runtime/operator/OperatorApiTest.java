package org.qnetem.runtime.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.qnetem.runtime.QnetemConfig;
import org.qnetem.runtime.clock.ClockSummary;
import org.qnetem.runtime.kms.KeyLayer;
import org.qnetem.runtime.kms.KmeActor;
import org.qnetem.runtime.entity.LocalDirectory;
import org.qnetem.runtime.fault.FaultBook;
import org.qnetem.runtime.link.LinkActor;
import org.qnetem.runtime.topology.Topology;
import org.qnetem.runtime.topology.TopologyLoader;

/** The operator API against a link and KMEs that never answer: the live views say so instead of hanging. */
class OperatorApiTest {

    private static final ActorTestKit TESTKIT = ActorTestKit.create(QnetemConfig.load());

    @AfterAll
    static void shutdown() {
        TESTKIT.shutdownTestKit();
    }

    @Test
    void aLinkThatDoesNotAnswerIs503WithAJsonError() throws Exception {
        Topology topology = TopologyLoader.load(Path.of("../../config/two-node.conf"));
        TestProbe<LinkActor.Command> silent = TESTKIT.createTestProbe();
        TestProbe<KmeActor.Command> silentKme = TESTKIT.createTestProbe();
        LocalDirectory directory = new LocalDirectory();
        directory.addKme("ALICE", silentKme.getRef());
        directory.addKme("BOB", silentKme.getRef());
        directory.addLink("ALICE-BOB", silent.getRef());
        KeyLayer keys = new KeyLayer(topology, directory, TESTKIT.system(), Duration.ofMillis(200),
                () -> 0);
        LiveRun run = new LiveRun(topology, directory, keys,
                new FaultBook(topology, List.of(), 50_000_000_000L),
                new AtomicReference<>(new ClockSummary(0, 0, 0, 0)), TESTKIT.system().scheduler(),
                Duration.ofMillis(200));
        ServerBinding binding = OperatorApi.bind(TESTKIT.system(), run, 0).toCompletableFuture().get();
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + binding.localAddress().getPort();
        for (String path : new String[] {"/api/links", "/api/nodes", "/metrics"}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, response.statusCode(), path);
            assertTrue(response.body().startsWith("{\"error\":\"the " + (path.equals("/api/nodes") ? "KMEs" : "links")
                    + " did not answer in time"), response.body());
            if (!path.equals("/api/nodes")) {
                silent.expectMessageClass(LinkActor.SnapshotStatistics.class);
            }
        }
        HttpResponse<String> kmes = http.send(HttpRequest.newBuilder(URI.create(base + "/api/kmes")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(503, kmes.statusCode());
        assertTrue(kmes.body().startsWith("{\"error\":\"the KMEs did not answer in time"), kmes.body());
        HttpResponse<String> topologyResponse = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/topology")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, topologyResponse.statusCode());
        binding.unbind().toCompletableFuture().get();
    }

    @Test
    void prometheusNumbersAndLabels() {
        assertEquals("3", PrometheusText.format(3.0));
        assertEquals("0.0125", PrometheusText.format(0.0125));
        assertEquals("NaN", PrometheusText.format(Double.NaN));
        assertEquals("+Inf", PrometheusText.format(Double.POSITIVE_INFINITY));
        assertEquals("a\\\"b\\\\c\\n", PrometheusText.escape("a\"b\\c\n"));
    }
}
