package org.qnetem.qkd.protocol;

import java.util.Objects;
import org.qnetem.physics.batch.PackedBits;

/**
 * A finished key block at one end, with every quantity that decided its length. Both ends of a link
 * produce the same block, key included.
 *
 * @param firstBatch              first photon batch the block spans
 * @param lastBatch               last photon batch it spans
 * @param openedAtPs              emulated time the block closed for post-processing at this end
 * @param testQber                test-basis errors over test-basis bits
 * @param keyQber                 errors Cascade corrected over key-basis bits
 * @param leakedBits              parity bits Cascade disclosed (λ_EC)
 * @param errorCorrectionEfficiency f_EC = leaked / (n_X h(key QBER)); NaN at zero errors
 * @param verificationTagBits     length of the verification tag
 * @param secretLength            ℓ and its terms
 * @param authenticationRefillBits the first bits of the secret key, which went into the authentication key pool
 * @param secretKey               the ℓ-bit output of privacy amplification
 */
public record KeyBlock(String linkId, long blockId, long firstBatch, long lastBatch, long openedAtPs,
                       long finishedAtPs, BlockCounts counts, double testQber, double keyQber, long leakedBits,
                       int cascadeRounds, double errorCorrectionEfficiency, int verificationTagBits,
                       SecretLength secretLength, long authenticationRefillBits, PackedBits secretKey)
        implements BlockOutcome {

    public KeyBlock {
        Objects.requireNonNull(linkId, "linkId");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(secretLength, "secretLength");
        Objects.requireNonNull(secretKey, "secretKey");
        if (secretKey.length() != secretLength.length() || authenticationRefillBits < 0
                || authenticationRefillBits > secretKey.length()) {
            throw new IllegalArgumentException("block " + blockId + ": a " + secretKey.length() + "-bit key with "
                    + authenticationRefillBits + " refill bits for the secret length " + secretLength.length());
        }
    }

    /** The key for the node's key pool: the secret key after the authentication refill. */
    public PackedBits deliveredKey() {
        return BlockRules.slice(secretKey, authenticationRefillBits, secretKey.length() - authenticationRefillBits);
    }

    @Override
    public String toString() {
        return "KeyBlock[link=" + linkId + ", block=" + blockId + ", " + counts.keyBits() + " raw bits -> "
                + secretLength.length() + " secret bits, " + (secretKey.length() - authenticationRefillBits)
                + " delivered]";
    }
}
