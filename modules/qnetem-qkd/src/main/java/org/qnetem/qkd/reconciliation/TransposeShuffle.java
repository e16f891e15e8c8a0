package org.qnetem.qkd.reconciliation;

import java.util.Arrays;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.physics.random.RandomStream;

/**
 * A pseudo-random permutation of n bit positions that costs O(n/64) word operations to apply, where a
 * Fisher–Yates shuffle of the bits would cost n random draws and n scattered writes (tens of
 * milliseconds per 10^6-bit pass, more than all of the rest of Cascade).
 *
 * <p>Read the n bits as a W x 64 matrix, one 64-bit word per row (W = ⌈n/64⌉; the last row may be
 * short). Rotate each row by its own random amount ρ(w), move row w to row σ(w) for a random row
 * permutation σ, and read the matrix out column by column: bit b of word w goes to
 * <pre>
 *   raw position = ((b + ρ(w)) mod 64) · W + σ(w)
 * </pre>
 * then the up to 63 positions that belong to the missing bits of a short last row are squeezed out.
 * Bits of one word land W positions apart, in different words; bits of different words land at
 * independent random rows and distinct random columns. Applied once per Cascade pass to the previous
 * pass's order, it leaves two bits related only if they shared a 64-bit word in that previous order,
 * and that relation is undone by the next pass. It needs at least 64 rows to mix well: with one row it
 * is a mere rotation.
 */
final class TransposeShuffle implements PassShuffle {

    private final int length;
    private final int rows;
    /** 1 / rows, to divide raw positions by a multiplication (division is the slowest step of inverse). */
    private final double inverseRows;
    /** For each input word: its row σ(w) shifted left by 6, ORed with its rotation ρ(w); one load per lookup. */
    private final int[] placement;
    private final int[] wordOfRow;
    /** Raw positions of the missing bits of the last word, ascending. */
    private final int[] holes;

    /** Draws σ (Fisher–Yates) and ρ from {@code random}, which the other end reads in the same order. */
    TransposeShuffle(int length, RandomStream random) {
        if (length < 1) {
            throw new IllegalArgumentException("a shuffle needs at least one bit, got " + length);
        }
        this.length = length;
        this.rows = PackedBits.wordsFor(length);
        this.inverseRows = 1.0 / rows;
        wordOfRow = new int[rows];
        for (int w = 0; w < rows; w++) {
            wordOfRow[w] = w;
        }
        long draw = 0;
        for (int i = rows - 1; i > 0; i--) {
            // Two 32-bit draws per 64-bit word: Philox is most of the cost of a shuffle.
            boolean highHalf = (i & 1) == (rows - 1 & 1);
            if (highHalf) {
                draw = random.nextLong();
            }
            int j = below(highHalf ? draw >>> 32 : draw & 0xFFFFFFFFL, i + 1, random);
            int swapped = wordOfRow[i];
            wordOfRow[i] = wordOfRow[j];
            wordOfRow[j] = swapped;
        }
        placement = new int[rows];
        for (int w = 0; w < rows; w++) {
            // Ten 6-bit rotations per 64-bit draw.
            if (w % 10 == 0) {
                draw = random.nextLong();
            }
            placement[w] = (int) (draw & 63);
            draw >>>= 6;
        }
        for (int r = 0; r < rows; r++) {
            placement[wordOfRow[r]] |= r << 6;
        }
        int lastWordBits = length - 64 * (rows - 1);
        holes = new int[64 - lastWordBits];
        for (int b = lastWordBits; b < 64; b++) {
            holes[b - lastWordBits] = rawPosition(rows - 1, b);
        }
        Arrays.sort(holes);
    }

    /**
     * A uniform integer in [0, bound) from the 32 random bits {@code uniform32}: Lemire's multiply-shift,
     * redrawing from {@code random} in the rare case that would favour some values.
     */
    private static int below(long uniform32, int bound, RandomStream random) {
        long product = uniform32 * bound;
        if ((product & 0xFFFFFFFFL) < bound) {
            long rejectBelow = ((1L << 32) - bound) % bound;
            while ((product & 0xFFFFFFFFL) < rejectBelow) {
                product = (random.nextLong() >>> 32) * bound;
            }
        }
        return (int) (product >>> 32);
    }

    private int rawPosition(int word, int bit) {
        int place = placement[word];
        return ((bit + place) & 63) * rows + (place >>> 6);
    }

    @Override
    public int forward(int index) {
        int raw = rawPosition(index >>> 6, index & 63);
        return raw - holesBelow(raw);
    }

    @Override
    public int inverse(int position) {
        int raw = position;
        for (int hole : holes) {
            if (hole <= raw) {
                raw++;
            } else {
                break;
            }
        }
        // The double quotient is within one of the true one; the correction makes it exact.
        int row = (int) (raw * inverseRows);
        if (row * rows > raw) {
            row--;
        } else if ((long) (row + 1) * rows <= raw) {
            row++;
        }
        int word = wordOfRow[raw - row * rows];
        int bit = (row - placement[word]) & 63;
        return word * 64 + bit;
    }

    private int holesBelow(int raw) {
        int low = 0;
        int high = holes.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (holes[mid] < raw) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /**
     * The input bits (packed, bits beyond the length clear) in shuffled order: rotate and place the rows,
     * transpose them 64 rows at a time, and write each transposed row segment to its column-major place,
     * deleting the hole bit from the one segment per row that holds it.
     */
    @Override
    public long[] apply(long[] input) {
        long[] output = new long[rows];
        long[] tile = new long[64];
        int lastColumn = placement[rows - 1] >>> 6;
        int lastRotation = placement[rows - 1] & 63;
        boolean[] holeRow = new boolean[64];
        int[] holeRowsBelow = new int[65];
        for (int b = length - 64 * (rows - 1); b < 64; b++) {
            holeRow[(b + lastRotation) & 63] = true;
        }
        for (int r = 0; r < 64; r++) {
            holeRowsBelow[r + 1] = holeRowsBelow[r] + (holeRow[r] ? 1 : 0);
        }
        for (int first = 0; first < rows; first += 64) {
            int width = Math.min(64, rows - first);
            for (int j = 0; j < width; j++) {
                int word = wordOfRow[first + j];
                tile[j] = Long.rotateLeft(input[word], placement[word]);
            }
            Arrays.fill(tile, width, 64, 0L);
            Bits.transpose64(tile);
            boolean holeInTile = lastColumn >= first && lastColumn < first + width;
            int holeBit = lastColumn - first;
            for (int r = 0; r < 64; r++) {
                int raw = r * rows + first;
                int before = holeRowsBelow[r] + (holeRow[r] && lastColumn < first ? 1 : 0);
                long segment = tile[r];
                int bits = width;
                if (holeRow[r] && holeInTile) {
                    // The hole bit is zero (the input's tail is clear); delete it by shifting the rest down.
                    long below = (1L << holeBit) - 1;
                    segment = (segment & below) | ((segment >>> 1) & ~below);
                    bits--;
                }
                if (bits > 0) {
                    Bits.orBits(output, raw - before, segment, bits);
                }
            }
        }
        return output;
    }
}
