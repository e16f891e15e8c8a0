package org.qnetem.runtime.fault;

/**
 * What only the emulator knows about one delivered key block: how much of it Eve holds.
 *
 * <p>{@code siftedBits} are the matched-basis detections of the block's batches (key and test basis) as
 * the channel sampler counted them, and {@code eveKnownSiftedBits} those whose value Eve knows: she
 * measured the pulse in Alice's basis (intercept-resend), kept a photon of a multi-photon pulse
 * (photon-number splitting), or made the click herself (blinding). At statistical fidelity the count
 * is the model's expectation for the batches, rounded, since no single click is drawn. Her share
 * κ = eveKnownSiftedBits / siftedBits is taken for the block's {@code keyBits} raw key bits (exact when
 * she knows every bit or none; her choices do not depend on which basis becomes the key basis beyond
 * Alice's basis bias). The privacy-amplified key of {@code secretBits} bits cannot hold more secret
 * entropy from her point of view than the raw key bits she does not know less the bits error correction
 * disclosed, so she holds at least {@link #eveKeyBits()} of it: all of it when she knew the whole raw
 * key, however normal the QBER looked.
 */
public record BlockTruth(long blockId, long finishedAtPs, long keyBits, long siftedBits, long eveKnownSiftedBits,
                         long leakedBits, long secretBits, double testQber) {

    public double eveKnownFraction() {
        return siftedBits == 0 ? 0 : (double) eveKnownSiftedBits / siftedBits;
    }

    /** Bits of the delivered key Eve holds at least: ℓ − min(ℓ, max(0, n_X − round(κ n_X) − leak_EC)). */
    public long eveKeyBits() {
        long unknownToEve = Math.max(0, keyBits - Math.round(keyBits * eveKnownFraction()) - leakedBits);
        return secretBits - Math.min(secretBits, unknownToEve);
    }
}
