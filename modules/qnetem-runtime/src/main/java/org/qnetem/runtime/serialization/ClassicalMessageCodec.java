package org.qnetem.runtime.serialization;

import static org.qnetem.runtime.serialization.WireChecks.construct;
import static org.qnetem.runtime.serialization.WireChecks.count;
import static org.qnetem.runtime.serialization.WireChecks.nonNegative;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import com.google.protobuf.UnsafeByteOperations;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.qnetem.wire.v1.ClassicalFrame;

/**
 * Maps the protocol engines' {@link ClassicalMessage}s and {@link AuthenticationTag}s to wire protocol
 * v1 ({@code qnetem/wire/v1/classical.proto}) and back, and defines the bytes a tag covers. The
 * protobuf classes share their records' simple names, so they appear here fully qualified, except the
 * frame: {@code ClassicalFrame} in this class is the protobuf one.
 *
 * <p>Decoding is as strict as {@link WireCodec}'s: counts must match the packed fields, values the
 * records forbid are refused naming their field, and a record constructor's remaining rejections become
 * {@link WireFormatException}s naming the message.
 */
public final class ClassicalMessageCodec {

    private ClassicalMessageCodec() {
    }

    /**
     * The canonical bytes an authentication tag of {@code message} covers: the number of its field in
     * the frame's payload oneof as a varint, then its deterministic protobuf encoding. Both ends compute
     * them from the record, so a receiver recomputes exactly what the sender tagged.
     *
     * @throws IllegalArgumentException if wire protocol v1 does not carry the message's type
     */
    public static byte[] authenticatedBytes(ClassicalMessage message) {
        Payload payload = payload(message);
        byte[] bytes = new byte[CodedOutputStream.computeUInt32SizeNoTag(payload.field())
                + payload.proto().getSerializedSize()];
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.useDeterministicSerialization();
        try {
            out.writeUInt32NoTag(payload.field());
            payload.proto().writeTo(out);
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to an array of the computed size", e);
        }
        return bytes;
    }

    /**
     * Sets the frame's payload to {@code message}.
     *
     * @throws IllegalArgumentException if wire protocol v1 does not carry the message's type
     */
    public static ClassicalFrame.Builder setPayload(ClassicalFrame.Builder frame, ClassicalMessage message) {
        Payload payload = payload(message);
        return frame.setField(ClassicalFrame.getDescriptor().findFieldByNumber(payload.field()), payload.proto());
    }

    public static ClassicalMessage payloadFromProto(ClassicalFrame frame) throws WireFormatException {
        switch (frame.getPayloadCase()) {
            case SIFT_ANNOUNCEMENT:
                return fromProto(frame.getSiftAnnouncement());
            case SIFT_RESPONSE:
                return fromProto(frame.getSiftResponse());
            case TEST_BASIS_BITS:
                return fromProto(frame.getTestBasisBits());
            case ERROR_ESTIMATE:
                return fromProto(frame.getErrorEstimate());
            case PARITY_REQUEST:
                return fromProto(frame.getParityRequest());
            case PARITY_RESPONSE:
                return fromProto(frame.getParityResponse());
            case CASCADE_COMPLETE:
                return fromProto(frame.getCascadeComplete());
            case KEY_CONFIRMATION:
                return fromProto(frame.getKeyConfirmation());
            case BLOCK_ACCEPTED:
                return fromProto(frame.getBlockAccepted());
            case BLOCK_ABORT:
                return fromProto(frame.getBlockAbort());
            case BATCH_DISCARDED:
                return fromProto(frame.getBatchDiscarded());
            case PAYLOAD_NOT_SET:
                throw new WireFormatException("ClassicalFrame.payload: not set (or a kind this version does not know)");
            default:
                throw new WireFormatException("ClassicalFrame.payload: no decoder for " + frame.getPayloadCase());
        }
    }

    /** A payload's field number in {@code ClassicalFrame.payload} and its protobuf form. */
    private record Payload(int field, Message proto) {
    }

    private static Payload payload(ClassicalMessage message) {
        if (message instanceof SiftAnnouncement m) {
            return new Payload(ClassicalFrame.SIFT_ANNOUNCEMENT_FIELD_NUMBER, toProto(m));
        } else if (message instanceof SiftResponse m) {
            return new Payload(ClassicalFrame.SIFT_RESPONSE_FIELD_NUMBER, toProto(m));
        } else if (message instanceof TestBasisBits m) {
            return new Payload(ClassicalFrame.TEST_BASIS_BITS_FIELD_NUMBER, toProto(m));
        } else if (message instanceof ErrorEstimate m) {
            return new Payload(ClassicalFrame.ERROR_ESTIMATE_FIELD_NUMBER, toProto(m));
        } else if (message instanceof ParityRequest m) {
            return new Payload(ClassicalFrame.PARITY_REQUEST_FIELD_NUMBER, toProto(m));
        } else if (message instanceof ParityResponse m) {
            return new Payload(ClassicalFrame.PARITY_RESPONSE_FIELD_NUMBER, toProto(m));
        } else if (message instanceof CascadeComplete m) {
            return new Payload(ClassicalFrame.CASCADE_COMPLETE_FIELD_NUMBER, toProto(m));
        } else if (message instanceof KeyConfirmation m) {
            return new Payload(ClassicalFrame.KEY_CONFIRMATION_FIELD_NUMBER, toProto(m));
        } else if (message instanceof BlockAccepted m) {
            return new Payload(ClassicalFrame.BLOCK_ACCEPTED_FIELD_NUMBER, toProto(m));
        } else if (message instanceof BlockAbort m) {
            return new Payload(ClassicalFrame.BLOCK_ABORT_FIELD_NUMBER, toProto(m));
        } else if (message instanceof BatchDiscarded m) {
            return new Payload(ClassicalFrame.BATCH_DISCARDED_FIELD_NUMBER, toProto(m));
        }
        throw new IllegalArgumentException("no wire form for classical message " + message.getClass().getName());
    }

    public static org.qnetem.wire.v1.AuthenticationTag toProto(AuthenticationTag tag) {
        return org.qnetem.wire.v1.AuthenticationTag.newBuilder().setSequence(tag.sequence()).setFirst(tag.first())
                .setSecond(tag.second()).build();
    }

    public static AuthenticationTag fromProto(org.qnetem.wire.v1.AuthenticationTag proto) {
        return new AuthenticationTag(proto.getSequence(), proto.getFirst(), proto.getSecond());
    }

    /** @throws IllegalArgumentException if the pulse indices do not strictly ascend from 0, as deltas need */
    public static org.qnetem.wire.v1.SiftAnnouncement toProto(SiftAnnouncement announcement) {
        return org.qnetem.wire.v1.SiftAnnouncement.newBuilder().setLinkId(announcement.linkId())
                .setBatchSequence(announcement.batchSequence()).setCount(announcement.count())
                .setIndexDeltas(UnsafeByteOperations.unsafeWrap(
                        PackedIndices.encode(announcement.count(), announcement::pulseIndex)))
                .setBases(BitFields.flags(announcement.bases())).build();
    }

    public static SiftAnnouncement fromProto(org.qnetem.wire.v1.SiftAnnouncement proto) throws WireFormatException {
        int n = count(proto.getCount(), "SiftAnnouncement.count");
        PackedBits bases = BitFields.flags(proto.getBases(), n, "SiftAnnouncement.bases");
        long[] indices = PackedIndices.decode(proto.getIndexDeltas().toByteArray(), n, "SiftAnnouncement.index_deltas");
        return construct("SiftAnnouncement", () -> new SiftAnnouncement(proto.getLinkId(), proto.getBatchSequence(),
                indices, bases));
    }

    public static org.qnetem.wire.v1.SiftResponse toProto(SiftResponse response) {
        return org.qnetem.wire.v1.SiftResponse.newBuilder().setLinkId(response.linkId())
                .setBatchSequence(response.batchSequence()).setCount(response.count())
                .setBasisMatches(BitFields.flags(response.basisMatches()))
                .setIntensityClasses(BitFields.intensityClasses(response.intensityClasses())).build();
    }

    public static SiftResponse fromProto(org.qnetem.wire.v1.SiftResponse proto) throws WireFormatException {
        int n = count(proto.getCount(), "SiftResponse.count");
        PackedBits basisMatches = BitFields.flags(proto.getBasisMatches(), n, "SiftResponse.basis_matches");
        byte[] classes = BitFields.intensityClasses(proto.getIntensityClasses(), n, "SiftResponse.intensity_classes");
        return construct("SiftResponse", () -> new SiftResponse(proto.getLinkId(), proto.getBatchSequence(),
                basisMatches, classes));
    }

    public static org.qnetem.wire.v1.TestBasisBits toProto(TestBasisBits message) {
        var builder = org.qnetem.wire.v1.TestBasisBits.newBuilder().setLinkId(message.linkId())
                .setBatchSequence(message.batchSequence()).setFirstBatch(message.firstBatch())
                .setLastBatch(message.lastBatch()).setCount(message.bits().length())
                .setBits(BitFields.flags(message.bits()));
        for (long batch : message.discardedBatches()) {
            builder.addDiscardedBatches(batch);
        }
        return builder.build();
    }

    public static TestBasisBits fromProto(org.qnetem.wire.v1.TestBasisBits proto) throws WireFormatException {
        long first = nonNegative(proto.getFirstBatch(), "TestBasisBits.first_batch");
        long last = nonNegative(proto.getLastBatch(), "TestBasisBits.last_batch");
        if (last < first) {
            throw new WireFormatException("TestBasisBits.last_batch: " + last + " is before first_batch " + first);
        }
        long[] discarded = new long[proto.getDiscardedBatchesCount()];
        for (int i = 0; i < discarded.length; i++) {
            discarded[i] = proto.getDiscardedBatches(i);
            if (discarded[i] < first || discarded[i] > last) {
                throw new WireFormatException("TestBasisBits.discarded_batches: batch "
                        + Long.toUnsignedString(discarded[i]) + " is outside " + first + " .. " + last);
            }
        }
        int n = count(proto.getCount(), "TestBasisBits.count");
        PackedBits bits = BitFields.flags(proto.getBits(), n, "TestBasisBits.bits");
        return construct("TestBasisBits", () -> new TestBasisBits(proto.getLinkId(), proto.getBatchSequence(),
                first, last, discarded, bits));
    }

    public static org.qnetem.wire.v1.ErrorEstimate toProto(ErrorEstimate estimate) {
        var builder = org.qnetem.wire.v1.ErrorEstimate.newBuilder().setLinkId(estimate.linkId())
                .setBatchSequence(estimate.batchSequence());
        for (long errors : estimate.testErrors()) {
            builder.addTestErrors(errors);
        }
        return builder.build();
    }

    public static ErrorEstimate fromProto(org.qnetem.wire.v1.ErrorEstimate proto) throws WireFormatException {
        int classes = proto.getTestErrorsCount();
        if (classes < 1 || classes > 4) {
            throw new WireFormatException("ErrorEstimate.test_errors: " + classes
                    + " counts, expected one per intensity class (1 to 4)");
        }
        long[] errors = new long[classes];
        for (int k = 0; k < classes; k++) {
            errors[k] = nonNegative(proto.getTestErrors(k), "ErrorEstimate.test_errors");
        }
        return construct("ErrorEstimate", () -> new ErrorEstimate(proto.getLinkId(), proto.getBatchSequence(),
                errors));
    }

    /** Starts go as differences modulo 2^32 (see {@code ParityRequest.start_deltas}), so any order encodes. */
    public static org.qnetem.wire.v1.ParityRequest toProto(ParityRequest request) {
        int n = request.count();
        byte[] passes = new byte[n];
        var builder = org.qnetem.wire.v1.ParityRequest.newBuilder().setLinkId(request.linkId())
                .setBatchSequence(request.batchSequence()).setRound(request.round()).setCount(n);
        int previousStart = 0;
        for (int i = 0; i < n; i++) {
            passes[i] = (byte) request.pass(i);
            builder.addStartDeltas(request.start(i) - previousStart).addLengths(request.length(i));
            previousStart = request.start(i);
        }
        return builder.setPasses(UnsafeByteOperations.unsafeWrap(passes)).build();
    }

    public static ParityRequest fromProto(org.qnetem.wire.v1.ParityRequest proto) throws WireFormatException {
        int n = count(proto.getCount(), "ParityRequest.count");
        requireEntries(proto.getPasses().size(), n, "ParityRequest.passes");
        requireEntries(proto.getStartDeltasCount(), n, "ParityRequest.start_deltas");
        requireEntries(proto.getLengthsCount(), n, "ParityRequest.lengths");
        byte[] passes = proto.getPasses().toByteArray();
        int[] starts = new int[n];
        int[] lengths = new int[n];
        int start = 0;
        for (int i = 0; i < n; i++) {
            start += proto.getStartDeltas(i);
            starts[i] = start;
            lengths[i] = proto.getLengths(i);
        }
        return construct("ParityRequest", () -> new ParityRequest(proto.getLinkId(), proto.getBatchSequence(),
                proto.getRound(), passes, starts, lengths));
    }

    public static org.qnetem.wire.v1.ParityResponse toProto(ParityResponse response) {
        return org.qnetem.wire.v1.ParityResponse.newBuilder().setLinkId(response.linkId())
                .setBatchSequence(response.batchSequence()).setRound(response.round())
                .setCount(response.parities().length()).setParities(BitFields.flags(response.parities())).build();
    }

    public static ParityResponse fromProto(org.qnetem.wire.v1.ParityResponse proto) throws WireFormatException {
        int n = count(proto.getCount(), "ParityResponse.count");
        PackedBits parities = BitFields.flags(proto.getParities(), n, "ParityResponse.parities");
        return construct("ParityResponse", () -> new ParityResponse(proto.getLinkId(), proto.getBatchSequence(),
                proto.getRound(), parities));
    }

    public static org.qnetem.wire.v1.CascadeComplete toProto(CascadeComplete complete) {
        return org.qnetem.wire.v1.CascadeComplete.newBuilder().setLinkId(complete.linkId())
                .setBatchSequence(complete.batchSequence()).setRounds(complete.rounds())
                .setDisclosedParities(complete.disclosedParities()).build();
    }

    public static CascadeComplete fromProto(org.qnetem.wire.v1.CascadeComplete proto) throws WireFormatException {
        return construct("CascadeComplete", () -> new CascadeComplete(proto.getLinkId(), proto.getBatchSequence(),
                proto.getRounds(), proto.getDisclosedParities()));
    }

    public static org.qnetem.wire.v1.KeyConfirmation toProto(KeyConfirmation confirmation) {
        return org.qnetem.wire.v1.KeyConfirmation.newBuilder().setLinkId(confirmation.linkId())
                .setBatchSequence(confirmation.batchSequence())
                .setVerificationFirstPoint(confirmation.verificationFirstPoint())
                .setVerificationSecondPoint(confirmation.verificationSecondPoint())
                .setTagFirst(confirmation.tagFirst()).setTagSecond(confirmation.tagSecond())
                .setToeplitzSeed(confirmation.toeplitzSeed()).setSecretLength(confirmation.secretLength())
                .setAuthenticationRefillBits(confirmation.authenticationRefillBits()).build();
    }

    public static KeyConfirmation fromProto(org.qnetem.wire.v1.KeyConfirmation proto) throws WireFormatException {
        long secretLength = nonNegative(proto.getSecretLength(), "KeyConfirmation.secret_length");
        if (secretLength == 0) {
            throw new WireFormatException("KeyConfirmation.secret_length: 0, must be at least 1");
        }
        long refill = nonNegative(proto.getAuthenticationRefillBits(), "KeyConfirmation.authentication_refill_bits");
        if (refill > secretLength) {
            throw new WireFormatException("KeyConfirmation.authentication_refill_bits: " + refill
                    + " exceeds secret_length " + secretLength);
        }
        return construct("KeyConfirmation", () -> new KeyConfirmation(proto.getLinkId(), proto.getBatchSequence(),
                proto.getVerificationFirstPoint(), proto.getVerificationSecondPoint(), proto.getTagFirst(),
                proto.getTagSecond(), proto.getToeplitzSeed(), secretLength, refill));
    }

    public static org.qnetem.wire.v1.BlockAccepted toProto(BlockAccepted accepted) {
        return org.qnetem.wire.v1.BlockAccepted.newBuilder().setLinkId(accepted.linkId())
                .setBatchSequence(accepted.batchSequence()).setCorrectedErrors(accepted.correctedErrors()).build();
    }

    public static BlockAccepted fromProto(org.qnetem.wire.v1.BlockAccepted proto) throws WireFormatException {
        long corrected = nonNegative(proto.getCorrectedErrors(), "BlockAccepted.corrected_errors");
        return construct("BlockAccepted", () -> new BlockAccepted(proto.getLinkId(), proto.getBatchSequence(),
                corrected));
    }

    public static org.qnetem.wire.v1.BlockAbort toProto(BlockAbort abort) {
        return org.qnetem.wire.v1.BlockAbort.newBuilder().setLinkId(abort.linkId())
                .setBatchSequence(abort.batchSequence()).setReason(abort.reason()).build();
    }

    public static BlockAbort fromProto(org.qnetem.wire.v1.BlockAbort proto) throws WireFormatException {
        return construct("BlockAbort", () -> new BlockAbort(proto.getLinkId(), proto.getBatchSequence(),
                proto.getReason()));
    }

    public static org.qnetem.wire.v1.BatchDiscarded toProto(BatchDiscarded discarded) {
        return org.qnetem.wire.v1.BatchDiscarded.newBuilder().setLinkId(discarded.linkId())
                .setBatchSequence(discarded.batchSequence()).setReason(discarded.reason()).build();
    }

    public static BatchDiscarded fromProto(org.qnetem.wire.v1.BatchDiscarded proto) throws WireFormatException {
        return construct("BatchDiscarded", () -> new BatchDiscarded(proto.getLinkId(), proto.getBatchSequence(),
                proto.getReason()));
    }

    private static void requireEntries(int entries, int count, String field) throws WireFormatException {
        if (entries != count) {
            throw new WireFormatException(field + ": " + entries + " entries for " + count + " questions");
        }
    }
}
