package org.qnetem.qkd.reconciliation;

import org.qnetem.physics.batch.PackedBits;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;

/** Alice's random key and Bob's copy of it with exactly {@code errors} bits flipped at seeded random positions. */
record NoisyKeyPair(PackedBits alice, PackedBits bob, int errors) {

    static NoisyKeyPair generate(int length, int errors, long seed) {
        RandomStream random = new RandomStream(new StreamKey(seed, "cascade-test", "noisy-key", length));
        long[] aliceWords = new long[PackedBits.wordsFor(length)];
        for (int w = 0; w < aliceWords.length; w++) {
            aliceWords[w] = random.nextLong();
        }
        PackedBits alice = PackedBits.of(aliceWords, length);
        long[] bobWords = alice.toWords();
        int flipped = 0;
        while (flipped < errors) {
            int i = random.nextInt(length);
            if (Bits.get(bobWords, i) == alice.get(i)) {
                Bits.flip(bobWords, i);
                flipped++;
            }
        }
        return new NoisyKeyPair(alice, PackedBits.of(bobWords, length), errors);
    }

    static NoisyKeyPair atQber(int length, double qber, long seed) {
        return generate(length, (int) Math.round(qber * length), seed);
    }

    double qber() {
        return (double) errors / alice.length();
    }
}
