package org.qnetem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.qnetem.runtime.cluster.ClusterMember;
import org.qnetem.runtime.cluster.HostPort;
import org.qnetem.runtime.cluster.MemberSettings;
import org.qnetem.runtime.report.ReportWriter;
import org.qnetem.runtime.report.RunReport;

/**
 * {@code qnetem run --cluster} against two members started in the test JVM: the two-node link, whose ends
 * land on different members, makes the key of the one-JVM run, and the report says where everything lived.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterRunCommandTest {

    private static final String TWO_NODE = "../../config/two-node.conf";

    private final List<ClusterMember> members = new ArrayList<>();
    private final List<HostPort> seeds = new ArrayList<>();
    private Path temp;

    @BeforeAll
    void startTwoMembers() throws Exception {
        temp = Files.createTempDirectory("cluster-run-command");
        for (int i = 0; i < 2; i++) {
            seeds.add(new HostPort("127.0.0.1", freePort()));
        }
        for (HostPort seed : seeds) {
            members.add(ClusterMember.start(new MemberSettings(seeds, Optional.of(seed.host()),
                    OptionalInt.of(seed.port()), OptionalInt.of(freePort()), Optional.empty()), line -> { }));
        }
    }

    @AfterAll
    void stopMembers() throws Exception {
        for (ClusterMember member : members) {
            member.leave().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theTwoNodeLinkAcrossTwoMembersMakesTheKeyOfTheOneJvmRun() throws IOException {
        CommandUnderTest single = new CommandUnderTest();
        assertEquals(0, single.execute("run", TWO_NODE, "--duration", "2s", "--seed", "5", "--quiet", "--report",
                temp.resolve("single.json").toString()), single.err());
        CommandUnderTest clustered = new CommandUnderTest();
        assertEquals(0, clustered.execute("run", TWO_NODE, "--duration", "2s", "--seed", "5", "--quiet", "--report",
                temp.resolve("cluster.json").toString(), "--cluster", "--seed-nodes",
                seeds.stream().map(HostPort::toString).collect(Collectors.joining(",")), "--min-members", "2"),
                clustered.err());

        RunReport one = ReportWriter.read(temp.resolve("single.json"));
        RunReport many = ReportWriter.read(temp.resolve("cluster.json"));
        assertNull(one.cluster());
        RunReport.LinkReport link = many.links().get(0);
        assertTrue(link.blocks() > 0, "the link made key in 2 s");
        assertEquals(one.links().get(0).keyDigest(), link.keyDigest());
        assertEquals(one.links().get(0).detections(), link.detections());

        RunReport.ClusterReport cluster = many.cluster();
        assertEquals(2, cluster.members().size());
        assertEquals(List.of("ALICE-BOB"), cluster.crossingLinks());
        assertEquals(2, cluster.regions().stream().map(RunReport.RegionReport::member).distinct().count(),
                cluster.regions().toString());
        assertEquals(cluster.traffic().stream().mapToLong(RunReport.TrafficReport::bytes).sum(),
                cluster.total().bytes());
        assertNotNull(cluster.total().bytesPerDetectionBatch(), "Bob's detections go to the other member");
        assertTrue(clustered.out().contains("cluster: 2 members, 2 regions, 1 crossing links"), clustered.out());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
