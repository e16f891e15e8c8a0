package org.qnetem.runtime.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.qkd.authentication.AuthenticationTag;
import org.qnetem.qkd.message.BatchDiscarded;
import org.qnetem.qkd.message.BlockAbort;
import org.qnetem.qkd.message.BlockAccepted;
import org.qnetem.qkd.message.CascadeComplete;
import org.qnetem.qkd.message.ClassicalMessage;
import org.qnetem.qkd.message.ErrorEstimate;
import org.qnetem.qkd.message.KeyConfirmation;
import org.qnetem.qkd.message.ParityRequest;
import org.qnetem.qkd.message.ParityResponse;
import org.qnetem.qkd.message.SiftAnnouncement;
import org.qnetem.qkd.message.SiftResponse;
import org.qnetem.qkd.message.TestBasisBits;
import org.qnetem.runtime.link.ClassicalChannel;
import org.qnetem.runtime.link.ClassicalFrame;

class ClassicalMessageCodecRoundTripTest {

    private static final String LINK = "BRS-BRADLEY";
    private static final AuthenticationTag TAG = new AuthenticationTag(12, 0x0123_4567_89AB_CDEFL, -2);

    private static ClassicalMessage roundTrip(ClassicalMessage message) throws WireFormatException {
        ClassicalFrame frame = new ClassicalFrame("BRADLEY", "BRS", 1_000_000, 1_117_000, message, TAG);
        ClassicalFrame copy = WireCodec.decodeFrame(WireCodec.encodeFrame(frame));
        assertEquals(frame, copy);
        return copy.payload();
    }

    private static void assertRoundTrips(ClassicalMessage... messages) throws WireFormatException {
        for (ClassicalMessage message : messages) {
            assertEquals(message, roundTrip(message));
        }
    }

    /** One message of every kind wire protocol v1 carries, with ordinary content. */
    private static List<ClassicalMessage> everyKind() {
        SplittableRandom random = new SplittableRandom(11);
        return List.of(
                new SiftAnnouncement(LINK, 5, TestBatches.clickIndices(random, 40, 60), TestBatches.randomBits(random, 40)),
                new SiftResponse(LINK, 5, TestBatches.randomBits(random, 3), new byte[] {0, 1, 2}),
                new TestBasisBits(LINK, 9, 3, 7, new long[] {4}, TestBatches.randomBits(random, 70)),
                new ErrorEstimate(LINK, 9, new long[] {12, 3, 0}),
                new ParityRequest(LINK, 9, 1, new byte[] {0, 0, 1}, new int[] {0, 36, 0}, new int[] {36, 36, 72}),
                new ParityResponse(LINK, 9, 1, TestBatches.randomBits(random, 3)),
                new CascadeComplete(LINK, 9, 14, 31_337),
                new KeyConfirmation(LINK, 9, 1, 2, 3, 4, 5, 1000, 256),
                new BlockAccepted(LINK, 9, 117),
                new BlockAbort(LINK, 9, "QBER above threshold"),
                new BatchDiscarded(LINK, 6, "sift announcement failed authentication"));
    }

    @Test
    void everyKindRoundTripsInAFrame() throws WireFormatException {
        List<ClassicalMessage> messages = everyKind();
        assertRoundTrips(messages.toArray(ClassicalMessage[]::new));
        Set<Class<?>> kinds = new HashSet<>();
        messages.forEach(m -> kinds.add(m.getClass()));
        assertEquals(11, kinds.size());
    }

    @Test
    void parityRequestsKeepQuestionsInAnyOrderAndExtremeValues() throws WireFormatException {
        assertRoundTrips(
                new ParityRequest(LINK, 0, 1, new byte[0], new int[0], new int[0]),
                new ParityRequest(LINK, Long.MAX_VALUE, Integer.MAX_VALUE,
                        new byte[] {Byte.MAX_VALUE, Byte.MIN_VALUE, 0, -1, 3},
                        new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE, 0, Integer.MAX_VALUE, -5},
                        new int[] {Integer.MAX_VALUE, 0, 1, Integer.MIN_VALUE, 1 << 20}),
                new ParityRequest(LINK, Long.MIN_VALUE, Integer.MIN_VALUE, new byte[] {2}, new int[] {999_999},
                        new int[] {1}));
    }

    @Test
    void aParityRequestOfTenToTheFiveQuestionsCostsAboutThreeBytesEach() throws WireFormatException {
        // A first round on a 10^6-bit block: blocks of 8 to 64 bits in pass 0, then pass 1 from 0 again.
        SplittableRandom random = new SplittableRandom(3);
        int n = 100_000;
        byte[] passes = new byte[n];
        int[] starts = new int[n];
        int[] lengths = new int[n];
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (i == n / 2) {
                start = 0;
            }
            passes[i] = (byte) (i < n / 2 ? 0 : 1);
            lengths[i] = 8 << random.nextInt(4);
            starts[i] = start;
            start += lengths[i] / 2;
        }
        ParityRequest request = new ParityRequest(LINK, 4, 1, passes, starts, lengths);
        int bytes = ClassicalMessageCodec.toProto(request).getSerializedSize();
        assertTrue(bytes < 3.01 * n, "bytes per question: " + (double) bytes / n);
        assertEquals(request, roundTrip(request));
    }

    @Test
    void parityResponsesAndTestBitsRoundTripEmptyAndLong() throws WireFormatException {
        SplittableRandom random = new SplittableRandom(5);
        assertRoundTrips(
                new ParityResponse(LINK, 3, 1, PackedBits.empty()),
                new ParityResponse(LINK, 3, 2, TestBatches.randomBits(random, 1_001)),
                new TestBasisBits(LINK, 3, 0, 0, new long[0], PackedBits.empty()),
                new TestBasisBits(LINK, 3, 10, 20, new long[] {20, 10, 15, 15}, TestBatches.randomBits(random, 65)),
                new TestBasisBits(LINK, Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, new long[] {Long.MAX_VALUE},
                        TestBatches.randomBits(random, 8)));
    }

    @Test
    void countsAndLengthsRoundTripAtTheirLimits() throws WireFormatException {
        assertRoundTrips(
                new ErrorEstimate(LINK, 0, new long[] {0}),
                new ErrorEstimate(LINK, 0, new long[] {Long.MAX_VALUE, 0, 1, 1L << 40}),
                new CascadeComplete(LINK, 1, 0, 0),
                new CascadeComplete(LINK, 1, Integer.MAX_VALUE, Long.MAX_VALUE),
                new KeyConfirmation(LINK, 2, Long.MIN_VALUE, Long.MAX_VALUE, -1, 0, -7, 1, 0),
                new KeyConfirmation(LINK, 2, 0, 0, 0, 0, 0, Long.MAX_VALUE, Long.MAX_VALUE),
                new BlockAccepted(LINK, 3, 0),
                new BlockAccepted(LINK, 3, Long.MAX_VALUE));
    }

    @Test
    void reasonsKeepAnyUnicodeText() throws WireFormatException {
        for (String reason : new String[] {"", "QBER 11.3 % > 11 % — aborting", "量子鍵配送の失敗",
                "Eve? \uD83D\uDD75\uFE0F \u0000 tab\tnewline\n", "x".repeat(100_000)}) {
            assertRoundTrips(new BlockAbort("ΑΛΙΚΗ-ΒΟΒ", 4, reason), new BatchDiscarded(LINK, 5, reason));
        }
    }

    @Test
    void tagsSurviveBothFrameForms() throws WireFormatException {
        ClassicalMessage message = new BlockAccepted(LINK, 1, 2);
        for (AuthenticationTag tag : new AuthenticationTag[] {new AuthenticationTag(0, 0, 0),
                new AuthenticationTag(-1, 0, 0), new AuthenticationTag(Long.MAX_VALUE, Long.MIN_VALUE, -1),
                new AuthenticationTag(1L << 40, 0x9E3779B97F4A7C15L, 0x5DEECE66DL)}) {
            ClassicalChannel.Convey convey = new ClassicalChannel.Convey("A", "B", 5, message, tag);
            assertEquals(convey, WireCodec.decodeConveyance(WireCodec.encodeConveyance(convey)));
            ClassicalFrame frame = new ClassicalFrame("A", "B", 5, 9, message, tag);
            assertEquals(tag, WireCodec.decodeFrame(WireCodec.encodeFrame(frame)).authentication());
        }
    }

    @Test
    void authenticatedBytesAreTheFieldNumberThenTheMessage() throws InvalidProtocolBufferException {
        ParityRequest request = new ParityRequest(LINK, 9, 2, new byte[] {1}, new int[] {64}, new int[] {32});
        byte[] bytes = ClassicalMessageCodec.authenticatedBytes(request);
        assertEquals(org.qnetem.wire.v1.ClassicalFrame.PARITY_REQUEST_FIELD_NUMBER, bytes[0]);
        assertEquals(ClassicalMessageCodec.toProto(request),
                org.qnetem.wire.v1.ParityRequest.parseFrom(Arrays.copyOfRange(bytes, 1, bytes.length)));
    }

    @Test
    void authenticatedBytesSeparateKindsWithEqualEncodings() {
        BlockAbort abort = new BlockAbort(LINK, 7, "verification failed");
        BatchDiscarded discarded = new BatchDiscarded(LINK, 7, "verification failed");
        assertArrayEquals(ClassicalMessageCodec.toProto(abort).toByteArray(),
                ClassicalMessageCodec.toProto(discarded).toByteArray(), "the two kinds share a field layout");
        byte[] abortBytes = ClassicalMessageCodec.authenticatedBytes(abort);
        byte[] discardedBytes = ClassicalMessageCodec.authenticatedBytes(discarded);
        assertFalse(Arrays.equals(abortBytes, discardedBytes));
        assertArrayEquals(Arrays.copyOfRange(abortBytes, 1, abortBytes.length),
                Arrays.copyOfRange(discardedBytes, 1, discardedBytes.length));
    }

    @Test
    void authenticatedBytesAreStableAndSurviveTheWire() throws WireFormatException {
        Set<String> distinct = new HashSet<>();
        for (ClassicalMessage message : everyKind()) {
            byte[] bytes = ClassicalMessageCodec.authenticatedBytes(message);
            assertArrayEquals(bytes, ClassicalMessageCodec.authenticatedBytes(message));
            // The receiver recomputes them from the message it decoded.
            assertArrayEquals(bytes, ClassicalMessageCodec.authenticatedBytes(roundTrip(message)));
            distinct.add(Arrays.toString(bytes));
        }
        assertEquals(11, distinct.size());
    }

    @Test
    void authenticatedBytesRefuseMessageTypesTheWireDoesNotCarry() {
        record Gossip(String linkId, long batchSequence) implements ClassicalMessage {
        }
        assertThrows(IllegalArgumentException.class, () -> ClassicalMessageCodec.authenticatedBytes(new Gossip("L", 0)));
    }
}
