package org.qnetem.qkd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.qnetem.physics.batch.PackedBits;

class StatisticalKeyMaterialTest {

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** The documented derivation spelled out with AES-ECB on each counter block: bit i of byte i/8 at i%8. */
    private static PackedBits byTheSpecification(long seed, String link, String purpose, long blockId, int length)
            throws IOException, GeneralSecurityException {
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(encoded);
        writeString(out, "qnetem-key-material-v1");
        out.writeLong(seed);
        writeString(out, link);
        writeString(out, purpose);
        byte[] aesKey = MessageDigest.getInstance("SHA-256").digest(encoded.toByteArray());
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"));
        int aesBlocks = (length + 127) / 128;
        ByteArrayOutputStream keystream = new ByteArrayOutputStream();
        for (long counter = 0; counter < aesBlocks; counter++) {
            ByteArrayOutputStream block = new ByteArrayOutputStream();
            DataOutputStream counterBlock = new DataOutputStream(block);
            counterBlock.writeLong(blockId);
            counterBlock.writeLong(counter);
            keystream.write(ecb.doFinal(block.toByteArray()));
        }
        PackedBits.Builder bits = new PackedBits.Builder(length);
        byte[] bytes = keystream.toByteArray();
        for (int i = 0; i < length; i++) {
            bits.append(((bytes[i >>> 3] >>> (i & 7)) & 1) == 1);
        }
        return bits.build();
    }

    @Test
    void blocksAreTheAesCtrKeystreamOfTheDocumentedKeyAndCounter() throws Exception {
        StatisticalKeyMaterial material = new StatisticalKeyMaterial(7, "L-1", "statistical-key");
        for (int length : new int[] {0, 1, 63, 64, 127, 128, 129, 1_000, 4_099}) {
            for (long blockId : new long[] {0, 1, 5_000_000_000L}) {
                assertEquals(byTheSpecification(7, "L-1", "statistical-key", blockId, length),
                        material.block(blockId, length), "block " + blockId + ", " + length + " bits");
            }
        }
    }

    @Test
    void theSameSeedLinkAndBlockGiveTheSameBitsAndAnyChangeGivesOthers() {
        PackedBits one = new StatisticalKeyMaterial(1, "L", "statistical-key").block(3, 10_000);
        assertEquals(one, new StatisticalKeyMaterial(1, "L", "statistical-key").block(3, 10_000));
        assertEquals(one.toWords()[0], new StatisticalKeyMaterial(1, "L", "statistical-key").block(3, 64).word(0),
                "a shorter block is a prefix of a longer one");
        assertNotEquals(one, new StatisticalKeyMaterial(2, "L", "statistical-key").block(3, 10_000));
        assertNotEquals(one, new StatisticalKeyMaterial(1, "M", "statistical-key").block(3, 10_000));
        assertNotEquals(one, new StatisticalKeyMaterial(1, "L", "other").block(3, 10_000));
        assertNotEquals(one, new StatisticalKeyMaterial(1, "L", "statistical-key").block(4, 10_000));
    }

    @Test
    void aMillionBitBlockIsBalancedWithinFiveStandardDeviations() {
        PackedBits bits = new StatisticalKeyMaterial(1, "L", "statistical-key").block(0, 1_000_000);
        // Binomial(10^6, 1/2): standard deviation 500.
        assertTrue(Math.abs(bits.bitCount() - 500_000) < 2_500, bits.bitCount() + " ones");
    }
}
