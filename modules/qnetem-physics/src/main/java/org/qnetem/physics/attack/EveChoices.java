package org.qnetem.physics.attack;

import org.qnetem.physics.random.FixedPointProbability;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;

/**
 * Eve's per-pulse decisions by random access, as Alice's states are: pulse i depends on block i of
 * Eve's stream only, so whichever pulses the sampler visits, in whatever order, Eve has made the
 * same choices. From block i: word 0, as an unsigned 64-bit uniform, below the fixed-point act
 * probability means Eve acts on the pulse; word 1's top 63 bits below the basis bias choose her X
 * basis; word 1's lowest bit is the random bit she uses when her basis is not Alice's.
 *
 * <p>Not thread-safe (one scratch block); make one per batch.
 */
public final class EveChoices {

    private final RandomStream stream;
    private final long actBelow;
    private final long xBasisBelow;
    private final long[] block = new long[2];

    public EveChoices(StreamKey key, double actProbability, double basisBiasX) {
        stream = new RandomStream(key);
        actBelow = FixedPointProbability.of(actProbability);
        xBasisBelow = FixedPointProbability.of(basisBiasX) >>> 1;
    }

    /**
     * Eve's action on pulse {@code pulse} ({@link PulseKinds#PASS}, {@link PulseKinds#SAME_BASIS} or
     * {@link PulseKinds#CONJUGATE_BASIS}), given Alice's basis, in bits 0-1, and Eve's random bit in bit 2.
     */
    public int choiceAt(long pulse, boolean aliceX) {
        stream.blockAt(pulse, block);
        int bit = (int) (block[1] & 1) << 2;
        if (Long.compareUnsigned(block[0], actBelow) >= 0) {
            return PulseKinds.PASS | bit;
        }
        boolean eveX = block[1] >>> 1 < xBasisBelow;
        return (eveX == aliceX ? PulseKinds.SAME_BASIS : PulseKinds.CONJUGATE_BASIS) | bit;
    }

    public static int action(int choice) {
        return choice & 0b11;
    }

    public static int randomBit(int choice) {
        return choice >>> 2 & 1;
    }
}
