package org.qnetem.runtime.serialization;

import static org.qnetem.runtime.serialization.WireChecks.construct;
import static org.qnetem.runtime.serialization.WireChecks.count;
import static org.qnetem.runtime.serialization.WireChecks.unparsable;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import java.util.function.IntToDoubleFunction;
import org.qnetem.physics.batch.DetectionBatch;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.physics.batch.PhotonBatch;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.physics.source.ContinuousPairSource;
import org.qnetem.physics.source.EntangledPairSource;
import org.qnetem.physics.source.SinglePhotonSource;
import org.qnetem.physics.source.SourceDescriptor;
import org.qnetem.physics.source.WeakCoherentSource;
import org.qnetem.qkd.authentication.AuthenticationTag;
import org.qnetem.qkd.message.ClassicalMessage;
import org.qnetem.runtime.link.ClassicalChannel;
import org.qnetem.runtime.link.ClassicalFrame;

/**
 * Maps QNetEm's records to wire protocol v1 ({@code qnetem/wire/v1/*.proto}) and back. The protobuf
 * classes share their records' simple names, so they appear here fully qualified. Frames carry the
 * protocol engines' messages and tags, which {@link ClassicalMessageCodec} maps.
 *
 * <p>Decoding trusts nothing: it checks counts against the lengths of the packed fields, requires
 * sub-messages and oneofs to be set, and turns a record constructor's rejection into a
 * {@link WireFormatException} naming the message, so malformed input from another host never surfaces
 * as an unchecked exception.
 */
public final class WireCodec {

    private WireCodec() {
    }

    public static byte[] encodePhotonBatch(PhotonBatch batch) {
        return toProto(batch).toByteArray();
    }

    public static PhotonBatch decodePhotonBatch(byte[] bytes) throws WireFormatException {
        try {
            return fromProto(org.qnetem.wire.v1.PhotonBatch.parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw unparsable("PhotonBatch", e);
        }
    }

    public static byte[] encodeDetectionBatch(DetectionBatch batch) {
        return toProto(batch).toByteArray();
    }

    public static DetectionBatch decodeDetectionBatch(byte[] bytes) throws WireFormatException {
        try {
            return fromProto(org.qnetem.wire.v1.DetectionBatch.parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw unparsable("DetectionBatch", e);
        }
    }

    public static byte[] encodeFrame(ClassicalFrame frame) {
        return toProto(frame).toByteArray();
    }

    public static ClassicalFrame decodeFrame(byte[] bytes) throws WireFormatException {
        return fromProto(parseFrame(bytes));
    }

    /** A frame on its way into the channel, which has not yet stamped an arrival time. */
    public static byte[] encodeConveyance(ClassicalChannel.Convey convey) {
        return frameBuilder(convey.fromNode(), convey.toNode(), convey.sentTimePs(), convey.payload(),
                convey.authentication()).build().toByteArray();
    }

    public static ClassicalChannel.Convey decodeConveyance(byte[] bytes) throws WireFormatException {
        org.qnetem.wire.v1.ClassicalFrame proto = parseFrame(bytes);
        if (proto.hasArrivalTimePs()) {
            throw new WireFormatException("ClassicalFrame.arrival_time_ps: set on a frame not yet conveyed");
        }
        AuthenticationTag authentication = authenticationFromProto(proto);
        ClassicalMessage payload = ClassicalMessageCodec.payloadFromProto(proto);
        return construct("ClassicalFrame", () -> new ClassicalChannel.Convey(proto.getFromNode(), proto.getToNode(),
                proto.getSentTimePs(), payload, authentication));
    }

    private static org.qnetem.wire.v1.ClassicalFrame parseFrame(byte[] bytes) throws WireFormatException {
        try {
            return org.qnetem.wire.v1.ClassicalFrame.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw unparsable("ClassicalFrame", e);
        }
    }

    public static org.qnetem.wire.v1.StreamKey toProto(StreamKey key) {
        return org.qnetem.wire.v1.StreamKey.newBuilder().setSeed(key.seed()).setEntity(key.entity())
                .setPurpose(key.purpose()).setSequence(key.sequence()).build();
    }

    public static StreamKey fromProto(org.qnetem.wire.v1.StreamKey proto) {
        return new StreamKey(proto.getSeed(), proto.getEntity(), proto.getPurpose(), proto.getSequence());
    }

    public static org.qnetem.wire.v1.SourceDescriptor toProto(SourceDescriptor source) {
        var builder = org.qnetem.wire.v1.SourceDescriptor.newBuilder();
        if (source instanceof WeakCoherentSource weak) {
            var weakProto = org.qnetem.wire.v1.WeakCoherentSource.newBuilder()
                    .setClockHz(weak.clockHz()).setBasisBiasX(weak.basisBiasX());
            for (int k = 0; k < weak.classCount(); k++) {
                weakProto.addIntensities(weak.intensity(k)).addProbabilities(weak.probability(k));
            }
            return builder.setWeakCoherent(weakProto).build();
        }
        if (source instanceof EntangledPairSource pairs) {
            return builder.setEntangledPair(org.qnetem.wire.v1.EntangledPairSource.newBuilder()
                    .setClockHz(pairs.clockHz()).setMeanPairsPerPulse(pairs.meanPairsPerPulse())
                    .setVisibility(pairs.visibility())).build();
        }
        if (source instanceof SinglePhotonSource single) {
            return builder.setSinglePhoton(org.qnetem.wire.v1.SinglePhotonSource.newBuilder()
                    .setClockHz(single.clockHz()).setEfficiency(single.efficiency())
                    .setBasisBiasX(single.basisBiasX())).build();
        }
        // SourceDescriptor is sealed: this is the only other kind.
        ContinuousPairSource continuous = (ContinuousPairSource) source;
        return builder.setContinuousPair(org.qnetem.wire.v1.ContinuousPairSource.newBuilder()
                .setPairRateHz(continuous.pairRateHz()).setCoincidenceWindowPs(continuous.coincidenceWindowPs())
                .setTimingJitterFwhmPs(continuous.timingJitterFwhmPs()).setVisibility(continuous.visibility()))
                .build();
    }

    public static SourceDescriptor fromProto(org.qnetem.wire.v1.SourceDescriptor proto) throws WireFormatException {
        switch (proto.getKindCase()) {
            case WEAK_COHERENT:
                var weak = proto.getWeakCoherent();
                double[] intensities = doubles(weak.getIntensitiesCount(), weak::getIntensities);
                double[] probabilities = doubles(weak.getProbabilitiesCount(), weak::getProbabilities);
                return construct("WeakCoherentSource", () -> new WeakCoherentSource(weak.getClockHz(),
                        intensities, probabilities, weak.getBasisBiasX()));
            case ENTANGLED_PAIR:
                var pairs = proto.getEntangledPair();
                return construct("EntangledPairSource", () -> new EntangledPairSource(pairs.getClockHz(),
                        pairs.getMeanPairsPerPulse(), pairs.getVisibility()));
            case SINGLE_PHOTON:
                var single = proto.getSinglePhoton();
                return construct("SinglePhotonSource", () -> new SinglePhotonSource(single.getClockHz(),
                        single.getEfficiency(), single.getBasisBiasX()));
            case CONTINUOUS_PAIR:
                var continuous = proto.getContinuousPair();
                // uint64 arrives as a signed long: windows of 2^63 ps and more read as negative, and
                // the constructor rejects them.
                return construct("ContinuousPairSource", () -> new ContinuousPairSource(continuous.getPairRateHz(),
                        continuous.getCoincidenceWindowPs(), continuous.getTimingJitterFwhmPs(),
                        continuous.getVisibility()));
            case KIND_NOT_SET:
                throw new WireFormatException("SourceDescriptor.kind: not set");
            default:
                throw new WireFormatException("SourceDescriptor.kind: no decoder for " + proto.getKindCase());
        }
    }

    public static org.qnetem.wire.v1.PhotonBatch toProto(PhotonBatch batch) {
        return org.qnetem.wire.v1.PhotonBatch.newBuilder().setLinkId(batch.linkId()).setSequence(batch.sequence())
                .setEmissionTimePs(batch.emissionTimePs()).setPulseCount(batch.pulseCount())
                .setSource(toProto(batch.source())).setPulseStateKey(toProto(batch.pulseStateKey())).build();
    }

    public static PhotonBatch fromProto(org.qnetem.wire.v1.PhotonBatch proto) throws WireFormatException {
        if (!proto.hasSource()) {
            throw new WireFormatException("PhotonBatch.source: missing");
        }
        if (!proto.hasPulseStateKey()) {
            throw new WireFormatException("PhotonBatch.pulse_state_key: missing");
        }
        SourceDescriptor source = fromProto(proto.getSource());
        StreamKey pulseStateKey = fromProto(proto.getPulseStateKey());
        return construct("PhotonBatch", () -> new PhotonBatch(proto.getLinkId(), proto.getSequence(),
                proto.getEmissionTimePs(), proto.getPulseCount(), source, pulseStateKey));
    }

    public static org.qnetem.wire.v1.DetectionBatch toProto(DetectionBatch batch) {
        return org.qnetem.wire.v1.DetectionBatch.newBuilder().setLinkId(batch.linkId())
                .setSequence(batch.sequence()).setArrivalTimePs(batch.arrivalTimePs())
                .setPulseCount(batch.pulseCount()).setDetectionCount(batch.count())
                .setIndexDeltas(UnsafeByteOperations.unsafeWrap(PackedIndices.encode(batch.count(), batch::pulseIndex)))
                .setBases(BitFields.flags(batch.bases())).setOutcomes(BitFields.flags(batch.outcomes()))
                .setDoubleClicks(BitFields.flags(batch.doubleClicks())).build();
    }

    public static DetectionBatch fromProto(org.qnetem.wire.v1.DetectionBatch proto) throws WireFormatException {
        int n = count(proto.getDetectionCount(), "DetectionBatch.detection_count");
        PackedBits bases = BitFields.flags(proto.getBases(), n, "DetectionBatch.bases");
        PackedBits outcomes = BitFields.flags(proto.getOutcomes(), n, "DetectionBatch.outcomes");
        PackedBits doubleClicks = BitFields.flags(proto.getDoubleClicks(), n, "DetectionBatch.double_clicks");
        long[] indices = PackedIndices.decode(proto.getIndexDeltas().toByteArray(), n, "DetectionBatch.index_deltas");
        return construct("DetectionBatch", () -> new DetectionBatch(proto.getLinkId(), proto.getSequence(),
                proto.getArrivalTimePs(), proto.getPulseCount(), indices, bases, outcomes, doubleClicks));
    }

    /** @throws IllegalArgumentException if the payload is a message type wire protocol v1 does not carry */
    public static org.qnetem.wire.v1.ClassicalFrame toProto(ClassicalFrame frame) {
        return frameBuilder(frame.fromNode(), frame.toNode(), frame.sentTimePs(), frame.payload(),
                frame.authentication()).setArrivalTimePs(frame.arrivalTimePs()).build();
    }

    private static org.qnetem.wire.v1.ClassicalFrame.Builder frameBuilder(String fromNode, String toNode,
                                                                          long sentTimePs, ClassicalMessage payload,
                                                                          AuthenticationTag authentication) {
        var builder = org.qnetem.wire.v1.ClassicalFrame.newBuilder().setFromNode(fromNode).setToNode(toNode)
                .setSentTimePs(sentTimePs).setAuthentication(ClassicalMessageCodec.toProto(authentication));
        return ClassicalMessageCodec.setPayload(builder, payload);
    }

    public static ClassicalFrame fromProto(org.qnetem.wire.v1.ClassicalFrame proto) throws WireFormatException {
        if (!proto.hasArrivalTimePs()) {
            throw new WireFormatException("ClassicalFrame.arrival_time_ps: not set on a delivered frame");
        }
        AuthenticationTag authentication = authenticationFromProto(proto);
        ClassicalMessage payload = ClassicalMessageCodec.payloadFromProto(proto);
        return construct("ClassicalFrame", () -> new ClassicalFrame(proto.getFromNode(), proto.getToNode(),
                proto.getSentTimePs(), proto.getArrivalTimePs(), payload, authentication));
    }

    private static AuthenticationTag authenticationFromProto(org.qnetem.wire.v1.ClassicalFrame proto)
            throws WireFormatException {
        if (!proto.hasAuthentication()) {
            throw new WireFormatException("ClassicalFrame.authentication: missing (every frame is authenticated)");
        }
        return ClassicalMessageCodec.fromProto(proto.getAuthentication());
    }

    private static double[] doubles(int count, IntToDoubleFunction valueAt) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = valueAt.applyAsDouble(i);
        }
        return values;
    }
}
