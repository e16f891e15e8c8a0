package org.qnetem.physics.random;

/**
 * Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror and Shaw, "Parallel random
 * numbers: as easy as 1, 2, 3" (SC'11), as in their Random123 library. Output block n is a keyed
 * bijection of the 128-bit counter n, so any block is computed in O(1) without stepping through the
 * ones before it, and the same (key, counter) gives the same bits on every thread, JVM and host.
 * Philox4x32-10 passes TestU01 BigCrush.
 *
 * <p>Word order, matching Random123's {@code ctr[0..3]}, {@code key[0..1]} and output {@code [0..3]}
 * (so its known-answer vectors apply): each 64-bit argument holds two 32-bit words, low word first.
 * <pre>
 *   key[0] = low 32 bits of key          key[1] = high 32 bits of key
 *   ctr[0] = low 32 bits of counterLo    ctr[1] = high 32 bits of counterLo
 *   ctr[2] = low 32 bits of counterHi    ctr[3] = high 32 bits of counterHi
 *   out2[0] = out[1] &lt;&lt; 32 | out[0]     out2[1] = out[3] &lt;&lt; 32 | out[2]
 * </pre>
 */
public final class Philox4x32 {

    private static final long MULTIPLIER_0 = 0xD2511F53L;
    private static final long MULTIPLIER_1 = 0xCD9E8D57L;
    private static final int WEYL_0 = 0x9E3779B9;
    private static final int WEYL_1 = 0xBB67AE85;
    private static final int ROUNDS = 10;
    private static final long LOW_32 = 0xFFFFFFFFL;

    private Philox4x32() {
    }

    /** Writes the 128 output bits of block (counterHi, counterLo) under {@code key} into {@code out2}. */
    public static void block(long key, long counterHi, long counterLo, long[] out2) {
        int k0 = (int) key;
        int k1 = (int) (key >>> 32);
        int c0 = (int) counterLo;
        int c1 = (int) (counterLo >>> 32);
        int c2 = (int) counterHi;
        int c3 = (int) (counterHi >>> 32);
        for (int round = 0; round < ROUNDS; round++) {
            // Random123 bumps the key before every round but the first.
            if (round > 0) {
                k0 += WEYL_0;
                k1 += WEYL_1;
            }
            long product0 = MULTIPLIER_0 * (c0 & LOW_32);
            long product1 = MULTIPLIER_1 * (c2 & LOW_32);
            int next0 = (int) (product1 >>> 32) ^ c1 ^ k0;
            int next2 = (int) (product0 >>> 32) ^ c3 ^ k1;
            c1 = (int) product1;
            c3 = (int) product0;
            c0 = next0;
            c2 = next2;
        }
        out2[0] = (long) c1 << 32 | (c0 & LOW_32);
        out2[1] = (long) c3 << 32 | (c2 & LOW_32);
    }
}
