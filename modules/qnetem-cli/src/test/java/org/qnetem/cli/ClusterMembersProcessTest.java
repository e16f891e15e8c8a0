package org.qnetem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code qnetem node} members in separate JVMs on loopback form a cluster; one is killed with SIGKILL
 * and the keep-majority split-brain resolver downs it while the other two stay Up. Membership is read the
 * way an operator would, through pekko-management's {@code GET /cluster/members} on each member.
 */
class ClusterMembersProcessTest {

    /** Guards against a hang only; the members normally converge in seconds. */
    private static final long GUARD_MS = 180_000;
    /**
     * Shorter than the default 20 s so the test stays short; the decision (keep the majority) is the
     * configured one.
     */
    private static final String STABLE_AFTER = "5s";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private MemberProcesses members;

    @TempDir
    Path logs;

    @BeforeEach
    void prepare() {
        members = new MemberProcesses(logs);
    }

    @AfterEach
    void stopMembers() throws InterruptedException {
        members.close();
    }

    @Test
    void threeMembersFormAClusterAndTheMajorityDownsAKilledMember() throws Exception {
        int[] artery = MemberProcesses.freePorts(3);
        int[] management = MemberProcesses.freePorts(3);
        String seeds = "127.0.0.1:" + artery[0] + ",127.0.0.1:" + artery[1];
        for (int i = 0; i < 3; i++) {
            members.start(i, seeds, artery[i], management[i],
                    "pekko.cluster.split-brain-resolver.stable-after=" + STABLE_AFTER);
        }
        Map<String, String> allUp = new TreeMap<>();
        for (int port : artery) {
            allUp.put("pekko://qnetem@127.0.0.1:" + port, "Up");
        }
        for (int i = 0; i < 3; i++) {
            awaitMembers(i, management[i], view -> view.members().equals(allUp) && view.unreachable().isEmpty());
        }

        Process victim = members.get(2);
        victim.destroyForcibly();
        assertTrue(victim.waitFor(30, TimeUnit.SECONDS), "the killed member's JVM did not exit");
        assertEquals(137, victim.exitValue(), "the member was not killed by SIGKILL");

        Map<String, String> survivors = new TreeMap<>(allUp);
        String victimAddress = "pekko://qnetem@127.0.0.1:" + artery[2];
        survivors.remove(victimAddress);
        for (int i = 0; i < 2; i++) {
            awaitMembers(i, management[i], view -> view.members().equals(survivors) && view.unreachable().isEmpty());
        }
        for (int i = 0; i < 2; i++) {
            String out = Files.readString(logs.resolve("member-" + i + ".out"));
            assertTrue(out.contains("member " + victimAddress + " unreachable"), out);
            assertTrue(out.contains("member " + victimAddress + " removed (was down)"), out);
        }

        // SIGTERM: the member leaves the cluster through coordinated shutdown, and the other sees it go.
        Process leaver = members.get(1);
        leaver.destroy();
        assertTrue(leaver.waitFor(60, TimeUnit.SECONDS), "member 1 did not stop on SIGTERM");
        String leaverAddress = "pekko://qnetem@127.0.0.1:" + artery[1];
        String leaverOut = Files.readString(logs.resolve("member-1.out"));
        assertTrue(leaverOut.contains("member " + leaverAddress + " leaving"), leaverOut);
        Map<String, String> last = Map.of("pekko://qnetem@127.0.0.1:" + artery[0], "Up");
        awaitMembers(0, management[0], view -> view.members().equals(last));
    }

    private record View(Map<String, String> members, List<String> unreachable) {
    }

    private void awaitMembers(int index, int managementPort, Predicate<View> wanted) throws Exception {
        long deadline = System.currentTimeMillis() + GUARD_MS;
        View last = null;
        while (System.currentTimeMillis() < deadline) {
            if (!members.get(index).isAlive()) {
                fail("member " + index + " exited early: " + Files.readString(logs.resolve("member-" + index + ".err")));
            }
            last = view(managementPort);
            if (last != null && wanted.test(last)) {
                return;
            }
            Thread.sleep(500);
        }
        fail("member " + index + " never saw the expected membership; last view " + last + "\n"
                + Files.readString(logs.resolve("member-" + index + ".out")));
    }

    /** The member's view through pekko-management, or null while its HTTP server is not up yet. */
    private View view(int managementPort) throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + managementPort + "/cluster/members"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | java.net.http.HttpTimeoutException e) {
            return null;
        }
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = json.readTree(response.body());
        Map<String, String> status = new TreeMap<>();
        for (JsonNode member : body.get("members")) {
            status.put(member.get("node").asText(), member.get("status").asText());
        }
        List<String> unreachable = new ArrayList<>();
        for (JsonNode entry : body.get("unreachable")) {
            unreachable.add(entry.get("node").asText());
        }
        return new View(status, unreachable);
    }
}
