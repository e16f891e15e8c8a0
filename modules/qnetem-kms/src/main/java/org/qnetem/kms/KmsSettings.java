package org.qnetem.kms;

import java.time.Duration;
import java.util.Objects;

/**
 * The key management settings of a network, one set for every KME (a topology's {@code key-management}
 * section). Sizes are in bits.
 *
 * @param poolCapacityBits  bits one KME holds for one neighbour; each direction's share (see
 *                          {@link org.qnetem.kms.pool.LinkKeyPool}) holds at most half, and key arriving
 *                          beyond that is dropped and counted; the authentication pads of the links to
 *                          the neighbour are held to half as well
 * @param lowWaterBits      a warning event when a KME's own share for a neighbour falls below this
 * @param keyTtl            how long a key waits at the slave's KME for {@code dec_keys} before it is wiped
 * @param keySize           the Status {@code key_size}: the size of a key when a request names none
 * @param maxKeyPerRequest  the most keys one {@code enc_keys} may ask for
 * @param minKeySize        the smallest key size a request may ask for
 * @param maxKeySize        the largest
 * @param maxSaeIdCount     the most {@code additional_slave_SAE_IDs} a request may name (0: no multicast)
 * @param maxKeyCount       the Status {@code max_key_count}: the most keys {@code stored_key_count} reports
 */
public record KmsSettings(long poolCapacityBits, long lowWaterBits, Duration keyTtl, int keySize,
                          int maxKeyPerRequest, int minKeySize, int maxKeySize, int maxSaeIdCount,
                          long maxKeyCount) {

    /** 64 Mbit per neighbour: some minutes of a metro link's key, so a pool rides out an outage. */
    public static final long DEFAULT_POOL_CAPACITY_BITS = 64L << 20;
    public static final long DEFAULT_LOW_WATER_BITS = 1L << 20;
    public static final Duration DEFAULT_KEY_TTL = Duration.ofSeconds(60);
    /** The spec's example values for the Status fields (REFERENCE §5.1), except a 256-bit default key. */
    public static final int DEFAULT_KEY_SIZE = 256;
    public static final int DEFAULT_MAX_KEY_PER_REQUEST = 128;
    public static final int DEFAULT_MIN_KEY_SIZE = 64;
    public static final int DEFAULT_MAX_KEY_SIZE = 1024;
    public static final int DEFAULT_MAX_SAE_ID_COUNT = 0;
    public static final long DEFAULT_MAX_KEY_COUNT = 100_000;

    public KmsSettings {
        Objects.requireNonNull(keyTtl, "keyTtl");
        if (poolCapacityBits < 16 || lowWaterBits < 0 || lowWaterBits > poolCapacityBits / 2) {
            throw new IllegalArgumentException("need pool capacity >= 16 bits and 0 <= low water <= half the capacity,"
                    + " got " + poolCapacityBits + " and " + lowWaterBits);
        }
        if (keyTtl.isNegative() || keyTtl.isZero()) {
            throw new IllegalArgumentException("key TTL must be positive, got " + keyTtl);
        }
        if (minKeySize < 8 || minKeySize % 8 != 0 || maxKeySize % 8 != 0 || maxKeySize < minKeySize
                || keySize % 8 != 0 || keySize < minKeySize || keySize > maxKeySize) {
            throw new IllegalArgumentException("key sizes must be multiples of 8 with 8 <= min <= key size <= max, got "
                    + minKeySize + " <= " + keySize + " <= " + maxKeySize);
        }
        if (maxKeyPerRequest < 1 || maxSaeIdCount < 0 || maxKeyCount < 1) {
            throw new IllegalArgumentException("need max keys per request >= 1, max SAE id count >= 0 and"
                    + " max key count >= 1, got " + maxKeyPerRequest + ", " + maxSaeIdCount + ", " + maxKeyCount);
        }
    }

    public static KmsSettings defaults() {
        return new KmsSettings(DEFAULT_POOL_CAPACITY_BITS, DEFAULT_LOW_WATER_BITS, DEFAULT_KEY_TTL, DEFAULT_KEY_SIZE,
                DEFAULT_MAX_KEY_PER_REQUEST, DEFAULT_MIN_KEY_SIZE, DEFAULT_MAX_KEY_SIZE, DEFAULT_MAX_SAE_ID_COUNT,
                DEFAULT_MAX_KEY_COUNT);
    }
}
