package org.qnetem.qkd.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.qnetem.physics.batch.PackedBits;

/**
 * The key material of one link's statistical blocks: the keystream of AES-256 in counter mode, a
 * cryptographically secure generator that is still deterministic, so one seed gives the same keys and key
 * digests in every run.
 *
 * <p>Derivation. The AES key is SHA-256 of {@code enc("qnetem-key-material-v1") || seed (8 bytes,
 * big-endian) || enc(link) || enc(purpose)}, with {@code enc(s)} the UTF-8 bytes of s preceded by their
 * count as a 4-byte big-endian int (as for {@code RandomStream}'s keys). Block b's material is the
 * keystream from the initial counter block {@code b (8 bytes, big-endian) || 0 (8 bytes)}: a block of up
 * to 2^64 AES blocks never reaches the next block's counters. Bit i is bit i%8 of keystream byte i/8.
 *
 * <p>Why AES-CTR and not the Philox stream the rest of the emulator draws from: the design gives both
 * ends key material "drawn from a secure generator", and Philox is a statistical generator, not a
 * cryptographic one; and with the hardware AES instructions the JIT uses it is many
 * times cheaper per bit (drawing the blocks' material from Philox took a third of a 1,000-node run).
 * Anyone who knows the run seed can still recompute every key: that is what makes runs reproducible.
 *
 * <p>The keystream is computed as counter mode defines it, the AES encryption of the successive counter
 * blocks, with one {@code AES/ECB/NoPadding} call over a buffer of counters rather than with
 * {@code AES/CTR/NoPadding}: the JDK's counter mode runs a byte-at-a-time loop, no faster than Philox, until
 * the JIT has compiled its caller with the AES-CTR intrinsic, which under load took 10 wall seconds of a
 * 1,000-node run; ECB encrypts whole blocks with the AES instructions as soon as its loop is compiled.
 *
 * <p>Not thread-safe (one cipher): one per link, as {@link StatisticalBlocks}.
 */
final class StatisticalKeyMaterial {

    private static final String DOMAIN = "qnetem-key-material-v1";

    private static final int AES_BLOCK_BYTES = 16;

    private final Cipher cipher;

    StatisticalKeyMaterial(long seed, String linkId, String purpose) {
        byte[] domain = DOMAIN.getBytes(StandardCharsets.UTF_8);
        byte[] link = linkId.getBytes(StandardCharsets.UTF_8);
        byte[] use = purpose.getBytes(StandardCharsets.UTF_8);
        ByteBuffer encoded = ByteBuffer.allocate(3 * Integer.BYTES + Long.BYTES + domain.length + link.length
                + use.length);
        encoded.putInt(domain.length).put(domain).putLong(seed).putInt(link.length).put(link)
                .putInt(use.length).put(use);
        try {
            cipher = Cipher.getInstance("AES/ECB/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE,
                    new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(encoded.array()), "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK must provide SHA-256 and AES/ECB/NoPadding", e);
        }
    }

    /** The first {@code length} bits of block {@code blockId}'s keystream. */
    PackedBits block(long blockId, int length) {
        int aesBlocks = (length + 127) / 128;
        byte[] stream = new byte[aesBlocks * AES_BLOCK_BYTES];
        ByteBuffer counters = ByteBuffer.wrap(stream);
        for (long counter = 0; counter < aesBlocks; counter++) {
            counters.putLong(blockId).putLong(counter);
        }
        try {
            int written = cipher.doFinal(stream, 0, stream.length, stream, 0);
            if (written != stream.length) {
                throw new IllegalStateException("AES gave " + written + " of " + stream.length + " bytes");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES failed for block " + blockId, e);
        }
        return PackedBits.fromBytes(stream, length);
    }
}
