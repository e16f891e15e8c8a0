package org.qnetem.qkd.protocol;

/** A protocol's finite-key formula: the secret length of a block from its public counts and leakage. */
public interface SecureLength {

    /** Intensity classes the formula expects counts for. */
    int classes();

    /** @param leakedBits bits error correction disclosed for this block */
    SecretLength evaluate(BlockCounts counts, long leakedBits);
}
