package org.qnetem.qkd.reconciliation;

import java.util.Objects;
import org.qnetem.physics.batch.PackedBits;

/**
 * One end's outcome of reconciling a key block: its key afterwards (Alice's is unchanged, Bob's is
 * corrected), the parity bits Alice disclosed (all counted as leaked to Eve), the round trips it took,
 * the passes it ran and how many bits Bob flipped (0 at Alice's end). Bob's key can still differ from
 * Alice's when an even number of errors hid in every block of every pass; verification catches that.
 */
public record ReconciliationResult(String linkId, long blockId, PackedBits key, long leakedBits, int rounds,
                                   int passes, int flippedBits) {

    public ReconciliationResult {
        Objects.requireNonNull(linkId, "linkId");
        Objects.requireNonNull(key, "key");
    }

    /**
     * f_EC = leaked / (n · h(qber)): the leakage relative to the Shannon limit for a block with that bit
     * error rate; 1 is the limit, practical codes reach 1.05–1.2.
     */
    public double efficiency(double qber) {
        return leakedBits / (key.length() * binaryEntropy(qber));
    }

    /** h(p) = -p log2 p - (1 - p) log2 (1 - p), in bits. */
    public static double binaryEntropy(double p) {
        if (p <= 0 || p >= 1) {
            return 0;
        }
        return -(p * Math.log(p) + (1 - p) * Math.log1p(-p)) / Math.log(2);
    }
}
