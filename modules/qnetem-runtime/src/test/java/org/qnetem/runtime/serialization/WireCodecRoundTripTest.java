package org.qnetem.runtime.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qnetem.physics.batch.DetectionBatch;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.physics.batch.PhotonBatch;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.physics.source.ContinuousPairSource;
import org.qnetem.physics.source.EntangledPairSource;
import org.qnetem.physics.source.SinglePhotonSource;
import org.qnetem.physics.source.WeakCoherentSource;
import org.qnetem.qkd.authentication.AuthenticationTag;
import org.qnetem.qkd.message.ClassicalMessage;
import org.qnetem.qkd.message.SiftAnnouncement;
import org.qnetem.qkd.message.SiftResponse;
import org.qnetem.runtime.link.ClassicalFrame;

class WireCodecRoundTripTest {

    private static final WeakCoherentSource DECOY_SOURCE = new WeakCoherentSource(1e9,
            new double[] {0.5, 0.1, 0.0}, new double[] {0.7, 0.2, 0.1}, 0.9);
    private static final EntangledPairSource PAIR_SOURCE = new EntangledPairSource(8e7, 0.02, 0.97);
    private static final ContinuousPairSource CW_PAIR_SOURCE = new ContinuousPairSource(1e7, 500, 100, 0.98);
    private static final SinglePhotonSource SINGLE_PHOTON_SOURCE = new SinglePhotonSource(2.5e9, 0.63, 0.8);

    @Test
    void streamKeysKeepNegativeAndExtremeSeeds() {
        for (long seed : new long[] {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x9E3779B97F4A7C15L}) {
            StreamKey key = new StreamKey(seed, "BRS", "pulse-state", 12);
            assertEquals(key, WireCodec.fromProto(WireCodec.toProto(key)));
        }
    }

    @Test
    void photonBatchesRoundTripWithEverySourceKind() throws WireFormatException {
        StreamKey key = new StreamKey(-42, "BRS-BRADLEY", "pulse-state", 3);
        for (PhotonBatch batch : new PhotonBatch[] {
                new PhotonBatch("BRS-BRADLEY", 3, 5_000_000_000L, 1_000_000_000L, DECOY_SOURCE, key),
                new PhotonBatch("BRS-BRADLEY", 0, 0, 0, WeakCoherentSource.single(1e9, 0.4), key),
                new PhotonBatch("CAM-EPS", 9, -1, Long.MAX_VALUE, PAIR_SOURCE, key),
                new PhotonBatch("BRS-EPS", 4, 7_000_000, 2_000_000_000L, CW_PAIR_SOURCE, key),
                new PhotonBatch("BRS-EPS", 5, 0, 1, new ContinuousPairSource(0, Long.MAX_VALUE, 0, 0), key),

                new PhotonBatch("LAB-SPS", 4, 7, 2_500_000, SINGLE_PHOTON_SOURCE, key)}) {
            assertEquals(batch, WireCodec.decodePhotonBatch(WireCodec.encodePhotonBatch(batch)));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 63, 64, 65, 1000})
    void detectionBatchesRoundTripWithRandomFlags(int count) throws WireFormatException {
        DetectionBatch batch = TestBatches.detectionBatch(count, count, 60);
        assertEquals(batch, WireCodec.decodeDetectionBatch(WireCodec.encodeDetectionBatch(batch)));
    }

    @Test
    void detectionAtPulseZeroAndHugeGapsRoundTrip() throws WireFormatException {
        long pulseCount = Long.MAX_VALUE / 2;
        long[][] cases = {{0}, {0, 1L << 33, (1L << 33) + 1, pulseCount - 1}, {(1L << 40) + 7}};
        for (long[] indices : cases) {
            int n = indices.length;
            DetectionBatch batch = new DetectionBatch("SAT-GS", 1, 0, pulseCount, indices,
                    PackedBits.of(new long[] {-1L}, n), PackedBits.of(new long[] {0b0101}, n),
                    PackedBits.of(new long[1], n));
            assertEquals(batch, WireCodec.decodeDetectionBatch(WireCodec.encodeDetectionBatch(batch)));
        }
    }

    @Test
    void realisticDetectionBatchCostsAboutOneAndAHalfBytesPerDetection() throws WireFormatException {
        DetectionBatch batch = TestBatches.detectionBatch(2026, 10_000, 60);
        byte[] encoded = WireCodec.encodeDetectionBatch(batch);
        // About 1.12 bytes of index delta plus 3 flag bits (0.375 bytes) per detection.
        double bytesPerDetection = encoded.length / 10_000.0;
        assertTrue(bytesPerDetection < 1.55, "bytes per detection: " + bytesPerDetection);
        assertEquals(batch, WireCodec.decodeDetectionBatch(encoded));
    }

    @Test
    void framesCarryEverySiftingPayload() throws WireFormatException {
        SplittableRandom random = new SplittableRandom(7);
        long[] indices = TestBatches.clickIndices(random, 77, 60);
        byte[] classes = new byte[77];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = (byte) random.nextInt(4);
        }
        ClassicalMessage[] payloads = {
            new SiftAnnouncement("BRS-BRADLEY", 5, indices, TestBatches.randomBits(random, 77)),
            new SiftResponse("BRS-BRADLEY", 5, TestBatches.randomBits(random, 77), classes),
            new SiftAnnouncement("BRS-BRADLEY", 6, new long[0], PackedBits.empty()),
            new SiftResponse("BRS-BRADLEY", 6, PackedBits.empty(), new byte[0])};
        for (ClassicalMessage payload : payloads) {
            ClassicalFrame frame = new ClassicalFrame("BRADLEY", "BRS", 1_000_000, 1_117_000, payload,
                    new AuthenticationTag(41, -3, 0x9E3779B97F4A7C15L));
            assertEquals(frame, WireCodec.decodeFrame(WireCodec.encodeFrame(frame)));
        }
    }

    @Test
    void intensityClassesPackFourToAByteLowBitsFirst() {
        SiftResponse response = new SiftResponse("L", 0, PackedBits.of(new long[1], 5), new byte[] {1, 2, 3, 0, 1});
        byte[] packed = ClassicalMessageCodec.toProto(response).getIntensityClasses().toByteArray();
        assertEquals(2, packed.length);
        assertEquals((byte) 0b00_11_10_01, packed[0]);
        assertEquals((byte) 0b01, packed[1]);
    }

    @Test
    void siftAnnouncementsNeedAscendingIndicesToBeDeltaEncoded() {
        SiftAnnouncement unordered = new SiftAnnouncement("L", 0, new long[] {9, 4}, PackedBits.of(new long[1], 2));
        assertThrows(IllegalArgumentException.class, () -> ClassicalMessageCodec.toProto(unordered));
    }

    @Test
    void framesRefuseMessageTypesTheWireDoesNotCarry() {
        record Gossip(String linkId, long batchSequence) implements ClassicalMessage {
        }
        ClassicalFrame frame = new ClassicalFrame("A", "B", 0, 1, new Gossip("A-B", 0), new AuthenticationTag(0, 0, 0));
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> WireCodec.encodeFrame(frame));
        assertTrue(error.getMessage().contains(Gossip.class.getName()), error.getMessage());
    }
}
