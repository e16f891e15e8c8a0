package org.qnetem.qkd.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.qnetem.physics.batch.PackedBits;

/**
 * The key material of one link's statistical blocks: AES-256 in counter mode (JCE
 * {@code AES/CTR/NoPadding}), a cryptographically secure generator that is still deterministic, so one
 * seed gives the same keys and key digests in every run.
 *
 * <p>Derivation. The AES key is SHA-256 of {@code enc("qnetem-key-material-v1") || seed (8 bytes,
 * big-endian) || enc(link) || enc(purpose)}, with {@code enc(s)} the UTF-8 bytes of s preceded by their
 * count as a 4-byte big-endian int (as for {@code RandomStream}'s keys). Block b's material is the
 * keystream from the initial counter block {@code b (8 bytes, big-endian) || 0 (8 bytes)}: a block of up
 * to 2^64 AES blocks never reaches the next block's counters. Bit i is bit i%8 of keystream byte i/8.
 *
 * <p>Why AES-CTR and not the Philox stream the rest of the emulator draws from: the design gives both
 * ends key material "drawn from a secure generator", and Philox is a statistical generator, not a
 * cryptographic one; and with the hardware AES instructions the JIT uses for counter mode it is many
 * times cheaper per bit (drawing the blocks' material from Philox took a third of a 1,000-node run).
 * Anyone who knows the run seed can still recompute every key: that is what makes runs reproducible.
 *
 * <p>Not thread-safe (one cipher, re-initialised per block): one per link, as {@link StatisticalBlocks}.
 */
final class StatisticalKeyMaterial {

    private static final String DOMAIN = "qnetem-key-material-v1";

    private final Cipher cipher;
    private final SecretKeySpec key;

    StatisticalKeyMaterial(long seed, String linkId, String purpose) {
        byte[] domain = DOMAIN.getBytes(StandardCharsets.UTF_8);
        byte[] link = linkId.getBytes(StandardCharsets.UTF_8);
        byte[] use = purpose.getBytes(StandardCharsets.UTF_8);
        ByteBuffer encoded = ByteBuffer.allocate(3 * Integer.BYTES + Long.BYTES + domain.length + link.length
                + use.length);
        encoded.putInt(domain.length).put(domain).putLong(seed).putInt(link.length).put(link)
                .putInt(use.length).put(use);
        try {
            key = new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(encoded.array()), "AES");
            cipher = Cipher.getInstance("AES/CTR/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK must provide SHA-256 and AES/CTR/NoPadding", e);
        }
    }

    /** The first {@code length} bits of block {@code blockId}'s keystream. */
    PackedBits block(long blockId, int length) {
        byte[] iv = ByteBuffer.allocate(16).putLong(blockId).putLong(0).array();
        byte[] stream = new byte[(length + 7) / 8];
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
            // The keystream is the encryption of zeros; counter mode may work in place.
            int written = cipher.doFinal(stream, 0, stream.length, stream, 0);
            if (written != stream.length) {
                throw new IllegalStateException("AES-CTR gave " + written + " of " + stream.length + " bytes");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR failed for block " + blockId, e);
        }
        return PackedBits.fromBytes(stream, length);
    }
}
