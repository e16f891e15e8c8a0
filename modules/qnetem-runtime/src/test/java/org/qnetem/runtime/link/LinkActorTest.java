package org.qnetem.runtime.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.qkd.sifting.SiftedBlock;
import org.qnetem.runtime.QnetemConfig;
import org.qnetem.runtime.clock.EmulationClock;
import org.qnetem.runtime.entity.LocalDirectory;
import org.qnetem.runtime.kms.KmeActor;
import org.qnetem.runtime.node.NodeActor;
import org.qnetem.runtime.topology.LinkSpec;
import org.qnetem.runtime.topology.TopologyLoader;

/** The link compares both ends' sifted halves and reports an epoch only once all its batches are compared. */
class LinkActorTest {

    private static final ActorTestKit TESTKIT = ActorTestKit.create(QnetemConfig.load());
    private static final LinkSpec LINK = TopologyLoader.load(Path.of("../../config/two-node.conf")).links().get(0);

    @AfterAll
    static void shutdown() {
        TESTKIT.shutdownTestKit();
    }

    private static LocalDirectory directory(ActorRef<NodeActor.Command> alice, ActorRef<NodeActor.Command> bob,
                                            ActorRef<EmulationClock.Command> clock,
                                            ActorRef<KmeActor.Command> kmes) {
        LocalDirectory directory = new LocalDirectory();
        directory.addNode(LINK.transmitterId(), alice);
        directory.addNode(LINK.receiverId(), bob);
        directory.addKme(LINK.transmitterId(), kmes);
        directory.addKme(LINK.receiverId(), kmes);
        directory.setClock(clock);
        return directory;
    }

    private static SiftedBlock block(long sequence, long bits, int length) {
        PackedBits packed = PackedBits.of(new long[] {bits}, length);
        return new SiftedBlock(LINK.id(), sequence, packed, packed, new byte[length]);
    }

    @Test
    void epochsCompleteOverAContiguousPrefixOfComparedBatches() {
        TestProbe<NodeActor.Command> alice = TESTKIT.createTestProbe();
        TestProbe<NodeActor.Command> bob = TESTKIT.createTestProbe();
        TestProbe<EmulationClock.Command> clock = TESTKIT.createTestProbe();
        TestProbe<LinkStatistics> statistics = TESTKIT.createTestProbe();
        TestProbe<KmeActor.Command> kmes = TESTKIT.createTestProbe();
        ActorRef<LinkActor.Command> link = TESTKIT.spawn(LinkActor.create(LINK, 1,
                directory(alice.getRef(), bob.getRef(), clock.getRef(), kmes.getRef())));

        link.tell(new LinkActor.EpochEmitted(0, 1));
        link.tell(new LinkActor.RecordSifted(LinkRole.TRANSMITTER, block(1, 0b1111, 4)));
        link.tell(new LinkActor.RecordSifted(LinkRole.RECEIVER, block(1, 0b0111, 4)));
        clock.expectNoMessage(Duration.ofMillis(200));

        link.tell(new LinkActor.RecordSifted(LinkRole.RECEIVER, block(0, 0b01, 2)));
        link.tell(new LinkActor.RecordSifted(LinkRole.TRANSMITTER, block(0, 0b10, 2)));
        assertEquals(new EmulationClock.EpochCompleted(LINK.id(), 0), clock.receiveMessage());

        link.tell(new LinkActor.EpochEmitted(1, 1));
        assertEquals(new EmulationClock.EpochCompleted(LINK.id(), 1), clock.receiveMessage(),
                "an epoch without batches completes at once");

        link.tell(new LinkActor.ReportStatistics(statistics.getRef()));
        LinkStatistics measured = statistics.receiveMessage();
        assertEquals(6, measured.siftedBits());
        assertEquals(3, measured.siftedErrors());
        assertEquals(0, measured.siftLengthMismatches());
    }

    @Test
    void aNewLifeClosesTheBatchesBeforeItsFirstAndComparesItsOwnAgain() {
        TestProbe<NodeActor.Command> nodes = TESTKIT.createTestProbe();
        TestProbe<EmulationClock.Command> clock = TESTKIT.createTestProbe();
        TestProbe<LinkStatistics> statistics = TESTKIT.createTestProbe();
        TestProbe<KmeActor.Command> kmes = TESTKIT.createTestProbe();
        ActorRef<LinkActor.Command> link = TESTKIT.spawn(LinkActor.rehomed(LINK, 1,
                directory(nodes.getRef(), nodes.getRef(), clock.getRef(), kmes.getRef())));

        link.tell(new LinkActor.RecordDiscarded(0));
        link.tell(new LinkActor.EpochEmitted(5, 2));
        clock.expectNoMessage(Duration.ofMillis(200));

        link.tell(new LinkActor.Restart(1, 8, 600, "its ends run again", true));
        assertEquals(new EmulationClock.EpochCompleted(LINK.id(), 5), clock.receiveMessage(),
                "batches 1 and 2 belong to the old life, which is over");
        link.tell(new LinkActor.Restart(1, 8, 600, "its ends run again", true));
        link.tell(new LinkActor.EpochEmitted(6, 8));
        link.tell(new LinkActor.RecordSifted(LinkRole.TRANSMITTER, block(8, 0b1111, 4)));
        link.tell(new LinkActor.RecordSifted(LinkRole.RECEIVER, block(8, 0b0111, 4)));
        assertEquals(new EmulationClock.EpochCompleted(LINK.id(), 6), clock.receiveMessage());

        link.tell(new LinkActor.ReportStatistics(statistics.getRef()));
        LinkStatistics measured = statistics.receiveMessage();
        assertEquals(4, measured.siftedBits());
        assertEquals(1, measured.siftedErrors());
        assertEquals(1, Arrays.stream(measured.observations().events())
                .filter(event -> event.type().equals("link-new-life")).count(), "one event; the repeat is ignored");
    }

    @Test
    void aBlockThatNeverSettlesFailsTheLinkNamingTheBlockAndWhatEachEndDecided() {
        ActorTestKit impatient = ActorTestKit.create(ConfigFactory.parseString(
                "qnetem.clock.statistics-timeout = 1s").withFallback(QnetemConfig.load()));
        try {
            TestProbe<String> failures = impatient.createTestProbe();
            TestProbe<LinkStatistics> statistics = impatient.createTestProbe();
            impatient.spawn(Behaviors.<Void>setup(context -> {
                TestProbe<NodeActor.Command> nodes = impatient.createTestProbe();
                TestProbe<EmulationClock.Command> clock = impatient.createTestProbe();
                TestProbe<KmeActor.Command> kmes = impatient.createTestProbe();
                ActorRef<LinkActor.Command> link = context.spawn(LinkActor.create(LINK, 1,
                        directory(nodes.getRef(), nodes.getRef(), clock.getRef(), kmes.getRef())), "link");
                context.watch(link);
                link.tell(new LinkActor.RecordBlockOpened(7));
                link.tell(new LinkActor.RecordBlock(new BlockRecord(LinkRole.RECEIVER, 7, 1_000_000_000_000L,
                        "PARAMETER_ESTIMATION", "node BOB crashed", null, new byte[0])));
                link.tell(new LinkActor.ReportStatistics(statistics.getRef()));
                return Behaviors.receive(Void.class).onSignal(ChildFailed.class, failed -> {
                    failures.getRef().tell(failed.cause().getMessage());
                    return Behaviors.same();
                }).build();
            }));
            String failure = failures.receiveMessage(Duration.ofSeconds(30));
            assertTrue(failure.startsWith("link " + LINK.id() + ": 1 key block still in flight"), failure);
            assertTrue(failure.contains("block 7: " + LINK.receiverId() + " aborted it at 1.000000 s during "
                    + "PARAMETER_ESTIMATION (node BOB crashed); " + LINK.transmitterId() + " has not decided it"),
                    failure);
            statistics.expectNoMessage(Duration.ofMillis(100));
        } finally {
            impatient.shutdownTestKit();
        }
    }

    @Test
    void halvesOfDifferentLengthsAreCountedAsAFault() {
        TestProbe<NodeActor.Command> alice = TESTKIT.createTestProbe();
        TestProbe<NodeActor.Command> bob = TESTKIT.createTestProbe();
        TestProbe<EmulationClock.Command> clock = TESTKIT.createTestProbe();
        TestProbe<LinkStatistics> statistics = TESTKIT.createTestProbe();
        TestProbe<KmeActor.Command> kmes = TESTKIT.createTestProbe();
        ActorRef<LinkActor.Command> link = TESTKIT.spawn(LinkActor.create(LINK, 1,
                directory(alice.getRef(), bob.getRef(), clock.getRef(), kmes.getRef())));
        link.tell(new LinkActor.RecordSifted(LinkRole.TRANSMITTER, block(0, 0b1, 1)));
        link.tell(new LinkActor.RecordSifted(LinkRole.RECEIVER, block(0, 0b11, 2)));
        link.tell(new LinkActor.ReportStatistics(statistics.getRef()));
        LinkStatistics measured = statistics.receiveMessage();
        assertEquals(1, measured.siftLengthMismatches());
        assertEquals(0, measured.siftedBits());
    }
}
