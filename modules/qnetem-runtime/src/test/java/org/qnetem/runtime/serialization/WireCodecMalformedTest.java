package org.qnetem.runtime.serialization;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.qnetem.wire.v1.AuthenticationTag;
import org.qnetem.wire.v1.ClassicalFrame;
import org.qnetem.wire.v1.ContinuousPairSource;
import org.qnetem.wire.v1.DetectionBatch;
import org.qnetem.wire.v1.EntangledPairSource;
import org.qnetem.wire.v1.PhotonBatch;
import org.qnetem.wire.v1.SiftAnnouncement;
import org.qnetem.wire.v1.SiftResponse;
import org.qnetem.wire.v1.SinglePhotonSource;
import org.qnetem.wire.v1.SourceDescriptor;
import org.qnetem.wire.v1.StreamKey;
import org.qnetem.wire.v1.WeakCoherentSource;

/**
 * Every way a peer can send a bad message ends in a WireFormatException naming the message and field.
 * Each case corrupts one field of a valid protobuf message.
 */
class WireCodecMalformedTest {

    /** 100 valid detections, indices from 0 to 99 * 60. */
    private static final DetectionBatch DETECTIONS = DetectionBatch.newBuilder().setLinkId("L").setSequence(1)
            .setPulseCount(6000).setDetectionCount(100)
            .setIndexDeltas(ByteString.copyFrom(PackedIndices.encode(100, i -> i * 60L)))
            .setBases(ByteString.copyFrom(new byte[13])).setOutcomes(ByteString.copyFrom(new byte[13]))
            .setDoubleClicks(ByteString.copyFrom(new byte[13])).build();

    private static final PhotonBatch PHOTONS = PhotonBatch.newBuilder().setLinkId("L").setSequence(1)
            .setPulseCount(1000)
            .setSource(SourceDescriptor.newBuilder().setEntangledPair(
                    EntangledPairSource.newBuilder().setClockHz(1e8).setMeanPairsPerPulse(0.01).setVisibility(0.98)))
            .setPulseStateKey(StreamKey.newBuilder().setSeed(-5).setEntity("A").setPurpose("pulse-state"))
            .build();

    private static final SiftAnnouncement ANNOUNCEMENT = SiftAnnouncement.newBuilder().setLinkId("L")
            .setCount(3).setIndexDeltas(bytes(1, 1, 1)).setBases(bytes(0b101)).build();

    private static final SiftResponse RESPONSE = SiftResponse.newBuilder().setLinkId("L").setCount(5)
            .setBasisMatches(bytes(0b11)).setIntensityClasses(bytes(0xE4, 0x01)).build();

    private static final ClassicalFrame FRAME = ClassicalFrame.newBuilder().setFromNode("A").setToNode("B")
            .setSentTimePs(10).setArrivalTimePs(20).setSiftAnnouncement(ANNOUNCEMENT)
            .setAuthentication(AuthenticationTag.newBuilder().setSequence(7).setFirst(-1).setSecond(5)).build();

    private static ByteString bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return ByteString.copyFrom(bytes);
    }

    private static void assertRejected(String expectedStart, Executable decode) {
        String message = assertThrows(WireFormatException.class, decode).getMessage();
        assertTrue(message.startsWith(expectedStart), message);
    }

    private static void assertRejected(String expectedStart, DetectionBatch.Builder corrupted) {
        assertRejected(expectedStart, () -> WireCodec.fromProto(corrupted.build()));
    }

    private static void assertRejected(String expectedStart, PhotonBatch.Builder corrupted) {
        assertRejected(expectedStart, () -> WireCodec.fromProto(corrupted.build()));
    }

    private static void assertRejected(String expectedStart, ClassicalFrame.Builder corrupted) {
        assertRejected(expectedStart, () -> WireCodec.decodeFrame(corrupted.build().toByteArray()));
    }

    @Test
    void theUncorruptedMessagesDecode() throws WireFormatException {
        WireCodec.fromProto(DETECTIONS);
        WireCodec.fromProto(PHOTONS);
        WireCodec.fromProto(FRAME);
        WireCodec.fromProto(FRAME.toBuilder().setSiftResponse(RESPONSE).build());
    }

    @Test
    void rejectsBytesThatAreNotProtobuf() {
        byte[] garbage = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertRejected("ClassicalFrame: not a valid protobuf message", () -> WireCodec.decodeFrame(garbage));
        assertRejected("PhotonBatch: not a valid protobuf message", () -> WireCodec.decodePhotonBatch(garbage));
        assertRejected("DetectionBatch: not a valid protobuf message", () -> WireCodec.decodeDetectionBatch(garbage));
    }

    @Test
    void rejectsFlagFieldsOfTheWrongLength() {
        assertRejected("DetectionBatch.bases: 12 bytes for 100 entries, expected 13",
                DETECTIONS.toBuilder().setBases(DETECTIONS.getBases().substring(1)));
        assertRejected("DetectionBatch.outcomes: 14 bytes for 100 entries",
                DETECTIONS.toBuilder().setOutcomes(DETECTIONS.getOutcomes().concat(bytes(0))));
        assertRejected("DetectionBatch.double_clicks: 0 bytes for 100 entries",
                DETECTIONS.toBuilder().setDoubleClicks(ByteString.EMPTY));
        assertRejected("DetectionBatch.bases: 13 bytes for 105 entries, expected 14",
                DETECTIONS.toBuilder().setDetectionCount(105));
    }

    @Test
    void rejectsCorruptIndexDeltas() {
        ByteString deltas = DETECTIONS.getIndexDeltas();
        assertRejected("DetectionBatch.index_deltas: truncated varint at byte 99",
                DETECTIONS.toBuilder().setIndexDeltas(deltas.substring(0, 99).concat(bytes(0x80))));
        assertRejected("DetectionBatch.index_deltas: ends after 99 of 100 indices",
                DETECTIONS.toBuilder().setIndexDeltas(bytes(0x81, 0x01).concat(deltas.substring(2))));
        assertRejected("DetectionBatch.index_deltas: 1 trailing bytes after 100 indices",
                DETECTIONS.toBuilder().setIndexDeltas(deltas.concat(bytes(1))));
        assertRejected("DetectionBatch.index_deltas: zero delta at byte 1",
                DETECTIONS.toBuilder().setIndexDeltas(bytes(1, 0).concat(deltas.substring(2))));
        assertRejected("DetectionBatch.index_deltas: 3 bytes cannot hold 100 indices",
                DETECTIONS.toBuilder().setIndexDeltas(bytes(1, 1, 1)));
    }

    @Test
    void rejectsCountsBeyondJavaArrays() {
        assertRejected("DetectionBatch.detection_count: 4294967295 exceeds 2147483647",
                DETECTIONS.toBuilder().setDetectionCount(-1));
        assertRejected("SiftAnnouncement.count: 2147483648 exceeds",
                FRAME.toBuilder().setSiftAnnouncement(ANNOUNCEMENT.toBuilder().setCount(Integer.MIN_VALUE)));
    }

    @Test
    void wrapsDetectionBatchConstructorRejections() {
        assertRejected("DetectionBatch: pulse indices must ascend within [0, 5940), got 5940",
                DETECTIONS.toBuilder().setPulseCount(99 * 60));
    }

    @Test
    void rejectsPhotonBatchesWithoutSourceOrKey() {
        assertRejected("PhotonBatch.source: missing", PHOTONS.toBuilder().clearSource());
        assertRejected("PhotonBatch.pulse_state_key: missing", PHOTONS.toBuilder().clearPulseStateKey());
        assertRejected("SourceDescriptor.kind: not set",
                PHOTONS.toBuilder().setSource(SourceDescriptor.getDefaultInstance()));
    }

    @Test
    void wrapsPhotonAndSourceConstructorRejections() {
        assertRejected("PhotonBatch: batch sequence must be >= 0", PHOTONS.toBuilder().setSequence(Long.MIN_VALUE));
        assertRejected("EntangledPairSource: visibility must be in [0, 1]", PHOTONS.toBuilder().setSource(
                SourceDescriptor.newBuilder().setEntangledPair(PHOTONS.getSource().getEntangledPair().toBuilder()
                        .setVisibility(1.5))));
        // A uint64 window of 2^63 ps or more arrives as a negative long.
        assertRejected("ContinuousPairSource: coincidence window must be positive", PHOTONS.toBuilder().setSource(
                SourceDescriptor.newBuilder().setContinuousPair(ContinuousPairSource.newBuilder().setPairRateHz(1e7)
                        .setCoincidenceWindowPs(1L << 63).setTimingJitterFwhmPs(100).setVisibility(0.98))));
        assertRejected("ContinuousPairSource: timing jitter must be finite and >= 0", PHOTONS.toBuilder().setSource(
                SourceDescriptor.newBuilder().setContinuousPair(ContinuousPairSource.newBuilder().setPairRateHz(1e7)
                        .setCoincidenceWindowPs(500).setTimingJitterFwhmPs(Double.NaN).setVisibility(0.98))));
        assertRejected("WeakCoherentSource: intensity probabilities must sum to 1", PHOTONS.toBuilder().setSource(
                SourceDescriptor.newBuilder().setWeakCoherent(WeakCoherentSource.newBuilder().setClockHz(1e9)
                        .addIntensities(0.5).addProbabilities(0.5).setBasisBiasX(0.5))));
        assertRejected("SinglePhotonSource: single-photon efficiency must be in (0, 1]", PHOTONS.toBuilder().setSource(
                SourceDescriptor.newBuilder().setSinglePhoton(SinglePhotonSource.newBuilder().setClockHz(1e9)
                        .setEfficiency(0).setBasisBiasX(0.5))));
    }

    @Test
    void rejectsFramesWithoutPayloadOrWithTimeRunningBackwards() {
        assertRejected("ClassicalFrame.payload: not set", FRAME.toBuilder().clearPayload());
        assertRejected("ClassicalFrame: frame arrives (5 ps) before it is sent (10 ps)",
                FRAME.toBuilder().setArrivalTimePs(5));
    }

    @Test
    void rejectsFramesWithoutAuthenticationTagInEitherForm() {
        assertRejected("ClassicalFrame.authentication: missing", FRAME.toBuilder().clearAuthentication());
        byte[] conveyance = FRAME.toBuilder().clearArrivalTimePs().clearAuthentication().build().toByteArray();
        assertRejected("ClassicalFrame.authentication: missing", () -> WireCodec.decodeConveyance(conveyance));
    }

    @Test
    void rejectsMalformedSiftAnnouncements() {
        assertRejected("SiftAnnouncement.bases: 0 bytes for 3 entries",
                FRAME.toBuilder().setSiftAnnouncement(ANNOUNCEMENT.toBuilder().clearBases()));
        assertRejected("SiftAnnouncement.index_deltas: zero delta at byte 2",
                FRAME.toBuilder().setSiftAnnouncement(ANNOUNCEMENT.toBuilder().setIndexDeltas(bytes(1, 1, 0))));
    }

    @Test
    void rejectsMalformedSiftResponses() {
        assertRejected("SiftResponse.basis_matches: 2 bytes for 5 entries, expected 1",
                FRAME.toBuilder().setSiftResponse(RESPONSE.toBuilder().setBasisMatches(bytes(0, 0))));
        assertRejected("SiftResponse.intensity_classes: 1 bytes for 5 entries, expected 2",
                FRAME.toBuilder().setSiftResponse(RESPONSE.toBuilder().setIntensityClasses(bytes(0))));
    }
}
