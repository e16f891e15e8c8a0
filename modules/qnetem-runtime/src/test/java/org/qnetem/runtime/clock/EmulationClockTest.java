package org.qnetem.runtime.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.qnetem.runtime.QnetemConfig;
import org.qnetem.runtime.node.NodeActor;

class EmulationClockTest {

    private static final ActorTestKit TESTKIT = ActorTestKit.create(ConfigFactory
            .parseString("qnetem.clock.stall-timeout = 300ms").withFallback(QnetemConfig.load()));
    private static final long EPOCH_PS = 50_000_000_000L;

    @AfterAll
    static void shutdown() {
        TESTKIT.shutdownTestKit();
    }

    private static ActorRef<EmulationClock.Command> clock(TestProbe<NodeActor.Command> node, long durationPs) {
        ClockSettings settings = new ClockSettings(ClockMode.FAST, 1, durationPs, EPOCH_PS);
        return TESTKIT.spawn(EmulationClock.create(settings, List.of(node.getRef()), Set.of("L"),
                ProgressListener.NONE));
    }

    @Test
    void advancesEpochByEpochAsLinksComplete() {
        TestProbe<NodeActor.Command> node = TESTKIT.createTestProbe();
        TestProbe<ClockSummary> done = TESTKIT.createTestProbe();
        ActorRef<EmulationClock.Command> clock = clock(node, 120_000_000_000L);
        clock.tell(new EmulationClock.Start(done.getRef()));
        assertEquals(new NodeActor.AdvanceTo(0, EPOCH_PS), node.receiveMessage());
        clock.tell(new EmulationClock.EpochCompleted("L", 0));
        assertEquals(new NodeActor.AdvanceTo(1, 2 * EPOCH_PS), node.receiveMessage());
        clock.tell(new EmulationClock.EpochCompleted("L", 1));
        assertEquals(new NodeActor.AdvanceTo(2, 120_000_000_000L), node.receiveMessage(), "the last epoch is cut short");
        clock.tell(new EmulationClock.EpochCompleted("L", 2));
        ClockSummary summary = done.receiveMessage();
        assertEquals(3, summary.epochs());
        assertEquals(120_000_000_000L, summary.emulatedPs());
    }

    @Test
    void failsInsteadOfWaitingForeverWhenACompletionIsLost() {
        TestProbe<NodeActor.Command> node = TESTKIT.createTestProbe();
        TestProbe<ClockSummary> done = TESTKIT.createTestProbe();
        ActorRef<EmulationClock.Command> clock = clock(node, 10 * EPOCH_PS);
        clock.tell(new EmulationClock.Start(done.getRef()));
        node.receiveMessage();
        node.expectTerminated(clock, Duration.ofSeconds(5));
        done.expectNoMessage(Duration.ofMillis(100));
    }
}
