package org.qnetem.qkd.protocol;

/**
 * How a link turns sifted bits into key, set per link in the topology and identical at both ends.
 *
 * @param keyBlockBits        n_X: key-basis bits per key block; the block closes at the first batch that
 *                            reaches it, so blocks are slightly longer
 * @param qberAbortThreshold  a block whose test-basis QBER exceeds this is aborted before error correction
 * @param epsilonSecrecy      ε_sec of the finite-key bound
 * @param epsilonCorrectness  ε_cor: the verification tag's collision probability must not exceed it
 * @param preSharedKeyBits    bits of pre-shared key each end's authentication pool starts with; each
 *                            accepted block then pays back, from its own key, the authentication its
 *                            batches and messages used
 * @param qberAlarmThreshold  a block whose estimated QBER exceeds this raises the operator's QBER alarm;
 *                            at most the abort threshold, so that an alarm can come before key is lost
 * @param blockTimeoutPs      emulated time a block in progress waits for the peer's next message before
 *                            this end gives it up (its messages were held up by a partition or lost with a
 *                            crashed node)
 */
public record PostProcessingSettings(long keyBlockBits, double qberAbortThreshold, double epsilonSecrecy,
                                     double epsilonCorrectness, long preSharedKeyBits, double qberAlarmThreshold,
                                     long blockTimeoutPs) {

    public static final long DEFAULT_BLOCK_TIMEOUT_PS = 10_000_000_000_000L;

    /** The alarm threshold's default, as a share of the abort threshold. */
    public static final double DEFAULT_ALARM_SHARE_OF_ABORT = 0.75;

    public static final long DEFAULT_KEY_BLOCK_BITS = 1_000_000;
    public static final double DEFAULT_QBER_ABORT_THRESHOLD = 0.11;
    public static final double DEFAULT_EPSILON_SECRECY = 1e-10;
    public static final double DEFAULT_EPSILON_CORRECTNESS = 1e-15;
    public static final long DEFAULT_PRE_SHARED_KEY_BITS = 1L << 20;

    public PostProcessingSettings {
        if (keyBlockBits < 1 || keyBlockBits > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("key block bits must be in [1, " + Integer.MAX_VALUE / 2 + "], got "
                    + keyBlockBits);
        }
        if (!(qberAbortThreshold > 0 && qberAbortThreshold <= 0.5)) {
            throw new IllegalArgumentException("QBER abort threshold must be in (0, 0.5], got " + qberAbortThreshold);
        }
        if (!(epsilonSecrecy > 0 && epsilonSecrecy < 1) || !(epsilonCorrectness > 0 && epsilonCorrectness < 1)) {
            throw new IllegalArgumentException("security parameters must be in (0, 1), got eps_sec "
                    + epsilonSecrecy + ", eps_cor " + epsilonCorrectness);
        }
        if (preSharedKeyBits < 256) {
            throw new IllegalArgumentException("pre-shared key must be at least 256 bits, got " + preSharedKeyBits);
        }
        if (!(qberAlarmThreshold > 0 && qberAlarmThreshold <= qberAbortThreshold)) {
            throw new IllegalArgumentException("QBER alarm threshold must be in (0, " + qberAbortThreshold
                    + "] (the abort threshold), got " + qberAlarmThreshold);
        }
        if (blockTimeoutPs <= 0) {
            throw new IllegalArgumentException("block timeout must be > 0, got " + blockTimeoutPs + " ps");
        }
    }

    /**
     * Settings whose QBER alarm sounds at {@value #DEFAULT_ALARM_SHARE_OF_ABORT} of the abort threshold and
     * whose blocks wait {@value #DEFAULT_BLOCK_TIMEOUT_PS} ps for the peer.
     */
    public PostProcessingSettings(long keyBlockBits, double qberAbortThreshold, double epsilonSecrecy,
                                  double epsilonCorrectness, long preSharedKeyBits) {
        this(keyBlockBits, qberAbortThreshold, epsilonSecrecy, epsilonCorrectness, preSharedKeyBits,
                DEFAULT_ALARM_SHARE_OF_ABORT * qberAbortThreshold, DEFAULT_BLOCK_TIMEOUT_PS);
    }

    public static PostProcessingSettings defaults() {
        return new PostProcessingSettings(DEFAULT_KEY_BLOCK_BITS, DEFAULT_QBER_ABORT_THRESHOLD,
                DEFAULT_EPSILON_SECRECY, DEFAULT_EPSILON_CORRECTNESS, DEFAULT_PRE_SHARED_KEY_BITS);
    }

    public PostProcessingSettings withKeyBlockBits(long bits) {
        return new PostProcessingSettings(bits, qberAbortThreshold, epsilonSecrecy, epsilonCorrectness,
                preSharedKeyBits, qberAlarmThreshold, blockTimeoutPs);
    }

    public PostProcessingSettings withPreSharedKeyBits(long bits) {
        return new PostProcessingSettings(keyBlockBits, qberAbortThreshold, epsilonSecrecy, epsilonCorrectness, bits,
                qberAlarmThreshold, blockTimeoutPs);
    }
}
