package org.qnetem.kms.etsi;

/**
 * ETSI GS QKD 014 Status: what a master SAE can ask of its KME for one slave SAE. Sizes in bits;
 * {@code storedKeyCount} counts keys of {@code keySize} bits in the pool the pair actually draws from.
 */
public record Status(String sourceKmeId, String targetKmeId, String masterSaeId, String slaveSaeId,
                     int keySize, long storedKeyCount, long maxKeyCount, int maxKeyPerRequest,
                     int maxKeySize, int minKeySize, int maxSaeIdCount) {
}
