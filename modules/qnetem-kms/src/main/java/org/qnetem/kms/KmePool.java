package org.qnetem.kms;

/**
 * One of a KME's link key pools as the report shows it (bits).
 *
 * @param ownBits         what this KME can still send to the peer (its own share)
 * @param suppliedBits    delivered key the pool received from its links, both shares and authentication
 * @param overflowBits    own-share key dropped because the share was full
 * @param spentBits       own-share key spent as one-time pads
 * @param lowWaterEvents  times the own share fell below the low-water mark
 * @param up              at least one link to the peer is up
 * @param lostBits        delivered key lost because this KME or the peer's was out when the block came
 *                        ({@link BlockHold}; both ends count the same blocks), and key this end held when the
 *                        pool started again after the peer's KME lost its state ({@link Kme#renewPool})
 */
public record KmePool(String peer, long ownBits, long suppliedBits, long overflowBits, long spentBits,
                      long lowWaterEvents, boolean up, long lostBits) {
}
