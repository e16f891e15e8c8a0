package org.qnetem.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.ActorPath;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.qnetem.runtime.QnetemConfig;
import org.qnetem.runtime.clock.ClockMode;
import org.qnetem.runtime.clock.ClockSettings;
import org.qnetem.runtime.clock.EmulationClock;
import org.qnetem.runtime.run.Emulation;
import org.qnetem.runtime.run.RunSettings;
import org.qnetem.runtime.topology.Topology;
import org.qnetem.runtime.topology.TopologyLoader;

/**
 * A coordinator and a member in one JVM, every message through its real serializer: the clock runs under the
 * coordinator's singleton manager, and the member, which lacks the run's role, reaches it through a proxy of its
 * own without ever starting a manager.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClockSingletonTest {

    private static final String RUN = "r1";
    private static final Path UK = Path.of("../../config/uk-bristol-cambridge.conf");

    private ActorTestKit coordinator;
    private ActorTestKit member;

    @BeforeAll
    void formCluster() {
        coordinator = ActorTestKit.create(Emulation.SYSTEM_NAME,
                ClusterPlacement.coordinatorConfig(QnetemConfig.load(), RUN, "127.0.0.1", 0));
        Cluster coordinatorCluster = Cluster.get(coordinator.system());
        coordinatorCluster.manager().tell(Join.create(coordinatorCluster.selfMember().address()));
        member = ActorTestKit.create(Emulation.SYSTEM_NAME, QnetemConfig.load(
                ConfigFactory.parseMap(Map.of("pekko.remote.artery.canonical.port", 0)),
                QnetemConfig.resource("/qnetem-member.conf")));
        Cluster.get(member.system()).manager().tell(new JoinSeedNodes(
                List.of(coordinatorCluster.selfMember().address())));
        TestProbe<Object> waiter = member.createTestProbe();
        waiter.awaitAssert(Duration.ofSeconds(30), () -> {
            assertEquals(MemberStatus.up(), Cluster.get(member.system()).selfMember().status());
            return null;
        });
    }

    @AfterAll
    void stop() {
        member.shutdownTestKit();
        coordinator.shutdownTestKit();
    }

    @Test
    void theMemberReachesTheClockUnderTheCoordinatorsSingletonManagerThroughItsProxy() throws Exception {
        TestProbe<EmulationClock.Command> received = coordinator.createTestProbe();
        AtomicReference<ActorPath> clockPath = new AtomicReference<>();
        Behavior<EmulationClock.Command> clock = Behaviors.setup(context -> {
            clockPath.set(context.getSelf().path());
            return Behaviors.receiveMessage(command -> {
                received.getRef().tell(command);
                return Behaviors.same();
            });
        });
        ClockSingleton.host(coordinator.system(), RUN, clock);

        ActorRef<EmulationClock.Command> proxy = ClockSingleton.proxy(member.system(), RUN);
        proxy.tell(new EmulationClock.EpochCompleted("L", 7));
        received.expectMessage(Duration.ofSeconds(20), new EmulationClock.EpochCompleted("L", 7));

        ActorPath path = clockPath.get();
        assertEquals(ClockSingleton.name(RUN), path.name());
        assertEquals(List.of("system", "singletonManager" + ClockSingleton.name(RUN), ClockSingleton.name(RUN)),
                StreamSupport.stream(path.getElements().spliterator(), false).toList(),
                "the clock is the child of the coordinator's singleton manager");
        assertTrue(proxy.path().name().startsWith("singletonProxy" + ClockSingleton.name(RUN)), proxy.path().toString());
        assertFalse(proxy.path().address().hasGlobalScope(), "the member holds its own proxy, not a remote ref");
        assertFalse(exists(member.system(), "/system/singletonManager" + ClockSingleton.name(RUN)),
                "a member without the run's role starts no singleton manager");
        assertTrue(exists(coordinator.system(), "/system/singletonManager" + ClockSingleton.name(RUN)));
    }

    @Test
    void onlyTheRunsCoordinatorHasTheRunsRole() {
        assertTrue(Cluster.get(coordinator.system()).selfMember().hasRole(ClockSingleton.role(RUN)));
        assertFalse(Cluster.get(coordinator.system()).selfMember().hasRole(ClockSingleton.role("r2")),
                "another run's clock never lands on this coordinator");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> ClockSingleton.proxy(coordinator.system(), RUN));
        assertTrue(refused.getMessage().contains("only the run's coordinator may have"), refused.getMessage());
    }

    @Test
    void aCoordinatorWithoutTheRunsRoleRefusesTheRunInsteadOfLeavingItsClockNowhere() throws Exception {
        Topology topology = TopologyLoader.load(UK);
        ClusterPlacement placement = new ClusterPlacement(List.of(new HostPort("127.0.0.1", 1)), 1, "r2",
                Files.readString(UK), topology, null, new RunSettings(1, new ClockSettings(ClockMode.FAST, 1.0,
                        1_000_000_000_000L, 50_000_000_000L)));
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> placement.ready(coordinator.system()).toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertTrue(refused.getCause().getMessage().contains("lacks the role coordinator-r2"),
                refused.getCause().getMessage());
    }

    @Test
    void theRunSpecCarriesNoActorRef() {
        assertTrue(Arrays.stream(RunSpec.class.getRecordComponents())
                        .noneMatch(component -> ActorRef.class.isAssignableFrom(component.getType())
                                || org.apache.pekko.actor.ActorRef.class.isAssignableFrom(component.getType())),
                "members find the clock by the run id, through their singleton proxy");
    }

    private static boolean exists(ActorSystem<?> system, String path) throws InterruptedException {
        try {
            Adapter.toClassic(system).actorSelection(path).resolveOne(Duration.ofSeconds(3))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            return false;
        } catch (TimeoutException e) {
            throw new AssertionError("no answer resolving " + path, e);
        }
    }
}
