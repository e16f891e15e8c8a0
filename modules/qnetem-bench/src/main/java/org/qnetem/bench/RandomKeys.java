package org.qnetem.bench;

import org.qnetem.physics.batch.PackedBits;
import org.qnetem.physics.random.RandomStream;

/** Uniformly random bit strings standing in for key material in the post-processing benchmarks. */
final class RandomKeys {

    private RandomKeys() {
    }

    static PackedBits bits(RandomStream random, int length) {
        long[] words = new long[PackedBits.wordsFor(length)];
        for (int w = 0; w < words.length; w++) {
            words[w] = random.nextLong();
        }
        return PackedBits.of(words, length);
    }
}
