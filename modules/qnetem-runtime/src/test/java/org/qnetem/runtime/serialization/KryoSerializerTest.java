package org.qnetem.runtime.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.runtime.QnetemConfig;
import org.qnetem.qkd.sifting.SiftedBlock;
import org.qnetem.runtime.clock.ClockSummary;
import org.qnetem.runtime.clock.EmulationClock;
import org.qnetem.runtime.link.BlockDetail;
import org.qnetem.runtime.link.BlockRecord;
import org.qnetem.runtime.link.KeyStatistics;
import org.qnetem.runtime.link.LinkActor;
import org.qnetem.runtime.link.LinkRole;
import org.qnetem.runtime.link.LinkStatistics;
import org.qnetem.runtime.node.NodeActor;

class KryoSerializerTest {

    private static final ActorTestKit TESTKIT = ActorTestKit.create(QnetemConfig.load());
    private static final Serialization SERIALIZATION = SerializationExtension.get(
            Adapter.toClassic(TESTKIT.system()));

    @AfterAll
    static void shutdown() {
        TESTKIT.shutdownTestKit();
    }

    private static Object roundTrip(Object message) {
        byte[] bytes = SERIALIZATION.serialize(message).get();
        var serializer = SERIALIZATION.findSerializerFor(message);
        assertInstanceOf(KryoSerializer.class, serializer, message.getClass() + " must use Kryo");
        return SERIALIZATION.deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, message))
                .get();
    }

    @Test
    void everyInternalMessageRoundTrips() {
        TestProbe<LinkStatistics> statistics = TESTKIT.createTestProbe();
        TestProbe<EmulationClock.Outcome> outcomes = TESTKIT.createTestProbe();
        SiftedBlock block = new SiftedBlock("ALICE-BOB", 7, PackedBits.of(new long[] {0b1011}, 4),
                PackedBits.of(new long[] {0b0110}, 4), new byte[] {0, 1, 2, 0});
        BlockDetail detail = new BlockDetail(20, 39, 4_000_000, new long[] {600_000, 300_000, 100_000},
                new long[] {150_000, 80_000, 20_000}, new long[] {1500, 900, 10_000}, 0.011, 0.0098, 85_000, 210,
                320_000.7, new String[] {"s_x1", "phi_x"}, new double[] {610_000.5, 0.031}, 320_000, 30_000, 290_000);
        BlockRecord delivered = new BlockRecord(LinkRole.RECEIVER, 11, 5_000_000, null, null, detail, new byte[32]);
        BlockRecord aborted = new BlockRecord(LinkRole.TRANSMITTER, 12, 6_000_000, "PARAMETER_ESTIMATION",
                "test-basis QBER 14 % exceeds the abort threshold 11 %", null, new byte[0]);
        List<Object> messages = List.of(
                new NodeActor.AdvanceTo(3, 150_000_000_000L),
                new LinkActor.EpochEmitted(3, 149),
                new LinkActor.RecordSifted(LinkRole.RECEIVER, block),
                new LinkActor.ReportStatistics(statistics.getRef()),
                new LinkActor.SnapshotStatistics(statistics.getRef()),
                new LinkStatistics("ALICE-BOB", 1, 2, 3, 4, 5, 6, 7, 8, 9, null),
                new LinkStatistics("ALICE-BOB", 1, 2, 3, 4, 5, 6, 7, 8, 9, new KeyStatistics(2, 1, 2_000_000, 170_000,
                        160_000.5, 650_000, 60_000, 590_000, 0, 0, 0, "ab12", new BlockRecord[] {delivered},
                        new BlockRecord[] {aborted})),
                new LinkActor.RecordBlock(delivered),
                new LinkActor.RecordBlock(aborted),
                new LinkActor.RecordBlockOpened(12),
                new LinkActor.RecordDiscarded(40),
                new ClockSummary(10, 500_000_000_000L, 1_234_567_890L, 0),
                new EmulationClock.EpochCompleted("ALICE-BOB", 3),
                new EmulationClock.Start(outcomes.getRef()),
                new EmulationClock.Failed("no epoch completed within 60 s of wall time"));
        for (Object message : messages) {
            assertEquals(message, roundTrip(message), "round trip of " + message.getClass().getSimpleName());
        }
    }

    @Test
    void actorRefsResolveToTheSameActor() {
        TestProbe<LinkStatistics> probe = TESTKIT.createTestProbe();
        var copy = (LinkActor.ReportStatistics) roundTrip(new LinkActor.ReportStatistics(probe.getRef()));
        LinkStatistics statistics = LinkStatistics.empty("L");
        copy.replyTo().tell(statistics);
        probe.expectMessage(statistics);
    }

    @Test
    void everyInternalMessageClassIsRegistered() {
        Set<String> registered = Set.copyOf(TESTKIT.system().settings().config()
                .getStringList("qnetem.serialization.kryo.classes"));
        Set<String> missing = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.qnetem").stream()
                .filter(c -> c.isAssignableTo(InternalMessage.class) && !c.isInterface())
                .map(JavaClass::getName)
                .filter(name -> !registered.contains(name))
                .collect(Collectors.toSet());
        assertEquals(Set.of(), missing, "InternalMessage classes missing from qnetem.serialization.kryo.classes");
    }

    @Test
    void unregisteredClassesAreRefusedWithAClearMessage() throws Exception {
        KryoSerializer serializer = (KryoSerializer) SERIALIZATION.serializerFor(NodeActor.AdvanceTo.class);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> serializer.toBinary(new AtomicLong(1)));
        assertTrue(e.getMessage().contains("qnetem.serialization.kryo.classes"), e.getMessage());
    }

    @Test
    void packedBitsSurviveWithTheirLength() {
        PackedBits bits = PackedBits.of(new long[] {-1L, 5L}, 67);
        var copy = (LinkActor.RecordSifted) roundTrip(new LinkActor.RecordSifted(LinkRole.TRANSMITTER,
                new SiftedBlock("L", 0, bits, bits, new byte[67])));
        assertEquals(67, copy.block().bits().length());
        assertArrayEquals(bits.toWords(), copy.block().bits().toWords());
    }
}
