package org.qnetem.kms.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.qnetem.kms.relay.WidestPath.Edge;

class WidestPathTest {

    private static Map<String, Map<String, Long>> graph(Object... triples) {
        Map<String, Map<String, Long>> edges = new HashMap<>();
        for (int i = 0; i < triples.length; i += 3) {
            edges.computeIfAbsent((String) triples[i], k -> new HashMap<>())
                    .put((String) triples[i + 1], ((Number) triples[i + 2]).longValue());
        }
        return edges;
    }

    @Test
    void choosesTheWidestBottleneckNotTheFewestHops() {
        var edges = graph("A", "D", 10, "A", "B", 100, "B", "C", 80, "C", "D", 90);
        var route = WidestPath.find(edges, "A", "D", Set.of()).orElseThrow();
        assertEquals(List.of("A", "B", "C", "D"), route.path());
        assertEquals(80, route.bottleneckBits());
    }

    @Test
    void amongTheWidestTakesTheFewestHopsThenTheFirstIds() {
        var edges = graph("A", "C", 50, "A", "B", 50, "B", "D", 50, "C", "D", 50, "A", "E", 60, "E", "F", 60,
                "F", "D", 50);
        assertEquals(List.of("A", "B", "D"), WidestPath.find(edges, "A", "D", Set.of()).orElseThrow().path());
    }

    @Test
    void excludedHopsAndDirectionsAreRespected() {
        var edges = graph("A", "B", 100, "B", "C", 100, "A", "D", 5, "D", "C", 5, "C", "B", 1000);
        assertEquals(List.of("A", "D", "C"), WidestPath.find(edges, "A", "C", Set.of(new Edge("B", "C")))
                .orElseThrow().path());
        assertTrue(WidestPath.find(edges, "C", "A", Set.of()).isEmpty(), "hops are directed");
    }
}
