package org.qnetem.runtime.serialization;

import java.util.SplittableRandom;
import org.qnetem.physics.batch.DetectionBatch;
import org.qnetem.physics.batch.PackedBits;

/** Seeded random detection data shaped like a real link's: clicks a geometric number of pulses apart. */
final class TestBatches {

    private TestBatches() {
    }

    /** Ascending indices from 0 with independent gaps of mean {@code meanGap} >= 1 pulses. */
    static long[] clickIndices(SplittableRandom random, int count, double meanGap) {
        double logMiss = Math.log1p(-1 / meanGap);
        long[] indices = new long[count];
        long previous = -1;
        for (int i = 0; i < count; i++) {
            previous += 1 + (long) (Math.log(1 - random.nextDouble()) / logMiss);
            indices[i] = previous;
        }
        return indices;
    }

    static PackedBits randomBits(SplittableRandom random, int length) {
        PackedBits.Builder bits = new PackedBits.Builder(length);
        for (int i = 0; i < length; i++) {
            bits.append(random.nextBoolean());
        }
        return bits.build();
    }

    static DetectionBatch detectionBatch(long seed, int count, double meanGap) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] indices = clickIndices(random, count, meanGap);
        long pulseCount = (count == 0 ? 0 : indices[count - 1] + 1) + random.nextInt(100);
        return new DetectionBatch("BRS-BRADLEY", 7, 1_234_567_890_123L, pulseCount, indices,
                randomBits(random, count), randomBits(random, count), randomBits(random, count));
    }
}
