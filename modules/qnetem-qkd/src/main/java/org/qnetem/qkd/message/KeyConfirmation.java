package org.qnetem.qkd.message;

import java.util.Objects;

/**
 * Alice to Bob after Cascade: the verification hash she drew for the block (two points) with the tag
 * of her key, the public seed of the Toeplitz matrix for privacy amplification, the secret length she
 * computed from the block's public counts and leakage, and how many of the final key's bits both ends
 * move into their authentication key pools. Bob checks the tag and the length before he accepts.
 */
public record KeyConfirmation(String linkId, long batchSequence, long verificationFirstPoint,
                              long verificationSecondPoint, long tagFirst, long tagSecond, long toeplitzSeed,
                              long secretLength, long authenticationRefillBits) implements ClassicalMessage {

    public KeyConfirmation {
        Objects.requireNonNull(linkId, "linkId");
        if (secretLength < 1 || authenticationRefillBits < 0 || authenticationRefillBits > secretLength) {
            throw new IllegalArgumentException("block " + batchSequence + ": secret length " + secretLength
                    + " must be >= 1 and the authentication refill (" + authenticationRefillBits
                    + ") within it");
        }
    }
}
