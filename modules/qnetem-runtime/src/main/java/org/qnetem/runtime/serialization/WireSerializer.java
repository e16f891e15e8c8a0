package org.qnetem.runtime.serialization;

import com.google.protobuf.InvalidProtocolBufferException;
import org.qnetem.runtime.kms.KmeActor;
import org.qnetem.wire.v1.KmeMessage;
import org.qnetem.wire.v1.PoolLevels;
import java.io.NotSerializableException;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.serialization.SerializerWithStringManifest;
import org.qnetem.runtime.link.ClassicalChannel;
import org.qnetem.runtime.link.LinkActor;
import org.qnetem.runtime.node.NodeActor;

/**
 * Pekko serializer for {@link WireMessage}s: each actor message is exactly one wire protocol v1
 * protobuf message, named by the manifest.
 */
public final class WireSerializer extends SerializerWithStringManifest {

    /** Unique among the system's serializers (Pekko reserves 0 to 40). */
    public static final int IDENTIFIER = 0x514e_5701;

    static final String PHOTON_BATCH = "v1.PhotonBatch";
    static final String DETECTION_BATCH = "v1.DetectionBatch";
    static final String FRAME_TO_CHANNEL = "v1.ClassicalFrame.conveyed";
    static final String FRAME_DELIVERED = "v1.ClassicalFrame.delivered";
    static final String KME_MESSAGE = "v1.KmeMessage";
    static final String POOL_LEVELS = "v1.PoolLevels";

    private final SentTraffic traffic = new SentTraffic();

    public WireSerializer(ExtendedActorSystem system) {
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public String manifest(Object message) {
        if (message instanceof LinkActor.Transmit) {
            return PHOTON_BATCH;
        } else if (message instanceof NodeActor.DeliverDetections) {
            return DETECTION_BATCH;
        } else if (message instanceof ClassicalChannel.Convey) {
            return FRAME_TO_CHANNEL;
        } else if (message instanceof NodeActor.DeliverFrame) {
            return FRAME_DELIVERED;
        } else if (message instanceof KmeActor.DeliverKmeMessage) {
            return KME_MESSAGE;
        } else if (message instanceof KmeActor.DeliverPoolLevels) {
            return POOL_LEVELS;
        }
        throw unknown(message);
    }

    SentTraffic traffic() {
        return traffic;
    }

    @Override
    public byte[] toBinary(Object message) {
        byte[] bytes = encode(message);
        traffic.record(message, bytes.length);
        return bytes;
    }

    private static byte[] encode(Object message) {
        if (message instanceof LinkActor.Transmit transmit) {
            return WireCodec.encodePhotonBatch(transmit.batch());
        } else if (message instanceof NodeActor.DeliverDetections delivery) {
            return WireCodec.encodeDetectionBatch(delivery.batch());
        } else if (message instanceof ClassicalChannel.Convey convey) {
            return WireCodec.encodeConveyance(convey);
        } else if (message instanceof NodeActor.DeliverFrame delivery) {
            return WireCodec.encodeFrame(delivery.frame());
        } else if (message instanceof KmeActor.DeliverKmeMessage delivery) {
            return delivery.message().toByteArray();
        } else if (message instanceof KmeActor.DeliverPoolLevels delivery) {
            return delivery.levels().toByteArray();
        }
        throw unknown(message);
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        try {
            switch (manifest) {
                case PHOTON_BATCH:
                    return new LinkActor.Transmit(WireCodec.decodePhotonBatch(bytes));
                case DETECTION_BATCH:
                    return new NodeActor.DeliverDetections(WireCodec.decodeDetectionBatch(bytes));
                case FRAME_TO_CHANNEL:
                    return WireCodec.decodeConveyance(bytes);
                case FRAME_DELIVERED:
                    return new NodeActor.DeliverFrame(WireCodec.decodeFrame(bytes));
                case KME_MESSAGE:
                    return new KmeActor.DeliverKmeMessage(KmeMessage.parseFrom(bytes));
                case POOL_LEVELS:
                    return new KmeActor.DeliverPoolLevels(PoolLevels.parseFrom(bytes));
                default:
                    throw new NotSerializableException("unknown wire manifest '" + manifest + "'");
            }
        } catch (WireFormatException | InvalidProtocolBufferException e) {
            throw new NotSerializableException("malformed " + manifest + ": " + e.getMessage());
        }
    }

    private static IllegalArgumentException unknown(Object message) {
        return new IllegalArgumentException("no wire protocol v1 form for " + message.getClass().getName());
    }
}
