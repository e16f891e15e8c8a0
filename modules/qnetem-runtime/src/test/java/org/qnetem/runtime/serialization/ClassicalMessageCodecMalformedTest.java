package org.qnetem.runtime.serialization;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.qnetem.wire.v1.AuthenticationTag;
import org.qnetem.wire.v1.BlockAbort;
import org.qnetem.wire.v1.BlockAccepted;
import org.qnetem.wire.v1.ClassicalFrame;
import org.qnetem.wire.v1.ErrorEstimate;
import org.qnetem.wire.v1.KeyConfirmation;
import org.qnetem.wire.v1.ParityRequest;
import org.qnetem.wire.v1.ParityResponse;
import org.qnetem.wire.v1.TestBasisBits;

/**
 * A peer's malformed post-processing message ends in a WireFormatException naming the message and
 * field. Each case corrupts one field of a valid protobuf message and sends it in a delivered frame.
 */
class ClassicalMessageCodecMalformedTest {

    private static final ClassicalFrame FRAME = ClassicalFrame.newBuilder().setFromNode("A").setToNode("B")
            .setSentTimePs(10).setArrivalTimePs(20)
            .setAuthentication(AuthenticationTag.newBuilder().setSequence(3).setFirst(1).setSecond(2)).build();

    /** Three questions: (pass 0, [0, 8)), (pass 0, [8, 16)), (pass 1, [4, 6)). */
    private static final ParityRequest REQUEST = ParityRequest.newBuilder().setLinkId("L").setBatchSequence(1)
            .setRound(1).setCount(3).setPasses(ByteString.copyFrom(new byte[] {0, 0, 1}))
            .addStartDeltas(0).addStartDeltas(8).addStartDeltas(-4).addLengths(8).addLengths(8).addLengths(2).build();

    private static final ParityResponse RESPONSE = ParityResponse.newBuilder().setLinkId("L").setBatchSequence(1)
            .setRound(1).setCount(3).setParities(ByteString.copyFrom(new byte[] {0b101})).build();

    private static final TestBasisBits TEST_BITS = TestBasisBits.newBuilder().setLinkId("L").setBatchSequence(2)
            .setFirstBatch(2).setLastBatch(5).addDiscardedBatches(3).setCount(9)
            .setBits(ByteString.copyFrom(new byte[2])).build();

    private static final ErrorEstimate ESTIMATE = ErrorEstimate.newBuilder().setLinkId("L").setBatchSequence(2)
            .addTestErrors(4).addTestErrors(1).addTestErrors(0).build();

    private static final KeyConfirmation CONFIRMATION = KeyConfirmation.newBuilder().setLinkId("L")
            .setBatchSequence(2).setVerificationFirstPoint(-9).setTagFirst(77).setToeplitzSeed(5)
            .setSecretLength(1000).setAuthenticationRefillBits(256).build();

    private static void assertRejected(String expectedStart, Executable decode) {
        String message = assertThrows(WireFormatException.class, decode).getMessage();
        assertTrue(message.startsWith(expectedStart), message);
    }

    private static void assertRejected(String expectedStart, ClassicalFrame.Builder corrupted) {
        assertRejected(expectedStart, () -> WireCodec.decodeFrame(corrupted.build().toByteArray()));
    }

    @Test
    void theUncorruptedMessagesDecode() throws WireFormatException {
        WireCodec.fromProto(FRAME.toBuilder().setParityRequest(REQUEST).build());
        WireCodec.fromProto(FRAME.toBuilder().setParityResponse(RESPONSE).build());
        WireCodec.fromProto(FRAME.toBuilder().setTestBasisBits(TEST_BITS).build());
        WireCodec.fromProto(FRAME.toBuilder().setErrorEstimate(ESTIMATE).build());
        WireCodec.fromProto(FRAME.toBuilder().setKeyConfirmation(CONFIRMATION).build());
    }

    @Test
    void rejectsParityRequestsWhoseFieldsDisagreeOnTheQuestionCount() {
        assertRejected("ParityRequest.start_deltas: 2 entries for 3 questions", FRAME.toBuilder().setParityRequest(
                REQUEST.toBuilder().clearStartDeltas().addStartDeltas(0).addStartDeltas(8)));
        assertRejected("ParityRequest.lengths: 4 entries for 3 questions",
                FRAME.toBuilder().setParityRequest(REQUEST.toBuilder().addLengths(1)));
        assertRejected("ParityRequest.passes: 2 entries for 3 questions",
                FRAME.toBuilder().setParityRequest(REQUEST.toBuilder().setPasses(ByteString.copyFrom(new byte[2]))));
        assertRejected("ParityRequest.passes: 3 entries for 4 questions",
                FRAME.toBuilder().setParityRequest(REQUEST.toBuilder().setCount(4)));
        assertRejected("ParityRequest.count: 4294967295 exceeds 2147483647",
                FRAME.toBuilder().setParityRequest(REQUEST.toBuilder().setCount(-1)));
    }

    @Test
    void rejectsParityResponsesOfTheWrongLength() {
        assertRejected("ParityResponse.parities: 2 bytes for 3 entries, expected 1",
                FRAME.toBuilder().setParityResponse(RESPONSE.toBuilder().setParities(ByteString.copyFrom(new byte[2]))));
        assertRejected("ParityResponse.parities: 1 bytes for 9 entries, expected 2",
                FRAME.toBuilder().setParityResponse(RESPONSE.toBuilder().setCount(9)));
    }

    @Test
    void rejectsErrorEstimatesWithoutOneToFourCounts() {
        assertRejected("ErrorEstimate.test_errors: 0 counts",
                FRAME.toBuilder().setErrorEstimate(ESTIMATE.toBuilder().clearTestErrors()));
        assertRejected("ErrorEstimate.test_errors: 5 counts",
                FRAME.toBuilder().setErrorEstimate(ESTIMATE.toBuilder().addTestErrors(1).addTestErrors(2)));
        assertRejected("ErrorEstimate.test_errors: 18446744073709551615 exceeds",
                FRAME.toBuilder().setErrorEstimate(ESTIMATE.toBuilder().setTestErrors(1, -1)));
    }

    @Test
    void rejectsTestBasisBitsOutsideTheirBatchRange() {
        assertRejected("TestBasisBits.discarded_batches: batch 6 is outside 2 .. 5",
                FRAME.toBuilder().setTestBasisBits(TEST_BITS.toBuilder().addDiscardedBatches(6)));
        assertRejected("TestBasisBits.discarded_batches: batch 1 is outside 2 .. 5",
                FRAME.toBuilder().setTestBasisBits(TEST_BITS.toBuilder().setDiscardedBatches(0, 1)));
        assertRejected("TestBasisBits.last_batch: 1 is before first_batch 2",
                FRAME.toBuilder().setTestBasisBits(TEST_BITS.toBuilder().setLastBatch(1)));
        assertRejected("TestBasisBits.first_batch: 9223372036854775808 exceeds",
                FRAME.toBuilder().setTestBasisBits(TEST_BITS.toBuilder().setFirstBatch(Long.MIN_VALUE)));
        assertRejected("TestBasisBits.bits: 2 bytes for 17 entries, expected 3",
                FRAME.toBuilder().setTestBasisBits(TEST_BITS.toBuilder().setCount(17)));
    }

    @Test
    void rejectsKeyConfirmationsWhoseRefillIsNotWithinTheKey() {
        assertRejected("KeyConfirmation.authentication_refill_bits: 1001 exceeds secret_length 1000",
                FRAME.toBuilder().setKeyConfirmation(CONFIRMATION.toBuilder().setAuthenticationRefillBits(1001)));
        assertRejected("KeyConfirmation.authentication_refill_bits: 18446744073709551615 exceeds",
                FRAME.toBuilder().setKeyConfirmation(CONFIRMATION.toBuilder().setAuthenticationRefillBits(-1)));
        assertRejected("KeyConfirmation.secret_length: 0, must be at least 1",
                FRAME.toBuilder().setKeyConfirmation(CONFIRMATION.toBuilder().setSecretLength(0)));
        assertRejected("KeyConfirmation.secret_length: 9223372036854775808 exceeds",
                FRAME.toBuilder().setKeyConfirmation(CONFIRMATION.toBuilder().setSecretLength(Long.MIN_VALUE)));
    }

    @Test
    void rejectsNegativeCorrectedErrorCounts() {
        assertRejected("BlockAccepted.corrected_errors: 18446744073709551615 exceeds",
                FRAME.toBuilder().setBlockAccepted(BlockAccepted.newBuilder().setLinkId("L").setCorrectedErrors(-1)));
    }

    @Test
    void rejectsReasonsThatAreNotUtf8() {
        byte[] bytes = FRAME.toBuilder().setBlockAbort(BlockAbort.newBuilder().setLinkId("L").setReason("@"))
                .build().toByteArray();
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '@') {
                bytes[i] = (byte) 0xFF;
                break;
            }
        }
        assertRejected("ClassicalFrame: not a valid protobuf message", () -> WireCodec.decodeFrame(bytes));
    }
}
