package org.qnetem.runtime.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.NotSerializableException;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.runtime.QnetemConfig;
import org.qnetem.physics.batch.PhotonBatch;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.physics.source.WeakCoherentSource;
import org.qnetem.qkd.authentication.AuthenticationTag;
import org.qnetem.qkd.message.SiftAnnouncement;
import org.qnetem.qkd.message.SiftResponse;
import org.qnetem.runtime.link.ClassicalChannel;
import org.qnetem.runtime.link.ClassicalFrame;
import org.qnetem.runtime.link.LinkActor;
import org.qnetem.runtime.node.NodeActor;

/** The actor messages of wire protocol v1 go through the configured protobuf serializer and back. */
class WireSerializerTest {

    private static final ActorTestKit TESTKIT = ActorTestKit.create(QnetemConfig.load());
    private static final Serialization SERIALIZATION = SerializationExtension.get(Adapter.toClassic(TESTKIT.system()));

    @AfterAll
    static void shutdown() {
        TESTKIT.shutdownTestKit();
    }

    @Test
    void everyWireMessageRoundTripsThroughTheProtobufSerializer() {
        WeakCoherentSource source = new WeakCoherentSource(1e9, new double[] {0.5, 0.1, 2e-4},
                new double[] {0.8, 0.15, 0.05}, 0.5);
        SiftAnnouncement announcement = new SiftAnnouncement("A-B", 3, new long[] {4, 90, 1_000},
                PackedBits.of(new long[] {0b101}, 3));
        SiftResponse response = new SiftResponse("A-B", 3, PackedBits.of(new long[] {0b011}, 3), new byte[] {0, 2, 1});
        List<Object> messages = List.of(
                new LinkActor.Transmit(new PhotonBatch("A-B", 3, 3_000_000_000L, 1_000_000, source,
                        new StreamKey(-7, "A-B", "tx-pulse-state", 3))),
                new NodeActor.DeliverDetections(TestBatches.detectionBatch(11, 500, 60)),
                new ClassicalChannel.Convey("B", "A", 3_122_000_000L, announcement,
                        new AuthenticationTag(0, Long.MIN_VALUE, Long.MAX_VALUE)),
                new NodeActor.DeliverFrame(new ClassicalFrame("A", "B", 3_244_000_000L, 3_366_000_000L, response,
                        new AuthenticationTag(Long.MAX_VALUE, -1, 0x5DEECE66DL))));
        for (Object message : messages) {
            Serializer serializer = SERIALIZATION.findSerializerFor(message);
            assertInstanceOf(WireSerializer.class, serializer, message.getClass() + " must use the wire serializer");
            byte[] bytes = SERIALIZATION.serialize(message).get();
            Object copy = SERIALIZATION.deserialize(bytes, serializer.identifier(),
                    Serializers.manifestFor(serializer, message)).get();
            assertEquals(message, copy);
        }
    }

    @Test
    void malformedBytesAreRefusedNamingTheMessage() throws Exception {
        WireSerializer serializer = (WireSerializer) SERIALIZATION.serializerFor(LinkActor.Transmit.class);
        NotSerializableException e = assertThrows(NotSerializableException.class,
                () -> serializer.fromBinary(new byte[] {0x0a, 0x7f}, WireSerializer.PHOTON_BATCH));
        assertTrue(e.getMessage().contains("v1.PhotonBatch"), e.getMessage());
    }

    @Test
    void aDeliveredFrameMustCarryItsArrivalTime() throws Exception {
        WireSerializer serializer = (WireSerializer) SERIALIZATION.serializerFor(NodeActor.DeliverFrame.class);
        byte[] notYetConveyed = serializer.toBinary(new ClassicalChannel.Convey("B", "A", 5,
                new SiftAnnouncement("A-B", 0, new long[0], PackedBits.empty()), new AuthenticationTag(1, 2, 3)));
        NotSerializableException e = assertThrows(NotSerializableException.class,
                () -> serializer.fromBinary(notYetConveyed, WireSerializer.FRAME_DELIVERED));
        assertTrue(e.getMessage().contains("arrival_time_ps"), e.getMessage());
    }

    @Test
    void unknownManifestsAreRefused() throws Exception {
        WireSerializer serializer = (WireSerializer) SERIALIZATION.serializerFor(LinkActor.Transmit.class);
        assertThrows(NotSerializableException.class, () -> serializer.fromBinary(new byte[0], "v9.Unknown"));
    }
}
