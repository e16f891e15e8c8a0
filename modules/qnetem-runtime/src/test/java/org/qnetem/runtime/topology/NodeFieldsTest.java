package org.qnetem.runtime.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.qnetem.runtime.topology.TopologyTexts.minimalWith;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A node's optional latitude, longitude and roles: read when good, each bad value reported exactly. */
class NodeFieldsTest {

    private static final String FILE = "bad.conf";
    private static final String ALICE = "{ id = \"ALICE\" }";

    @Test
    void readsPositionAndRoles() {
        Topology topology = TopologyLoader.parse(minimalWith(ALICE, "{ id = \"ALICE\", latitude = 51.4545,"
                + " longitude = -2.5879, roles = [trusted-relay, \"entanglement-source\", ground-station, endpoint] }"),
                "good.conf");
        NodeSpec alice = topology.node("ALICE").orElseThrow();
        assertEquals(Optional.of(new NodeSpec.GeoPosition(51.4545, -2.5879)), alice.position());
        assertEquals(List.of(NodeRole.TRUSTED_RELAY, NodeRole.ENTANGLEMENT_SOURCE, NodeRole.GROUND_STATION,
                NodeRole.ENDPOINT), alice.roles());
        NodeSpec bob = topology.node("BOB").orElseThrow();
        assertEquals(Optional.empty(), bob.position());
        assertEquals(List.of(NodeRole.ENDPOINT), bob.roles(), "a node that names no role is an endpoint");
    }

    @Test
    void acceptsTheBoundsOfBothCoordinates() {
        Topology topology = TopologyLoader.parse(minimalWith(ALICE,
                "{ id = \"ALICE\", latitude = -90, longitude = 180 }"), "good.conf");
        assertEquals(Optional.of(new NodeSpec.GeoPosition(-90, 180)), topology.nodes().get(0).position());
    }

    @Test
    void measuresGreatCircleDistances() {
        NodeSpec.GeoPosition london = new NodeSpec.GeoPosition(51.5074, -0.1278);
        NodeSpec.GeoPosition bristol = new NodeSpec.GeoPosition(51.4545, -2.5879);
        assertEquals(170.6, london.distanceKm(bristol), 0.5);
        assertEquals(111.2, new NodeSpec.GeoPosition(0, 0).distanceKm(new NodeSpec.GeoPosition(1, 0)), 0.05);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            latitude = 90.5, longitude = 0        | topology.nodes[0].latitude: must be in [-90, 90], got 90.5 (line 4)
            latitude = -91, longitude = 0         | topology.nodes[0].latitude: must be in [-90, 90], got -91.0 (line 4)
            latitude = 0, longitude = 180.1       | topology.nodes[0].longitude: must be in [-180, 180], got 180.1 (line 4)
            latitude = 0, longitude = -200        | topology.nodes[0].longitude: must be in [-180, 180], got -200.0 (line 4)
            latitude = north, longitude = 0       | topology.nodes[0].latitude: expected a number, got string "north" (line 4)
            latitude = 51                         | topology.nodes[0].longitude: missing: latitude and longitude are given together or not at all (line 4)
            longitude = 2                         | topology.nodes[0].latitude: missing: latitude and longitude are given together or not at all (line 4)
            roles = relay                         | topology.nodes[0].roles: expected a list, got string "relay" (line 4)
            roles = []                            | topology.nodes[0].roles: must not be empty (line 4)
            roles = [endpoint, relay]             | topology.nodes[0].roles[1]: unknown role 'relay'; known: trusted-relay, endpoint, entanglement-source, ground-station (line 4)
            roles = [endpoint, 3]                 | topology.nodes[0].roles[1]: expected a string, got number 3 (line 4)
            roles = [endpoint, ""]                | topology.nodes[0].roles[1]: must not be empty (line 4)
            roles = [trusted-relay, trusted-relay] | topology.nodes[0].roles[1]: role 'trusted-relay' is given twice (line 4)
            altitude = 10                         | topology.nodes[0].altitude: unknown key 'altitude'; allowed keys: id, name, latitude, longitude, roles, kme (line 4)
            """)
    void reportsEachBadNodeField(String fields, String problem) {
        String text = minimalWith(ALICE, "{ id = \"ALICE\", " + fields + " }");
        TopologyException e = assertThrows(TopologyException.class, () -> TopologyLoader.parse(text, FILE));
        assertEquals(List.of(FILE + ": " + problem), e.problems());
    }
}
