package org.qnetem.runtime.link;

import java.util.Arrays;
import java.util.Objects;

/**
 * The key a link made over a run, as its observer saw both ends. A block counts as delivered when both
 * ends delivered it with the same key, as aborted when both aborted it.
 *
 * @param keyBits            raw key-basis bits of the delivered blocks (n_X)
 * @param shannonBits        Σ n_X h(key QBER) over delivered blocks: the least error correction could leak
 * @param secretBits         Σ ℓ over delivered blocks
 * @param refillBits         secret bits that paid back the authentication key the blocks used
 * @param deliveredBits      secret bits left for the node's key pool after that refill
 * @param mismatchedKeys     blocks both ends delivered with different keys
 * @param keysFromAbortedBlocks blocks one end delivered and the other aborted
 * @param keysDeliveredTwice blocks an end reported twice
 * @param keyDigest          SHA-256 over the delivered blocks' key digests in block order, hex
 * @param delivered          Bob's record of each delivered block, in block order
 * @param aborted            a record of each block aborted at either end (Bob's if he aborted it), in block order
 */
public record KeyStatistics(long blocks, long abortedBlocks, long keyBits, long leakedBits, double shannonBits,
                            long secretBits, long refillBits, long deliveredBits,
                            long mismatchedKeys, long keysFromAbortedBlocks, long keysDeliveredTwice,
                            String keyDigest, BlockRecord[] delivered, BlockRecord[] aborted) {

    public KeyStatistics {
        delivered = delivered.clone();
        aborted = aborted.clone();
    }

    @Override
    public BlockRecord[] delivered() {
        return delivered.clone();
    }

    @Override
    public BlockRecord[] aborted() {
        return aborted.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyStatistics k && blocks == k.blocks && abortedBlocks == k.abortedBlocks
                && keyBits == k.keyBits && leakedBits == k.leakedBits && Double.compare(shannonBits, k.shannonBits) == 0
                && secretBits == k.secretBits && refillBits == k.refillBits && deliveredBits == k.deliveredBits
                && mismatchedKeys == k.mismatchedKeys
                && keysFromAbortedBlocks == k.keysFromAbortedBlocks && keysDeliveredTwice == k.keysDeliveredTwice
                && keyDigest.equals(k.keyDigest) && Arrays.equals(delivered, k.delivered)
                && Arrays.equals(aborted, k.aborted);
    }

    @Override
    public int hashCode() {
        return Objects.hash(blocks, abortedBlocks, secretBits, keyDigest, Arrays.hashCode(aborted));
    }
}
