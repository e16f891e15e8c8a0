package org.qnetem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qnetem.runtime.report.ReportWriter;
import org.qnetem.runtime.report.RunReport;
import org.qnetem.runtime.topology.Fidelity;
import org.qnetem.runtime.topology.LinkSpec;
import org.qnetem.runtime.topology.NodeRole;
import org.qnetem.runtime.topology.NodeSpec;
import org.qnetem.runtime.topology.Topology;
import org.qnetem.runtime.topology.TopologyLoader;

class GenerateCommandTest {

    @TempDir
    Path temp;

    private final CommandUnderTest command = new CommandUnderTest();

    private Path generate(String name, String... options) {
        Path file = temp.resolve(name);
        String[] args = new String[options.length + 5];
        args[0] = "topology";
        args[1] = "generate";
        args[2] = "--out";
        args[3] = file.toString();
        args[4] = "--force";
        System.arraycopy(options, 0, args, 5, options.length);
        command.clear();
        assertEquals(0, command.execute(args), command.err());
        return file;
    }

    @Test
    void theSameSeedGivesTheSameFileAndAnotherSeedAnother() throws IOException {
        String first = Files.readString(generate("a.conf", "--nodes", "120", "--seed", "5"));
        String again = Files.readString(generate("b.conf", "--nodes", "120", "--seed", "5"));
        String other = Files.readString(generate("c.conf", "--nodes", "120", "--seed", "6"));
        assertEquals(first, again);
        assertNotEquals(first, other);
    }

    @ParameterizedTest(name = "{0} nodes, seed {1}, metros {2}")
    @CsvSource({"2, 1, 1", "30, 1, 0", "30, 2, 3", "100, 3, 0", "250, 4, 0", "400, 9, 40"})
    void makesExactlyNConnectedNodesWithShortBackboneSegmentsAndTrueLengths(int nodes, long seed, int metros) {
        String[] options = metros == 0
                ? new String[] {"--nodes", Integer.toString(nodes), "--seed", Long.toString(seed)}
                : new String[] {"--nodes", Integer.toString(nodes), "--seed", Long.toString(seed), "--metro-clusters",
                    Integer.toString(metros)};
        Topology topology = TopologyLoader.load(generate("g.conf", options));
        assertEquals(nodes, topology.nodes().size());
        assertTrue(command.out().startsWith("wrote "), command.out());
        Map<String, NodeSpec> byId = new HashMap<>();
        topology.nodes().forEach(node -> byId.put(node.id(), node));
        Map<String, List<String>> neighbours = new HashMap<>();
        for (LinkSpec link : topology.links()) {
            NodeSpec a = byId.get(link.transmitterId());
            NodeSpec b = byId.get(link.receiverId());
            double km = link.fibre().lengthKm();
            assertEquals(a.position().orElseThrow().distanceKm(b.position().orElseThrow()), km, 0.001, link.id());
            assertEquals(Fidelity.STATISTICAL, link.fidelity());
            if (a.hasRole(NodeRole.ENDPOINT) || b.hasRole(NodeRole.ENDPOINT)) {
                assertTrue(km >= NationalNetwork.METRO_MIN_KM - 0.05 && km <= NationalNetwork.METRO_MAX_KM + 0.05,
                        link.id() + " " + km);
            } else {
                assertTrue(a.hasRole(NodeRole.TRUSTED_RELAY) && b.hasRole(NodeRole.TRUSTED_RELAY), link.id());
                assertTrue(km <= NationalNetwork.MAX_SEGMENT_KM, link.id() + " " + km);
            }
            neighbours.computeIfAbsent(a.id(), k -> new ArrayList<>()).add(b.id());
            neighbours.computeIfAbsent(b.id(), k -> new ArrayList<>()).add(a.id());
        }
        for (NodeSpec node : topology.nodes()) {
            NodeSpec.GeoPosition p = node.position().orElseThrow();
            assertTrue(p.latitude() > 46.5 && p.latitude() < 53.5 && p.longitude() > 1.5 && p.longitude() < 12.5,
                    node.toString());
            assertEquals(1, node.roles().size());
        }
        Set<String> reached = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of(topology.nodes().get(0).id()));
        while (!queue.isEmpty()) {
            String id = queue.poll();
            if (reached.add(id)) {
                queue.addAll(neighbours.getOrDefault(id, List.of()));
            }
        }
        assertEquals(nodes, reached.size(), "every node is reachable from the first");
        assertTrue(topology.links().size() >= nodes - 1, "links");
    }

    @Test
    void longBackboneEdgesAreSplitByRelays() {
        NationalNetwork network = NationalNetwork.generate(300, 2, 6, Fidelity.STATISTICAL);
        assertFalse(network.relays().isEmpty(), "six metros in a 700 km box need relays");
        assertTrue(network.longestBackboneSegmentKm() <= 80);
        assertTrue(network.links().stream().filter(NationalNetwork.Link::backbone)
                .allMatch(link -> link.lengthKm() > 25), "segments are equal parts of edges longer than 80 km, or"
                + " whole edges between hubs kept apart");
    }

    @Test
    void aGeneratedNetworkRunsWithEveryInvariantZero() throws IOException {
        Path topology = generate("thirty.conf", "--nodes", "30", "--seed", "1");
        Path report = temp.resolve("r.json");
        command.clear();
        int exit = command.execute("run", topology.toString(), "--duration", "1s", "--mode", "fast", "--quiet",
                "--report", report.toString());
        assertEquals(0, exit, command.err());
        RunReport written = ReportWriter.read(report);
        Topology loaded = TopologyLoader.load(topology);
        assertEquals(loaded.links().size(), written.links().size());
        assertEquals(30, written.nodes().size());
        written.invariants().forEach((name, count) -> assertEquals(0L, count, name));
        assertTrue(written.links().stream().allMatch(link -> link.fidelity().equals("statistical")));
        assertTrue(written.links().stream().mapToLong(RunReport.LinkReport::siftedBits).sum() > 0);
        RunReport.NodeReport first = written.nodes().get(0);
        assertEquals(loaded.nodes().get(0).position().orElseThrow().latitude(), first.latitude());
        assertEquals(loaded.nodes().get(0).position().orElseThrow().longitude(), first.longitude());
        assertEquals(List.of("trusted-relay"), first.roles());
        assertTrue(Files.readString(report).contains("\"roles\""));
    }

    @Test
    void aThousandNodeNetworkLoadsAndValidates() {
        Path file = generate("thousand.conf", "--nodes", "1000", "--seed", "1");
        long start = System.nanoTime();
        Topology topology = TopologyLoader.load(file);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("1000-node topology (%d links) loaded and validated in %.3f s%n", topology.links().size(),
                seconds);
        assertEquals(1000, topology.nodes().size());
        assertTrue(topology.links().size() >= 999);
    }

    @Test
    void refusesToOverwriteWithoutForce() throws IOException {
        Path file = temp.resolve("exists.conf");
        Files.writeString(file, "keep me");
        assertEquals(Qnetem.EXIT_USAGE, command.execute("topology", "generate", "--nodes", "30", "--out",
                file.toString()));
        assertTrue(command.err().contains(file + " exists; give --force to replace it"), command.err());
        assertEquals("keep me", Files.readString(file));
        command.clear();
        assertEquals(0, command.execute("topology", "generate", "--nodes", "30", "--out", file.toString(),
                "--force"), command.err());
        assertTrue(Files.readString(file).startsWith("# A synthetic national QKD network"));
        try (var listing = Files.list(temp)) {
            assertEquals(List.of(file), listing.toList(), "no temporary file is left behind");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            --nodes 1                           | --nodes must be at least 2, got 1
            --nodes 30 --metro-clusters 0       | --metro-clusters must be in [1, 30] (at most --nodes), got 0
            --nodes 30 --metro-clusters 31      | --metro-clusters must be in [1, 30] (at most --nodes), got 31
            --nodes 30 --fidelity approximate   | Invalid value for option '--fidelity': expected full or statistical, got 'approximate'
            --nodes many                        | Invalid value for option '--nodes': 'many' is not an int
            --nodes 6 --metro-clusters 6        | --nodes 6 is too few for 6 metro clusters: their hubs and the
            --seed 1                            | Missing required option: '--nodes=N'
            """)
    void rejectsBadOptionsWithExitTwo(String options, String message) {
        Path file = temp.resolve("bad.conf");
        List<String> args = new ArrayList<>(List.of("topology", "generate", "--out", file.toString()));
        args.addAll(List.of(options.trim().split(" +")));
        assertEquals(Qnetem.EXIT_USAGE, command.execute(args.toArray(String[]::new)), command.err());
        assertTrue(command.err().contains(message), command.err());
        assertFalse(Files.exists(file));
    }
}
