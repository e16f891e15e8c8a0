package org.qnetem.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.qnetem.runtime.QnetemConfig;
import org.qnetem.runtime.clock.ClockMode;
import org.qnetem.runtime.clock.ClockSettings;
import org.qnetem.runtime.clock.EmulationClock;
import org.qnetem.runtime.clock.ProgressListener;
import org.qnetem.runtime.link.LinkStatistics;
import org.qnetem.runtime.run.Emulation;
import org.qnetem.runtime.run.EmulationFailedException;
import org.qnetem.runtime.run.EmulationGuardian;
import org.qnetem.runtime.run.RunResult;
import org.qnetem.runtime.run.RunSettings;
import org.qnetem.runtime.topology.Fidelity;
import org.qnetem.runtime.topology.Topology;
import org.qnetem.runtime.topology.TopologyLoader;

/**
 * Three members and a coordinator in one JVM on 127.0.0.1, every message through its real serializer: the UK
 * network in fast mode makes exactly the keys the single-JVM run makes with the same seed, its links reaching
 * the clock, a cluster singleton on the coordinator, through their members' proxies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterRunTest {

    private static final Path UK = Path.of("../../config/uk-bristol-cambridge.conf");
    private static final long DURATION_PS = 4_000_000_000_000L;
    private static final long SEED = 7;

    private final List<ClusterMember> members = new ArrayList<>();
    private final List<HostPort> seeds = new ArrayList<>();
    private Topology topology;
    private RunSettings settings;
    private RunResult clustered;

    @BeforeAll
    void runOnThreeMembers() throws Exception {
        topology = TopologyLoader.load(UK);
        settings = new RunSettings(SEED, new ClockSettings(ClockMode.FAST, 1.0, DURATION_PS, 50_000_000_000L));
        for (int i = 0; i < 3; i++) {
            seeds.add(new HostPort("127.0.0.1", freePort()));
        }
        for (HostPort seed : seeds) {
            members.add(ClusterMember.start(new MemberSettings(seeds, Optional.of(seed.host()),
                    OptionalInt.of(seed.port()), OptionalInt.of(freePort()), Optional.empty()), line -> { }));
        }
        ClusterPlacement placement = new ClusterPlacement(seeds, 3, "test", Files.readString(UK), topology, null,
                settings);
        clustered = Emulation.run(new EmulationGuardian.Request(topology, settings, ProgressListener.NONE, null, null,
                live -> { }, placement), ClusterPlacement.coordinatorConfig(QnetemConfig.load(), "test", "127.0.0.1", 0));
    }

    @AfterAll
    void stopMembers() throws Exception {
        for (ClusterMember member : members) {
            member.leave().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyLinkMakesTheKeysOfTheSingleJvmRun() {
        RunResult single = Emulation.run(topology, settings, ProgressListener.NONE);
        int withKey = 0;
        for (int i = 0; i < topology.links().size(); i++) {
            LinkStatistics one = single.links().get(i);
            LinkStatistics many = clustered.links().get(i);
            assertEquals(one.linkId(), many.linkId());
            assertEquals(one.keys().keyDigest(), many.keys().keyDigest(), one.linkId());
            assertEquals(one.keys().blocks(), many.keys().blocks(), one.linkId());
            assertEquals(one.detections(), many.detections(), one.linkId());
            assertEquals(one.siftedBits(), many.siftedBits(), one.linkId());
            assertEquals(0, many.keys().mismatchedKeys() + many.keys().keysDeliveredTwice()
                    + many.keys().keysFromAbortedBlocks(), one.linkId());
            withKey += many.keys().blocks() > 0 ? 1 : 0;
        }
        assertTrue(withKey >= topology.links().size() / 2, withKey + " links made key");
    }

    @Test
    void eachRegionLivesOnItsOwnMemberAndTheTrafficIsCounted() {
        ClusterSummary cluster = clustered.cluster().orElseThrow();
        assertEquals(3, cluster.members().size());
        assertEquals(3, cluster.regions().size());
        assertEquals(3, cluster.regions().stream().map(ClusterSummary.Region::member).distinct().count(),
                cluster.regions().toString());
        assertEquals(topology.nodes().size(), cluster.regions().stream().mapToInt(r -> r.nodes().size()).sum());
        assertEquals(3, cluster.traffic().size());
        assertTrue(cluster.traffic().stream().allMatch(member -> member.types().length > 0));
    }

    /**
     * The clock is a cluster singleton, nobody's child: when it fails (here, told of an epoch by a link the run
     * lacks, through a proxy on a JVM outside the run) the run still fails at once, naming the cause.
     */
    @Test
    @Timeout(300)
    void aFailingClockFailsTheRunWithItsCause() throws Exception {
        ActorTestKit outsider = ActorTestKit.create(Emulation.SYSTEM_NAME, QnetemConfig.load());
        try {
            Cluster.get(outsider.system()).manager().tell(new JoinSeedNodes(seeds.stream()
                    .map(seed -> new Address("pekko", Emulation.SYSTEM_NAME, seed.host(), seed.port())).toList()));
            Topology statistical = topology.withFidelity(Fidelity.STATISTICAL);
            RunSettings tenMinutes = new RunSettings(SEED, new ClockSettings(ClockMode.FAST, 1.0, 600 * 1_000_000_000_000L,
                    50_000_000_000L));
            ClusterPlacement placement = new ClusterPlacement(seeds, 3, "failing", Files.readString(UK), statistical,
                    Fidelity.STATISTICAL, tenMinutes);
            EmulationFailedException failure = assertThrows(EmulationFailedException.class, () -> Emulation.run(
                    new EmulationGuardian.Request(statistical, tenMinutes, ProgressListener.NONE, null, null,
                            live -> ClockSingleton.proxy(outsider.system(), "failing")
                                    .tell(new EmulationClock.EpochCompleted("no-such-link", 1_000_000)), placement),
                    ClusterPlacement.coordinatorConfig(QnetemConfig.load(), "failing", "127.0.0.1", 0)));
            assertTrue(failure.getMessage().startsWith("the emulation clock failed: "), failure.getMessage());
            assertTrue(failure.getMessage().contains("unexpected completion of epoch 1000000 by link no-such-link"),
                    failure.getMessage());
        } finally {
            outsider.shutdownTestKit();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
