package org.qnetem.runtime.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qnetem.runtime.fault.FaultRuns.EPOCH_PS;
import static org.qnetem.runtime.fault.FaultRuns.SECOND;
import static org.qnetem.runtime.fault.FaultRuns.assertInvariantsZero;
import static org.qnetem.runtime.fault.FaultRuns.twoNode;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.qnetem.runtime.QnetemConfig;
import org.qnetem.runtime.clock.ClockMode;
import org.qnetem.runtime.clock.ClockSettings;
import org.qnetem.runtime.clock.ProgressListener;
import org.qnetem.runtime.operator.OperatorSettings;
import org.qnetem.runtime.run.Emulation;
import org.qnetem.runtime.run.RunResult;
import org.qnetem.runtime.run.RunSettings;

/** Faults injected and cleared through the operator API while a real-time run goes. */
class LiveFaultApiTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void postedFaultsApplyAtTheNextBoundaryAndDeleteClearsThem() throws Exception {
        CompletableFuture<InetSocketAddress> bound = new CompletableFuture<>();
        RunSettings settings = new RunSettings(29, new ClockSettings(ClockMode.REALTIME, 1.0, 10 * SECOND, EPOCH_PS));
        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> Emulation.run(twoNode("statistical"),
                settings, ProgressListener.NONE, QnetemConfig.load(), new OperatorSettings(0, bound::complete)));
        CompletableFuture.anyOf(bound, run).get(120, TimeUnit.SECONDS);
        String base = "http://127.0.0.1:" + bound.getNow(null).getPort();

        HttpResponse<String> refused = send(post(base, "{\"fault\": \"cut\", \"link\": \"NOWHERE\"}"));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("no link 'NOWHERE'"), refused.body());

        HttpResponse<String> added = send(post(base, "{\"fault\": \"intercept-resend\", \"link\": \"ALICE-BOB\","
                + " \"fraction\": 0.5}"));
        assertEquals(201, added.statusCode(), added.body());
        assertTrue(added.body().startsWith("{\"id\":1,"), added.body());
        HttpResponse<String> outage = send(post(base, "{\"fault\": \"kme-outage\", \"node\": \"BOB\","
                + " \"until\": \"9s\"}"));
        assertEquals(201, outage.statusCode(), outage.body());
        assertTrue(outage.body().startsWith("{\"id\":2,"), outage.body());
        Thread.sleep(3000);
        HttpResponse<String> listed = send(HttpRequest.newBuilder(URI.create(base + "/api/faults")).GET().build());
        assertTrue(listed.body().contains("\"kind\":\"intercept-resend\"") && listed.body().contains("\"active\":true"),
                listed.body());
        HttpResponse<String> cleared = send(HttpRequest.newBuilder(URI.create(base + "/api/faults/1")).DELETE().build());
        assertEquals(200, cleared.statusCode(), cleared.body());
        assertEquals(404, send(HttpRequest.newBuilder(URI.create(base + "/api/faults/7")).DELETE().build())
                .statusCode());
        Thread.sleep(500);
        HttpResponse<String> events = send(HttpRequest.newBuilder(URI.create(base + "/api/events")).GET().build());
        assertEquals(200, events.statusCode());
        assertTrue(events.body().contains("\"type\":\"fault-applied\"") && events.body().contains("qber-alarm"),
                events.body());
        assertTrue(events.body().contains("\"type\":\"kme-down\""), events.body());

        RunResult result = run.get(60, TimeUnit.SECONDS);
        List<FaultBook.FaultState> faults = result.faults();
        assertEquals(2, faults.size());
        assertTrue(faults.get(1).appliedPs() != null && faults.get(1).clearedPs() == 9 * SECOND, faults.toString());
        assertTrue(faults.get(0).appliedPs() != null && faults.get(0).clearedPs() > faults.get(0).appliedPs(),
                faults.toString());
        assertInvariantsZero(result);
    }

    private static HttpRequest post(String base, String body) {
        return HttpRequest.newBuilder(URI.create(base + "/api/faults")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
