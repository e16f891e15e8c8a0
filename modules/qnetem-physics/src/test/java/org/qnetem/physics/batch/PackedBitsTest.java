package org.qnetem.physics.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;

class PackedBitsTest {

    /** The wire order spelled out bit by bit: bit i is bit i%8 of byte i/8. */
    private static byte[] bytesBitByBit(PackedBits bits) {
        byte[] bytes = new byte[(bits.length() + 7) / 8];
        for (int i = 0; i < bits.length(); i++) {
            bytes[i >>> 3] |= (byte) (bits.bit(i) << (i & 7));
        }
        return bytes;
    }

    @Test
    void toBytesPutsBitIAtBitIMod8OfByteIDiv8ForEveryLength() {
        RandomStream random = new RandomStream(new StreamKey(1, "packed-bits-test", "words", 0));
        long[] words = new long[5];
        for (int w = 0; w < words.length; w++) {
            words[w] = random.nextLong();
        }
        for (int length = 0; length <= 64 * words.length; length++) {
            PackedBits bits = PackedBits.of(words, length);
            byte[] bytes = bits.toBytes();
            assertArrayEquals(bytesBitByBit(bits), bytes, "length " + length);
            assertEquals(bits, PackedBits.fromBytes(bytes, length), "round trip of length " + length);
        }
    }

    @Test
    void fromBytesReadsBitIFromBitIMod8OfByteIDiv8AndIgnoresBytesPastTheLength() {
        RandomStream random = new RandomStream(new StreamKey(1, "packed-bits-test", "bytes", 0));
        byte[] bytes = new byte[41];
        for (int b = 0; b < bytes.length; b++) {
            bytes[b] = (byte) random.nextInt();
        }
        for (int length = 0; length <= 8 * bytes.length; length++) {
            PackedBits bits = PackedBits.fromBytes(bytes, length);
            assertEquals(length, bits.length());
            for (int i = 0; i < length; i++) {
                assertEquals((bytes[i >>> 3] >>> (i & 7)) & 1, bits.bit(i), "bit " + i + " of length " + length);
            }
            assertEquals(PackedBits.fromBytes(Arrays.copyOf(bytes, (length + 7) / 8), length), bits,
                    "the bytes past the length do not matter, length " + length);
        }
    }
}
