package org.qnetem.runtime.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        return clock(node, durationPs, EmulationClock.BoundaryListener.NONE);
    }

    private static ActorRef<EmulationClock.Command> clock(TestProbe<NodeActor.Command> node, long durationPs,
                                                          EmulationClock.BoundaryListener boundaries) {
        ClockSettings settings = new ClockSettings(ClockMode.FAST, 1, durationPs, EPOCH_PS);
        return TESTKIT.spawn(EmulationClock.create(settings, List.of(node.getRef()), Set.of("L"),
                ProgressListener.NONE, boundaries));
    }

    /** The clock told {@code outcomes} it failed, with a reason containing {@code expected}, and stopped. */
    private static void assertFailed(TestProbe<EmulationClock.Outcome> outcomes, ActorRef<EmulationClock.Command> clock,
                                     String expected) {
        EmulationClock.Failed failed = assertInstanceOf(EmulationClock.Failed.class,
                outcomes.receiveMessage(Duration.ofSeconds(5)));
        assertTrue(failed.reason().contains(expected), failed.reason());
        outcomes.expectTerminated(clock, Duration.ofSeconds(5));
    }

    @Test
    void advancesEpochByEpochAsLinksComplete() {
        TestProbe<NodeActor.Command> node = TESTKIT.createTestProbe();
        TestProbe<EmulationClock.Outcome> done = TESTKIT.createTestProbe();
        ActorRef<EmulationClock.Command> clock = clock(node, 120_000_000_000L);
        clock.tell(new EmulationClock.Start(done.getRef()));
        assertEquals(new NodeActor.AdvanceTo(0, EPOCH_PS), node.receiveMessage());
        clock.tell(new EmulationClock.EpochCompleted("L", 0));
        assertEquals(new NodeActor.AdvanceTo(1, 2 * EPOCH_PS), node.receiveMessage());
        clock.tell(new EmulationClock.EpochCompleted("L", 1));
        assertEquals(new NodeActor.AdvanceTo(2, 120_000_000_000L), node.receiveMessage(), "the last epoch is cut short");
        clock.tell(new EmulationClock.EpochCompleted("L", 2));
        ClockSummary summary = assertInstanceOf(ClockSummary.class, done.receiveMessage());
        assertEquals(3, summary.epochs());
        assertEquals(120_000_000_000L, summary.emulatedPs());
    }

    @Test
    void failsInsteadOfWaitingForeverWhenACompletionIsLost() {
        TestProbe<NodeActor.Command> node = TESTKIT.createTestProbe();
        TestProbe<EmulationClock.Outcome> done = TESTKIT.createTestProbe();
        ActorRef<EmulationClock.Command> clock = clock(node, 10 * EPOCH_PS);
        clock.tell(new EmulationClock.Start(done.getRef()));
        node.receiveMessage();
        assertFailed(done, clock, "no epoch completed within 0 s of wall time: epoch 0 still waits for links [L]");
    }

    @Test
    void reportsAnUnexpectedCompletionToWhoeverStartedIt() {
        TestProbe<NodeActor.Command> node = TESTKIT.createTestProbe();
        TestProbe<EmulationClock.Outcome> done = TESTKIT.createTestProbe();
        ActorRef<EmulationClock.Command> clock = clock(node, 10 * EPOCH_PS);
        clock.tell(new EmulationClock.Start(done.getRef()));
        node.receiveMessage();
        clock.tell(new EmulationClock.EpochCompleted("L", 4));
        assertFailed(done, clock, "unexpected completion of epoch 4 by link L during epoch 0");
    }

    @Test
    void aFailureBeforeTheStartIsReportedAtTheStart() {
        TestProbe<NodeActor.Command> node = TESTKIT.createTestProbe();
        TestProbe<EmulationClock.Outcome> done = TESTKIT.createTestProbe();
        ActorRef<EmulationClock.Command> clock = clock(node, 10 * EPOCH_PS);
        clock.tell(new EmulationClock.EpochCompleted("X", 2));
        clock.tell(new EmulationClock.EpochCompleted("Y", 3));
        clock.tell(new EmulationClock.Start(done.getRef()));
        assertFailed(done, clock, "before it was started: unexpected completion of epoch 2 by link X during epoch -1");
        node.expectNoMessage(Duration.ofMillis(100));
    }

    @Test
    void reportsAFailingBoundaryListener() {
        TestProbe<NodeActor.Command> node = TESTKIT.createTestProbe();
        TestProbe<EmulationClock.Outcome> done = TESTKIT.createTestProbe();
        ActorRef<EmulationClock.Command> clock = clock(node, 10 * EPOCH_PS, boundaryPs -> {
            if (boundaryPs == EPOCH_PS) {
                throw new IllegalArgumentException("fault book corrupt at " + boundaryPs + " ps");
            }
        });
        clock.tell(new EmulationClock.Start(done.getRef()));
        node.receiveMessage();
        clock.tell(new EmulationClock.EpochCompleted("L", 0));
        assertFailed(done, clock, "fault book corrupt at 50000000000 ps");
    }
}
