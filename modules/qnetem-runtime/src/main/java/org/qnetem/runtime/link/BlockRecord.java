package org.qnetem.runtime.link;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import org.qnetem.qkd.protocol.AbortedBlock;
import org.qnetem.qkd.protocol.BlockOutcome;
import org.qnetem.qkd.protocol.KeyBlock;

/**
 * What one end reports to the link's observer about a key block that ended there: enough to compare
 * the two ends and account for the key, but no key material, only its SHA-256.
 *
 * @param abortReason    null when the block delivered key
 * @param keyDigest      SHA-256 of the delivered key; empty when aborted
 */
public record BlockRecord(LinkRole role, long blockId, long finishedAtPs, String abortStage, String abortReason,
                          long keyBits, long leakedBits, double keyQber, long secretBits, long refillBits,
                          long deliveredBits, byte[] keyDigest) {

    public BlockRecord {
        Objects.requireNonNull(role, "role");
        keyDigest = keyDigest.clone();
    }

    /** The record of {@code outcome} at the {@code role} end. */
    public static BlockRecord of(LinkRole role, BlockOutcome outcome) {
        if (outcome instanceof KeyBlock key) {
            return new BlockRecord(role, key.blockId(), key.finishedAtPs(), null, null, key.counts().keyBits(),
                    key.leakedBits(), key.keyQber(), key.secretLength().length(), key.authenticationRefillBits(),
                    key.key().length(), sha256().digest(key.key().toBytes()));
        }
        AbortedBlock aborted = (AbortedBlock) outcome;
        return new BlockRecord(role, aborted.blockId(), aborted.finishedAtPs(), aborted.stage().name(),
                aborted.reason(), 0, 0, Double.NaN, 0, 0, 0, new byte[0]);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    public boolean delivered() {
        return abortReason == null;
    }

    @Override
    public byte[] keyDigest() {
        return keyDigest.clone();
    }

    boolean sameKeyAs(BlockRecord other) {
        return Arrays.equals(keyDigest, other.keyDigest);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockRecord r && role == r.role && blockId == r.blockId && finishedAtPs == r.finishedAtPs
                && Objects.equals(abortStage, r.abortStage) && Objects.equals(abortReason, r.abortReason)
                && keyBits == r.keyBits && leakedBits == r.leakedBits
                && Double.compare(keyQber, r.keyQber) == 0 && secretBits == r.secretBits
                && refillBits == r.refillBits && deliveredBits == r.deliveredBits
                && Arrays.equals(keyDigest, r.keyDigest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(role, blockId, finishedAtPs, abortReason, secretBits, Arrays.hashCode(keyDigest));
    }
}
