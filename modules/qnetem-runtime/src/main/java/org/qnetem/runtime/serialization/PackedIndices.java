package org.qnetem.runtime.serialization;

import java.util.function.IntToLongFunction;

/**
 * Strictly ascending, non-negative pulse indices as concatenated unsigned LEB128 varints of their
 * deltas, the first taken from -1: delta[i] = index[i] - index[i - 1] with index[-1] = -1. Clicks are
 * tens of pulses apart, so most indices cost one byte instead of eight.
 */
public final class PackedIndices {

    /** A 64-bit varint has at most ten 7-bit groups; the tenth carries only bit 63. */
    private static final int MAX_VARINT_BYTES = 10;

    private PackedIndices() {
    }

    /**
     * Encodes {@code count} indices read through {@code indexAt} (a function rather than an array so
     * callers need not copy a record's indices out first).
     *
     * @throws IllegalArgumentException if the indices are negative or do not strictly ascend
     */
    public static byte[] encode(int count, IntToLongFunction indexAt) {
        long size = 0;
        long previous = -1;
        for (int i = 0; i < count; i++) {
            long index = indexAt.applyAsLong(i);
            if (index <= previous) {
                throw new IllegalArgumentException("pulse indices must ascend from 0: index " + i + " is "
                        + index + " after " + previous);
            }
            size += varintSize(index - previous);
            previous = index;
        }
        byte[] bytes = new byte[Math.toIntExact(size)];
        int position = 0;
        previous = -1;
        for (int i = 0; i < count; i++) {
            long index = indexAt.applyAsLong(i);
            position = writeVarint(bytes, position, index - previous);
            previous = index;
        }
        return bytes;
    }

    /**
     * Decodes exactly {@code count} indices that must use up all of {@code bytes}.
     *
     * @param field names the wire field in error messages, e.g. "DetectionBatch.index_deltas"
     */
    public static long[] decode(byte[] bytes, int count, String field) throws WireFormatException {
        // Every index takes at least one byte: checked before allocating, so a forged count cannot
        // make the reader allocate more than eight times the message size.
        if (count < 0 || count > bytes.length) {
            throw new WireFormatException(field + ": " + bytes.length + " bytes cannot hold " + count + " indices");
        }
        long[] indices = new long[count];
        DeltaReader reader = new DeltaReader(bytes, field);
        long previous = -1;
        for (int i = 0; i < count; i++) {
            if (reader.atEnd()) {
                throw new WireFormatException(field + ": ends after " + i + " of " + count + " indices");
            }
            int start = reader.position;
            long delta = reader.nextVarint();
            if (delta == 0) {
                throw new WireFormatException(field + ": zero delta at byte " + start
                        + " (pulse indices must strictly ascend)");
            }
            // Unsigned: a delta may be up to 2^63 when the first index is Long.MAX_VALUE.
            if (Long.compareUnsigned(delta, Long.MAX_VALUE - previous) > 0) {
                throw new WireFormatException(field + ": index overflows 64 bits at byte " + start);
            }
            previous += delta;
            indices[i] = previous;
        }
        if (!reader.atEnd()) {
            throw new WireFormatException(field + ": " + (bytes.length - reader.position)
                    + " trailing bytes after " + count + " indices at byte " + reader.position);
        }
        return indices;
    }

    private static int varintSize(long value) {
        int bits = 64 - Long.numberOfLeadingZeros(value);
        return bits == 0 ? 1 : (bits + 6) / 7;
    }

    private static int writeVarint(byte[] bytes, int position, long value) {
        while ((value & ~0x7FL) != 0) {
            bytes[position++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[position++] = (byte) value;
        return position;
    }

    /** Reads varints from a byte array; one per decode call, so decoding allocates nothing per index. */
    private static final class DeltaReader {
        private final byte[] bytes;
        private final String field;
        private int position;

        DeltaReader(byte[] bytes, String field) {
            this.bytes = bytes;
            this.field = field;
        }

        boolean atEnd() {
            return position == bytes.length;
        }

        long nextVarint() throws WireFormatException {
            int start = position;
            long value = 0;
            for (int group = 0; ; group++) {
                if (position == bytes.length) {
                    throw new WireFormatException(field + ": truncated varint at byte " + start);
                }
                byte b = bytes[position++];
                if (group == MAX_VARINT_BYTES - 1 && (b & 0xFF) > 1) {
                    String problem = b < 0 ? "varint longer than 10 bytes" : "varint exceeds 64 bits";
                    throw new WireFormatException(field + ": " + problem + " at byte " + start);
                }
                value |= (long) (b & 0x7F) << (7 * group);
                if (b >= 0) {
                    return value;
                }
            }
        }
    }
}
