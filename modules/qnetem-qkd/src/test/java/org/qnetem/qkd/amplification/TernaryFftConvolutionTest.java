package org.qnetem.qkd.amplification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ternary FFT against the cyclic convolution computed one coefficient pair at a time. */
class TernaryFftConvolutionTest {

    private final SplittableRandom random = new SplittableRandom(23);

    private long[] randomBits(long bits) {
        long[] words = new long[(int) ((bits + 63) >>> 6)];
        for (int i = 0; i < words.length; i++) {
            words[i] = random.nextLong();
        }
        if ((bits & 63) != 0) {
            words[words.length - 1] &= (1L << bits) - 1;
        }
        return words;
    }

    private static long[] cyclicProduct(long[] f, long[] g, long length) {
        long[] out = new long[(int) ((length + 63) >>> 6)];
        for (long i = 0; i < 64L * f.length; i++) {
            if ((f[(int) (i >>> 6)] >>> i & 1) == 0) {
                continue;
            }
            for (long j = 0; j < 64L * g.length; j++) {
                if ((g[(int) (j >>> 6)] >>> j & 1) != 0) {
                    long t = (i + j) % length;
                    out[(int) (t >>> 6)] ^= 1L << t;
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "length >= {0}, k = {1}")
    @CsvSource({"1, 1", "2, 1", "3, 1", "64, 1", "100, 1", "100, 2", "100, 3", "100, 4", "100, 5", "1000, 2",
        "1000, 3", "1000, 4", "2500, 5", "2500, 6", "5000, 3", "20000, 5"})
    void equalsTheCyclicConvolutionForEveryLevelCount(long minimumLength, int levels) {
        TernaryFftConvolution convolution = new TernaryFftConvolution(minimumLength, levels);
        long length = convolution.length();
        assertTrue(length >= minimumLength);
        long[] f = randomBits(length);
        long[] g = randomBits(length / 2 + 1);
        assertArrayEquals(cyclicProduct(f, g, length), convolution.multiply(f, length, g, length / 2 + 1));
        assertArrayEquals(cyclicProduct(g, f, length), convolution.multiply(g, length / 2 + 1, f, length),
                "an instance can be used again");
    }

    @Test
    void wrapsAroundTheLength() {
        TernaryFftConvolution convolution = new TernaryFftConvolution(300, 2);
        long n = convolution.length();
        long[] top = new long[(int) ((n + 63) >>> 6)];
        top[(int) ((n - 1) >>> 6)] = 1L << (n - 1);
        long[] product = convolution.multiply(top, n, top, n);
        long[] expected = new long[top.length];
        long t = n - 2;
        expected[(int) (t >>> 6)] = 1L << t;
        assertArrayEquals(expected, product, "z^(N-1) · z^(N-1) = z^(N-2) mod z^N - 1");
    }

    @Test
    void theCheapestShapeForAMegabitKeyIsSevenLevels() {
        TernaryFftConvolution convolution = TernaryFftConvolution.atLeast(1_499_999);
        assertEquals(2187L * 686, convolution.length());
    }

    @Test
    void refusesShapesThatDoNotExist() {
        assertThrows(IllegalArgumentException.class, () -> new TernaryFftConvolution(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new TernaryFftConvolution(100, 0));
        assertThrows(IllegalArgumentException.class, () -> new TernaryFftConvolution(100, 20));
    }
}
