package org.qnetem.runtime.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PackedIndicesTest {

    private static final String FIELD = "DetectionBatch.index_deltas";

    private static byte[] encode(long... indices) {
        return PackedIndices.encode(indices.length, i -> indices[i]);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static String decodeError(byte[] bytes, int count) {
        return assertThrows(WireFormatException.class, () -> PackedIndices.decode(bytes, count, FIELD)).getMessage();
    }

    @Test
    void deltasStartFromMinusOneAndAreLeb128() {
        // 0, 1, 129 -> deltas 1, 1, 128; 128 is 0x80 0x01 in LEB128.
        assertArrayEquals(bytes(0x01, 0x01, 0x80, 0x01), encode(0, 1, 129));
        assertArrayEquals(new byte[0], encode());
    }

    @Test
    void roundTripsExtremeIndices() throws WireFormatException {
        long[][] cases = {{}, {0}, {Long.MAX_VALUE}, {0, 1L << 40, Long.MAX_VALUE}, {5, 6, 7}, {(1L << 33) + 1}};
        for (long[] indices : cases) {
            assertArrayEquals(indices, PackedIndices.decode(encode(indices), indices.length, FIELD));
        }
        // The first delta of Long.MAX_VALUE is 2^63: the one value that needs all ten varint bytes.
        assertEquals(10, encode(Long.MAX_VALUE).length);
    }

    @Test
    void encodingRejectsIndicesThatDoNotAscendFromZero() {
        assertThrows(IllegalArgumentException.class, () -> encode(-1));
        assertThrows(IllegalArgumentException.class, () -> encode(3, 3));
        assertThrows(IllegalArgumentException.class, () -> encode(4, 2));
    }

    @Test
    void rejectsTruncatedVarint() {
        assertEquals(FIELD + ": truncated varint at byte 1", decodeError(bytes(0x01, 0x80), 2));
    }

    @Test
    void rejectsVarintLongerThanTenBytes() {
        byte[] eleven = bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01);
        assertEquals(FIELD + ": varint longer than 10 bytes at byte 0", decodeError(eleven, 1));
    }

    @Test
    void rejectsVarintBeyondSixtyFourBits() {
        byte[] tooWide = bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02);
        assertEquals(FIELD + ": varint exceeds 64 bits at byte 0", decodeError(tooWide, 1));
    }

    @Test
    void rejectsCountsThatDoNotMatchTheBytes() {
        assertEquals(FIELD + ": 2 bytes cannot hold 3 indices", decodeError(bytes(0x01, 0x01), 3));
        assertEquals(FIELD + ": 2 bytes cannot hold -1 indices", decodeError(bytes(0x01, 0x01), -1));
        assertEquals(FIELD + ": ends after 2 of 3 indices", decodeError(bytes(0x01, 0x80, 0x01), 3));
        assertEquals(FIELD + ": 1 trailing bytes after 2 indices at byte 2", decodeError(bytes(0x01, 0x01, 0x01), 2));
    }

    @Test
    void rejectsZeroDelta() {
        assertEquals(FIELD + ": zero delta at byte 1 (pulse indices must strictly ascend)",
                decodeError(bytes(0x05, 0x00), 2));
    }

    @Test
    void rejectsIndexOverflow() {
        // 2^63 takes the first index to Long.MAX_VALUE; one more pulse overflows.
        byte[] overflow = bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x01);
        assertEquals(FIELD + ": index overflows 64 bits at byte 10", decodeError(overflow, 2));
    }

    @Test
    void typicalClicksCostLittleMoreThanOneBytePerIndex() throws WireFormatException {
        long[] indices = TestBatches.clickIndices(new SplittableRandom(42), 10_000, 60);
        byte[] packed = encode(indices);
        // Geometric gaps of mean 60 exceed 127 (a second byte) with probability (59/60)^127 = 0.118,
        // so expect 1.12 bytes per index; 1.2 leaves over 20 standard errors.
        double bytesPerIndex = packed.length / 10_000.0;
        assertTrue(bytesPerIndex < 1.2, "bytes per index: " + bytesPerIndex);
        assertArrayEquals(indices, PackedIndices.decode(packed, indices.length, FIELD));
    }
}
