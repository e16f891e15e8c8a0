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
 * @param abortStage     null when the block delivered key
 * @param abortReason    null when the block delivered key
 * @param detail         null when the block was aborted
 * @param keyDigest      SHA-256 of the delivered key; empty when aborted
 * @param estimatedQber  the test-basis QBER this end estimated; NaN if it ended the block before estimating
 */
public record BlockRecord(LinkRole role, long blockId, long finishedAtPs, String abortStage, String abortReason,
                          BlockDetail detail, byte[] keyDigest, double estimatedQber) {

    public BlockRecord {
        Objects.requireNonNull(role, "role");
        keyDigest = keyDigest.clone();
    }

    /** A record whose end had no QBER estimate to report. */
    public BlockRecord(LinkRole role, long blockId, long finishedAtPs, String abortStage, String abortReason,
                       BlockDetail detail, byte[] keyDigest) {
        this(role, blockId, finishedAtPs, abortStage, abortReason, detail, keyDigest,
                detail == null ? Double.NaN : detail.testQber());
    }

    /** The record of {@code outcome} at the {@code role} end. */
    public static BlockRecord of(LinkRole role, BlockOutcome outcome) {
        if (outcome instanceof KeyBlock key) {
            return new BlockRecord(role, key.blockId(), key.finishedAtPs(), null, null, BlockDetail.of(key),
                    sha256().digest(key.deliveredKey().toBytes()), key.testQber());
        }
        AbortedBlock aborted = (AbortedBlock) outcome;
        return new BlockRecord(role, aborted.blockId(), aborted.finishedAtPs(), aborted.stage().name(),
                aborted.reason(), null, new byte[0], aborted.estimatedQber());
    }

    /** The same report from the other end: for a statistical link, whose two ends hold the same key by construction. */
    BlockRecord at(LinkRole otherRole) {
        return new BlockRecord(otherRole, blockId, finishedAtPs, abortStage, abortReason, detail, keyDigest);
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
                && Objects.equals(detail, r.detail) && Arrays.equals(keyDigest, r.keyDigest)
                && Double.compare(estimatedQber, r.estimatedQber) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(role, blockId, finishedAtPs, abortReason, detail, Arrays.hashCode(keyDigest));
    }
}
