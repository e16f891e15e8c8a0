package org.qnetem.runtime.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.qnetem.physics.batch.PhotonBatch;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.qkd.sifting.SiftedBlock;
import org.qnetem.runtime.QnetemConfig;
import org.qnetem.runtime.clock.EmulationClock;
import org.qnetem.runtime.entity.LocalDirectory;
import org.qnetem.runtime.kms.KmeActor;
import org.qnetem.runtime.node.NodeActor;
import org.qnetem.runtime.topology.Fidelity;
import org.qnetem.runtime.topology.LinkSpec;
import org.qnetem.runtime.topology.TopologyLoader;

/**
 * The link compares both ends' sifted halves and reports an epoch only once all its batches are compared; at
 * statistical fidelity it gives both KMEs each key block, with its bits only when they keep key.
 */
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
        ActorRef<LinkActor.Command> link = TESTKIT.spawn(LinkActor.create(LINK, 1, true,
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
        ActorRef<LinkActor.Command> link = TESTKIT.spawn(LinkActor.rehomed(LINK, 1, true,
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
                ActorRef<LinkActor.Command> link = context.spawn(LinkActor.create(LINK, 1, true,
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
    void aStatisticalLinkGivesBothKmesEachBlockWithItsBitsOnlyWhenTheKmesKeepKey() {
        LinkSpec l = LINK;
        // Blocks of 2 x 10^5 bits close every few 10 ms batches.
        LinkSpec statistical = new LinkSpec(l.id(), l.transmitterId(), l.receiverId(), l.protocol(),
                Fidelity.STATISTICAL, l.batchPulses(), l.fibre(), l.source(), l.sourcePositionKm(), l.receiver(),
                l.basisChoice(), l.postProcessing().withKeyBlockBits(200_000));
        KmeActor.DeliverKeyBlock[] kept = firstBlockAtBothKmes(statistical, true);
        KmeActor.DeliverKeyBlock[] counted = firstBlockAtBothKmes(statistical, false);
        long bits = kept[0].bits();
        assertTrue(bits > 0, "a key block was delivered: " + kept[0]);
        for (int end = 0; end < 2; end++) {
            assertEquals(kept[0].blockId(), kept[end].blockId());
            assertEquals(bits, kept[end].bits());
            assertEquals((bits + 7) / 8, kept[end].key().length);
            assertArrayEquals(kept[0].key(), kept[end].key(), "both ends' KMEs get the same key");
            assertEquals(kept[0].blockId(), counted[end].blockId(), "the same block either way");
            assertEquals(bits, counted[end].bits(), "the same length either way");
            assertEquals(0, counted[end].key().length, "no bytes for KMEs that only count key");
        }
    }

    /** The first key block the link gives the KMEs at its two ends (one probe stands for both). */
    private static KmeActor.DeliverKeyBlock[] firstBlockAtBothKmes(LinkSpec statistical, boolean kmesKeepKey) {
        TestProbe<NodeActor.Command> nodes = TESTKIT.createTestProbe();
        TestProbe<EmulationClock.Command> clock = TESTKIT.createTestProbe();
        TestProbe<KmeActor.Command> kmes = TESTKIT.createTestProbe();
        ActorRef<LinkActor.Command> link = TESTKIT.spawn(LinkActor.create(statistical, 1, kmesKeepKey,
                directory(nodes.getRef(), nodes.getRef(), clock.getRef(), kmes.getRef())));
        long pulses = statistical.batchPulses();
        for (long sequence = 0; sequence < 40; sequence++) {
            link.tell(new LinkActor.Transmit(new PhotonBatch(statistical.id(), sequence, sequence * pulses * 1000,
                    pulses, statistical.source(), new StreamKey(1, statistical.id(), "pulses", sequence))));
        }
        KmeActor.DeliverKeyBlock[] both = {(KmeActor.DeliverKeyBlock) kmes.receiveMessage(),
            (KmeActor.DeliverKeyBlock) kmes.receiveMessage()};
        TESTKIT.stop(link);
        return both;
    }

    @Test
    void halvesOfDifferentLengthsAreCountedAsAFault() {
        TestProbe<NodeActor.Command> alice = TESTKIT.createTestProbe();
        TestProbe<NodeActor.Command> bob = TESTKIT.createTestProbe();
        TestProbe<EmulationClock.Command> clock = TESTKIT.createTestProbe();
        TestProbe<LinkStatistics> statistics = TESTKIT.createTestProbe();
        TestProbe<KmeActor.Command> kmes = TESTKIT.createTestProbe();
        ActorRef<LinkActor.Command> link = TESTKIT.spawn(LinkActor.create(LINK, 1, true,
                directory(alice.getRef(), bob.getRef(), clock.getRef(), kmes.getRef())));
        link.tell(new LinkActor.RecordSifted(LinkRole.TRANSMITTER, block(0, 0b1, 1)));
        link.tell(new LinkActor.RecordSifted(LinkRole.RECEIVER, block(0, 0b11, 2)));
        link.tell(new LinkActor.ReportStatistics(statistics.getRef()));
        LinkStatistics measured = statistics.receiveMessage();
        assertEquals(1, measured.siftLengthMismatches());
        assertEquals(0, measured.siftedBits());
    }
}
