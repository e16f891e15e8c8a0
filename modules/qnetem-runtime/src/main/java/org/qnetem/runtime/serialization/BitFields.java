package org.qnetem.runtime.serialization;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import org.qnetem.physics.batch.PackedBits;

/**
 * Per-detection flags and intensity classes packed into protobuf {@code bytes} fields, least
 * significant bit first: flag i is bit i % 8 of byte i / 8 (the {@link PackedBits#toBytes()} order),
 * intensity class i is bits 2 * (i % 4) and 2 * (i % 4) + 1 of byte i / 4.
 */
final class BitFields {

    private BitFields() {
    }

    static ByteString flags(PackedBits bits) {
        // toBytes() returns a fresh array nobody else holds, so wrapping it without a copy is safe.
        return UnsafeByteOperations.unsafeWrap(bits.toBytes());
    }

    static PackedBits flags(ByteString bytes, int count, String field) throws WireFormatException {
        requireLength(bytes, (count + 7L) / 8, count, field);
        return PackedBits.fromBytes(bytes.toByteArray(), count);
    }

    /** Classes must be in [0, 3], as {@code SiftResponse} guarantees. */
    static ByteString intensityClasses(byte[] classes) {
        byte[] packed = new byte[(classes.length + 3) / 4];
        for (int i = 0; i < classes.length; i++) {
            packed[i >>> 2] |= (byte) (classes[i] << ((i & 3) * 2));
        }
        return UnsafeByteOperations.unsafeWrap(packed);
    }

    static byte[] intensityClasses(ByteString bytes, int count, String field) throws WireFormatException {
        requireLength(bytes, (count + 3L) / 4, count, field);
        byte[] packed = bytes.toByteArray();
        byte[] classes = new byte[count];
        for (int i = 0; i < count; i++) {
            classes[i] = (byte) (packed[i >>> 2] >>> ((i & 3) * 2) & 3);
        }
        return classes;
    }

    private static void requireLength(ByteString bytes, long expected, int count, String field)
            throws WireFormatException {
        if (bytes.size() != expected) {
            throw new WireFormatException(field + ": " + bytes.size() + " bytes for " + count
                    + " entries, expected " + expected);
        }
    }
}
