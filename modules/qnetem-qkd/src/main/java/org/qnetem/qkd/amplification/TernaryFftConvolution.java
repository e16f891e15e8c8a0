package org.qnetem.qkd.amplification;

/**
 * Cyclic convolution of GF(2) polynomials, f·g mod (z^N − 1), by Schönhage's ternary FFT
 * (A. Schönhage, "Schnelle Multiplikation von Polynomen über Körpern der Charakteristik 2",
 * Acta Informatica 7, 1977). Exact: every step is GF(2) arithmetic, nothing is rounded.
 *
 * <p><b>The ring.</b> R = GF(2)[x]/(x^2L + x^L + 1). Because x^3L − 1 = (x^L − 1)(x^2L + x^L + 1),
 * x^3L = 1 in R and ρ = x^L satisfies 1 + ρ + ρ² = 0, a principal cube root of unity. With L a
 * multiple of 3^(k−1), ω = x^(3L / 3^k) is a principal 3^k-th root of unity, so R carries an FFT of
 * length P = 3^k whose twiddle factors are powers of x: multiplying by one is a rotation of bits, not
 * a multiplication. P is odd, so 1/P = 1 in characteristic 2 and the inverse needs no scaling. (A
 * radix-2 FFT cannot exist here: it divides by 2, which is 0.)
 *
 * <p><b>The pieces.</b> f and g are cut into P pieces of K ≤ L bits, f = Σ f_i z^(iK). Then
 * f·g mod (z^(PK) − 1) = Σ_m c_m z^(mK) with c_m = Σ_{i+j ≡ m mod P} f_i g_j, a cyclic convolution of
 * length P whose entries have degree below 2K − 1 ≤ 2L − 1, hence are exact in R. Two forward
 * transforms, P products in R, one inverse transform, and adding each c_m in at bit mK (mod N = PK)
 * give the result.
 *
 * <p><b>Representation.</b> Transform elements are 3L-bit polynomials modulo x^3L − 1 (a multiple of
 * x^2L + x^L + 1), where multiplying by x^r is a cyclic rotation; they are reduced into R only for the
 * pointwise products and at the end. Identities that hold only in R, such as ρ² = ρ + 1, are used
 * freely, because reducing into R is a ring homomorphism.
 *
 * <p><b>Cost.</b> Three transforms of k layers over P elements of 3L bits, O(N log N) word operations,
 * plus P products of 2L-bit polynomials by {@link Gf2Multiplier}. This is one level of Schönhage's
 * recursion: his algorithm multiplies the pointwise products by the same FFT, for O(N log N log log N)
 * in all; here Karatsuba does them, which with L ≈ √(N/3) costs O(N · L^0.585) = O(N^1.29). At
 * n = 10^6 the products are 23 words, too small for a second level of transforms to pay; towards
 * n = 10^8 it would. The level count k sets the balance (L must
 * be a multiple of 3^(k−1), so the ring grows when k overshoots); {@link #atLeast} minimises an
 * estimate whose two weights make it pick the measured-fastest k at N = 1.5 × 10^6 and 1.5 × 10^7
 * (k = 7 for both) and come within 20% of the fastest at 1.5 × 10^5. For N ≈ 1.5 × 10^6, L = 729: the
 * pointwise products of 23-word polynomials take about two thirds of the time, the transforms the
 * rest. Because L grows as √N, the pointwise share and the time per bit grow with N.
 *
 * <p>Not thread-safe: an instance owns its scratch space.
 */
final class TernaryFftConvolution {

    /** Estimated relative cost of one word of one transform layer, over all three transforms. */
    private static final double TRANSFORM_WORD_COST = 30;
    /** Estimated relative cost of one word-by-word step of a comb product. */
    private static final double PRODUCT_WORD_COST = 16;
    private static final int MAX_LEVELS = 19;

    private final int points;
    private final int pieceBits;
    private final int half;
    private final int ringBits;
    private final int ringWords;
    private final int reducedWords;
    private final long length;
    private final Gf2Multiplier multiplier;
    private final long[] sum;
    private final long[] rho;
    private final long[] first;
    private final long[] second;
    private final long[] product;

    /** Convolution of length at least {@code minimumLength} with {@code levels} = k, P = 3^k. */
    TernaryFftConvolution(long minimumLength, int levels) {
        Shape shape = Shape.of(minimumLength, levels);
        if (shape == null) {
            throw new IllegalArgumentException("no ternary FFT of " + levels + " levels for length " + minimumLength);
        }
        points = shape.points;
        pieceBits = shape.pieceBits;
        half = shape.half;
        ringBits = 3 * half;
        ringWords = words(ringBits);
        reducedWords = words(2L * half);
        length = (long) points * pieceBits;
        multiplier = new Gf2Multiplier(reducedWords);
        sum = new long[ringWords];
        rho = new long[ringWords];
        first = new long[ringWords];
        second = new long[ringWords];
        product = new long[2 * reducedWords];
    }

    /** The cheapest convolution, by the cost estimate, of length at least {@code minimumLength}. */
    static TernaryFftConvolution atLeast(long minimumLength) {
        int best = 0;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int k = 1; k <= MAX_LEVELS; k++) {
            Shape shape = Shape.of(minimumLength, k);
            if (shape != null && shape.cost() < bestCost) {
                best = k;
                bestCost = shape.cost();
            }
        }
        return new TernaryFftConvolution(minimumLength, best);
    }

    /** N: the convolution is modulo z^N − 1. */
    long length() {
        return length;
    }

    /** f·g mod (z^N − 1) as N bits; f and g have at most N bits and are zero past fBits and gBits. */
    long[] multiply(long[] f, long fBits, long[] g, long gBits) {
        long[] a = split(f, fBits);
        long[] b = split(g, gBits);
        forward(a);
        forward(b);
        for (int p = 0; p < points; p++) {
            int slot = p * ringWords;
            reduce(a, slot, first);
            reduce(b, slot, second);
            multiplier.multiply(first, 0, second, 0, product, 0);
            // The product has degree below 4L − 1; folding bits 3L.. onto 0.. (x^3L = 1) keeps it a
            // representative of the same element of R in the 3L-bit form the inverse transform takes.
            System.arraycopy(product, 0, a, slot, ringWords);
            BitBlocks.clearFrom(a, slot, ringWords, ringBits);
            BitBlocks.xorBits(product, 0, product.length, ringBits, a, slot, 0, half);
        }
        inverse(a);
        return overlap(a);
    }

    private long[] split(long[] f, long fBits) {
        long[] pieces = new long[points * ringWords];
        for (int i = 0; (long) i * pieceBits < fBits; i++) {
            long start = (long) i * pieceBits;
            BitBlocks.xorBits(f, 0, f.length, start, pieces, i * ringWords, 0, Math.min(pieceBits, fBits - start));
        }
        return pieces;
    }

    /** Decimation in frequency: natural order in, base-3 digit-reversed order out. */
    private void forward(long[] a) {
        int w = ringWords;
        for (int span = points / 3; span >= 1; span /= 3) {
            int unit = half / span;
            for (int block = 0; block < points; block += 3 * span) {
                for (int j = 0; j < span; j++) {
                    int u0 = (block + j) * w;
                    int u1 = u0 + span * w;
                    int u2 = u1 + span * w;
                    BitBlocks.xor(a, u1, a, u2, sum, 0, w);
                    BitBlocks.rotate(sum, 0, rho, 0, ringBits, w, half);
                    // u0 + ρu1 + ρ²u2 = u0 + u2 + ρ(u1 + u2) and u0 + ρ²u1 + ρu2 = u0 + u1 + ρ(u1 + u2) in R.
                    for (int i = 0; i < w; i++) {
                        long x0 = a[u0 + i];
                        long r = rho[i];
                        first[i] = x0 ^ a[u2 + i] ^ r;
                        second[i] = x0 ^ a[u1 + i] ^ r;
                        a[u0 + i] = x0 ^ sum[i];
                    }
                    BitBlocks.rotate(first, 0, a, u1, ringBits, w, j * unit);
                    BitBlocks.rotate(second, 0, a, u2, ringBits, w, 2 * j * unit);
                }
            }
        }
    }

    /** Undoes {@link #forward} layer by layer, last layer first; the inverse of a 3-point DFT is the DFT at ρ². */
    private void inverse(long[] a) {
        int w = ringWords;
        for (int span = 1; span < points; span *= 3) {
            int unit = half / span;
            for (int block = 0; block < points; block += 3 * span) {
                for (int j = 0; j < span; j++) {
                    int u0 = (block + j) * w;
                    int u1 = u0 + span * w;
                    int u2 = u1 + span * w;
                    BitBlocks.rotate(a, u1, first, 0, ringBits, w, (ringBits - j * unit) % ringBits);
                    BitBlocks.rotate(a, u2, second, 0, ringBits, w, (ringBits - 2 * j * unit) % ringBits);
                    BitBlocks.xor(first, 0, second, 0, sum, 0, w);
                    BitBlocks.rotate(sum, 0, rho, 0, ringBits, w, half);
                    for (int i = 0; i < w; i++) {
                        long v0 = a[u0 + i];
                        long r = rho[i];
                        a[u1 + i] = v0 ^ first[i] ^ r;
                        a[u2 + i] = v0 ^ second[i] ^ r;
                        a[u0 + i] = v0 ^ sum[i];
                    }
                }
            }
        }
    }

    /** out = the element at slot reduced into R: 2L bits, using x^2L = x^L + 1. */
    private void reduce(long[] a, int slot, long[] out) {
        System.arraycopy(a, slot, out, 0, reducedWords);
        BitBlocks.clearFrom(out, 0, reducedWords, 2L * half);
        BitBlocks.xorBits(a, slot, ringWords, 2L * half, out, 0, 0, half);
        BitBlocks.xorBits(a, slot, ringWords, 2L * half, out, 0, half, half);
    }

    private long[] overlap(long[] a) {
        long[] result = new long[words(length)];
        long count = 2L * pieceBits - 1;
        for (int m = 0; m < points; m++) {
            reduce(a, m * ringWords, first);
            long start = (long) m * pieceBits;
            long straight = Math.min(count, length - start);
            BitBlocks.xorBits(first, 0, reducedWords, 0, result, 0, start, straight);
            BitBlocks.xorBits(first, 0, reducedWords, straight, result, 0, 0, count - straight);
        }
        return result;
    }

    private static int words(long bits) {
        return (int) ((bits + 63) >>> 6);
    }

    /** P = 3^k pieces of K bits in a ring of L = the smallest multiple of 3^(k−1) ≥ K; null if too big. */
    private record Shape(int points, int pieceBits, int half) {

        static Shape of(long minimumLength, int levels) {
            if (minimumLength < 1 || levels < 1 || levels > MAX_LEVELS) {
                return null;
            }
            long points = 1;
            for (int i = 0; i < levels; i++) {
                points *= 3;
            }
            long unit = points / 3;
            long pieceBits = (minimumLength + points - 1) / points;
            long half = (pieceBits + unit - 1) / unit * unit;
            if (3 * half > Integer.MAX_VALUE || points * words(3 * half) > Integer.MAX_VALUE) {
                return null;
            }
            return new Shape((int) points, (int) pieceBits, (int) half);
        }

        double cost() {
            double transform = TRANSFORM_WORD_COST * Math.log(points) / Math.log(3) * words(3L * half);
            return points * (transform + productCost(words(2L * half)));
        }

        private static double productCost(int n) {
            if (n <= Gf2Multiplier.COMB_LIMIT) {
                return PRODUCT_WORD_COST * n * n;
            }
            return 3 * productCost((n + 1) / 2);
        }
    }
}
