package org.qnetem.runtime.serialization;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.function.Supplier;

/** The checks {@link WireCodec} and {@link ClassicalMessageCodec} share when they decode untrusted input. */
final class WireChecks {

    private WireChecks() {
    }

    /** Protobuf's uint32 arrives as a Java int; counts of 2^31 and more cannot index a Java array. */
    static int count(int wireCount, String field) throws WireFormatException {
        if (wireCount < 0) {
            throw new WireFormatException(field + ": " + Integer.toUnsignedString(wireCount) + " exceeds "
                    + Integer.MAX_VALUE);
        }
        return wireCount;
    }

    /** Protobuf's uint64 arrives as a Java long; values of 2^63 and more read as negative. */
    static long nonNegative(long wireValue, String field) throws WireFormatException {
        if (wireValue < 0) {
            throw new WireFormatException(field + ": " + Long.toUnsignedString(wireValue) + " exceeds "
                    + Long.MAX_VALUE);
        }
        return wireValue;
    }

    /** Runs a record constructor on decoded values: its IllegalArgumentException means the wire carried bad ones. */
    static <T> T construct(String message, Supplier<T> constructor) throws WireFormatException {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw new WireFormatException(message + ": " + e.getMessage(), e);
        }
    }

    static WireFormatException unparsable(String message, InvalidProtocolBufferException e) {
        return new WireFormatException(message + ": not a valid protobuf message: " + e.getMessage(), e);
    }
}
