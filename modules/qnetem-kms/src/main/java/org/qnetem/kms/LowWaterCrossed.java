package org.qnetem.kms;

/** A warning: the key {@code kme} can send to {@code peer} fell below the low-water mark, to {@code bits}. */
public record LowWaterCrossed(String kme, String peer, long bits, long lowWaterBits) {
}
