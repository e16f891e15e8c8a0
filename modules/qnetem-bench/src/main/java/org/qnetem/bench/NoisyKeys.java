package org.qnetem.bench;

import org.qnetem.physics.batch.PackedBits;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;

/** A random sifted key for Alice and Bob's copy of it with round(qber · n) bits flipped at seeded random positions. */
record NoisyKeys(PackedBits alice, PackedBits bob, int errors) {

    static NoisyKeys generate(int length, double qber, long seed) {
        RandomStream random = new RandomStream(new StreamKey(seed, "bench", "noisy-key", length));
        long[] aliceWords = new long[PackedBits.wordsFor(length)];
        for (int w = 0; w < aliceWords.length; w++) {
            aliceWords[w] = random.nextLong();
        }
        PackedBits alice = PackedBits.of(aliceWords, length);
        long[] bobWords = alice.toWords();
        int errors = (int) Math.round(qber * length);
        int flipped = 0;
        while (flipped < errors) {
            int i = random.nextInt(length);
            long bit = 1L << i;
            if (((bobWords[i >>> 6] ^ aliceWords[i >>> 6]) & bit) == 0) {
                bobWords[i >>> 6] ^= bit;
                flipped++;
            }
        }
        return new NoisyKeys(alice, PackedBits.of(bobWords, length), errors);
    }

    double qber() {
        return (double) errors / alice.length();
    }
}
