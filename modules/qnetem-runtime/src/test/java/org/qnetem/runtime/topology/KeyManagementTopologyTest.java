package org.qnetem.runtime.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.qnetem.runtime.topology.TopologyTexts.minimalWith;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qnetem.kms.KmsSettings;

/** The topology's key management: the key-management section, a node's kme endpoint and the saes list. */
class KeyManagementTopologyTest {

    private static final String FILE = "bad.conf";

    @Test
    void everySettingIsReadAndTheRestDefault() {
        Topology topology = TopologyLoader.parse(minimalWith("name = \"t\"", """
                name = "t"
                key-management { pool-capacity-bits = 1e6, low-water-bits = 1000, key-ttl = 30s, key-size = 128,
                  max-key-per-request = 16, min-key-size = 64, max-key-size = 512, max-sae-id-count = 2, max-key-count = 50 }
                saes = [ { id = "video-a", node = "ALICE" }, { id = "video-b", node = "BOB" } ]""")
                .replace("{ id = \"ALICE\" }", "{ id = \"ALICE\", kme { port = 8443 } }")
                .replace("{ id = \"BOB\" }", "{ id = \"BOB\", kme { host = \"10.0.0.2\", port = 8443 } }"), FILE);
        assertEquals(new KmsSettings(1_000_000, 1000, Duration.ofSeconds(30), 128, 16, 64, 512, 2, 50),
                topology.keyManagement());
        assertEquals(List.of(new SaeSpec("video-a", "ALICE"), new SaeSpec("video-b", "BOB")), topology.saes());
        assertEquals(Optional.of(new KmeEndpoint("127.0.0.1", 8443)), topology.nodes().get(0).kme());
        assertEquals("https://10.0.0.2:8443", topology.nodes().get(1).kme().orElseThrow().url());

        Topology plain = TopologyLoader.parse(TopologyTexts.MINIMAL, FILE);
        assertEquals(KmsSettings.defaults(), plain.keyManagement());
        assertEquals(List.of(), plain.saes());
        assertEquals(Optional.empty(), plain.nodes().get(0).kme());
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            name = "t"       | name = "t", key-management { key-size = 260 }                    | topology.key-management.key-size: must be a multiple of 8 bits, got 260 (line 2)
            name = "t"       | name = "t", key-management { key-size = 2048 }                   | topology.key-management.key-size: must be within min-key-size and max-key-size (64 to 1024), got 2048 (line 2)
            name = "t"       | name = "t", key-management { min-key-size = 512, max-key-size = 256 } | topology.key-management.max-key-size: must be at least min-key-size (512), got 256 (line 2)
            name = "t"       | name = "t", key-management { pool-capacity-bits = 1000, low-water-bits = 600 } | topology.key-management.low-water-bits: must be at most half of pool-capacity-bits (500: each direction's share holds half), got 600 (line 2)
            name = "t"       | name = "t", key-management { key-ttl = soon }                    | topology.key-management.key-ttl: expected a duration with a unit (ps, ns, us, ms, s, m, h), e.g. 30s or 500ms, got string "soon" (line 2)
            name = "t"       | name = "t", key-management { key-ttl = 0s }                      | topology.key-management.key-ttl: must be a positive duration, got string "0s" (line 2)
            name = "t"       | name = "t", key-management { max-key-per-request = 0 }           | topology.key-management.max-key-per-request: must be in [1, 65536], got 0 (line 2)
            name = "t"       | name = "t", key-management { max-sae-id-count = -1 }             | topology.key-management.max-sae-id-count: must be in [0, 1024], got -1 (line 2)
            name = "t"       | name = "t", key-management { ttl = 5s }                          | topology.key-management.ttl: unknown key 'ttl'; allowed keys: pool-capacity-bits, low-water-bits, key-ttl, key-size, max-key-per-request, min-key-size, max-key-size, max-sae-id-count, max-key-count (line 2)
            name = "t"       | name = "t", key-management = 5                                   | topology.key-management: expected an object, got number 5 (line 2)
            name = "t"       | name = "t", saes = [ { id = "app", node = "CAROL" } ]            | topology.saes[0].node: unknown node 'CAROL'; SAEs attach to a declared node's KME (line 2)
            name = "t"       | name = "t", saes = [ { id = "app", node = "ALICE" }, { id = "app", node = "BOB" } ] | topology.saes[1].id: duplicate SAE id 'app', also used by topology.saes[0] (line 2)
            name = "t"       | name = "t", saes = [ { id = "my app", node = "ALICE" } ]         | topology.saes[0].id: 'my app' is not a valid id: use a letter or digit, then letters, digits, '_', '.' or '-' ([A-Za-z0-9][A-Za-z0-9_.-]*) (line 2)
            name = "t"       | name = "t", saes = [ { id = "app" } ]                            | topology.saes[0].node: missing required key (line 2)
            name = "t"       | name = "t", saes = [ { id = "app", node = "ALICE", port = 1 } ]  | topology.saes[0].port: unknown key 'port'; allowed keys: id, node (line 2)
            name = "t"       | name = "t", saes = { id = "app" }                                | topology.saes: expected a list, got an object (line 2)
            { id = "ALICE" } | { id = "ALICE", kme { port = 70000 } }                           | topology.nodes[0].kme.port: must be in [0, 65535], got 70000 (line 4)
            { id = "ALICE" } | { id = "ALICE", kme { host = "127.0.0.1" } }                     | topology.nodes[0].kme.port: missing required key (line 4)
            { id = "ALICE" } | { id = "ALICE", kme { port = 8443, tls = true } }               | topology.nodes[0].kme.tls: unknown key 'tls'; allowed keys: host, port (line 4)
            { id = "ALICE" } | { id = "ALICE", kme = 8443 }                                     | topology.nodes[0].kme: expected an object, got number 8443 (line 4)
            """)
    void reportsTheOnlyProblemWithItsFilePathReasonAndLine(String fragment, String replacement, String problem) {
        assertEquals(List.of(FILE + ": " + problem), problemsOf(minimalWith(fragment, replacement)));
    }

    @Test
    void twoKmesCannotShareAHostAndPort() {
        String text = TopologyTexts.MINIMAL.replace("{ id = \"ALICE\" }", "{ id = \"ALICE\", kme { port = 8443 } }")
                .replace("{ id = \"BOB\" }", "{ id = \"BOB\", kme { port = 8443 } }");
        assertEquals(List.of(FILE + ": topology.nodes[1].kme: host and port 127.0.0.1:8443 are already used by"
                + " topology.nodes[0].kme (line 5)"), problemsOf(text));
    }

    private static List<String> problemsOf(String text) {
        TopologyException e = assertThrows(TopologyException.class, () -> TopologyLoader.parse(text, FILE));
        return e.problems();
    }
}
