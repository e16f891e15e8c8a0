package org.qnetem.qkd.amplification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Comb and Karatsuba products against the schoolbook product, one coefficient pair at a time. */
class Gf2MultiplierTest {

    private final SplittableRandom random = new SplittableRandom(17);

    private static long[] schoolbook(long[] x, long[] y) {
        long[] out = new long[x.length + y.length];
        for (int i = 0; i < 64 * x.length; i++) {
            if ((x[i >>> 6] >>> i & 1) == 0) {
                continue;
            }
            for (int j = 0; j < 64 * y.length; j++) {
                if ((y[j >>> 6] >>> j & 1) != 0) {
                    out[(i + j) >>> 6] ^= 1L << (i + j);
                }
            }
        }
        return out;
    }

    private long[] randomWords(int n) {
        long[] words = new long[n];
        for (int i = 0; i < n; i++) {
            words[i] = random.nextLong();
        }
        return words;
    }

    @ParameterizedTest(name = "{0} words")
    @ValueSource(ints = {1, 2, 3, 7, 16, 23, 31, 32, 33, 47, 64, 65, 100, 129})
    void equalsTheSchoolbookProduct(int n) {
        Gf2Multiplier multiplier = new Gf2Multiplier(n);
        for (int trial = 0; trial < 3; trial++) {
            long[] x = randomWords(n);
            long[] y = randomWords(n);
            long[] out = new long[2 * n + 2];
            // Garbage in the output and at the operands' offsets must not matter.
            out[0] = random.nextLong();
            long[] xPadded = new long[n + 3];
            System.arraycopy(x, 0, xPadded, 3, n);
            multiplier.multiply(xPadded, 3, y, 0, out, 1);
            long[] expected = schoolbook(x, y);
            long[] actual = new long[2 * n];
            System.arraycopy(out, 1, actual, 0, 2 * n);
            assertArrayEquals(expected, actual);
        }
    }

    @ParameterizedTest(name = "{0} words")
    @ValueSource(ints = {1, 40})
    void sparseAndAllOnesOperandsToo(int n) {
        Gf2Multiplier multiplier = new Gf2Multiplier(n);
        long[] ones = new long[n];
        java.util.Arrays.fill(ones, -1L);
        long[] single = new long[n];
        single[n - 1] = Long.MIN_VALUE;
        long[] out = new long[2 * n];
        multiplier.multiply(ones, 0, single, 0, out, 0);
        assertArrayEquals(schoolbook(ones, single), out);
        multiplier.multiply(ones, 0, ones, 0, out, 0);
        assertArrayEquals(schoolbook(ones, ones), out);
    }
}
