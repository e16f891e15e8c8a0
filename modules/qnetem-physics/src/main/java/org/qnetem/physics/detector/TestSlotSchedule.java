package org.qnetem.physics.detector;

import org.qnetem.physics.random.FixedPointProbability;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;

/**
 * Which pulse slots a {@link BlindingMonitor} uses as test slots, by random access: slot i is one
 * when word 0 of block i of the schedule's stream, as an unsigned 64-bit uniform, is below the
 * fixed-point test-slot fraction. Not thread-safe (one scratch block); make one per batch.
 */
public final class TestSlotSchedule {

    private final RandomStream stream;
    private final long testBelow;
    private final long[] block = new long[2];

    public TestSlotSchedule(StreamKey key, double testSlotFraction) {
        stream = new RandomStream(key);
        testBelow = FixedPointProbability.of(testSlotFraction);
    }

    public boolean isTestSlot(long slot) {
        stream.blockAt(slot, block);
        return Long.compareUnsigned(block[0], testBelow) < 0;
    }
}
