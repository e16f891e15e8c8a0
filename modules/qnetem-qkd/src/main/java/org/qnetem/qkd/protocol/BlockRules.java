package org.qnetem.qkd.protocol;

import java.util.Locale;
import java.util.Optional;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.physics.model.BinaryEntropy;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.qkd.amplification.ToeplitzHash;
import org.qnetem.qkd.message.ClassicalMessage;
import org.qnetem.qkd.reconciliation.ReconciliationResult;

/** The rules both ends apply to a block in the same way, so that they reach the same decisions. */
final class BlockRules {

    /** Purpose of the public stream that expands the announced Toeplitz seed into the matrix. */
    static final String TOEPLITZ_PURPOSE = "toeplitz-matrix";

    private BlockRules() {
    }

    /**
     * Why parameter estimation must abort the block, if it must: no test bits, a QBER past the
     * threshold, or a finite-key bound that leaves no key even if error correction leaked only the
     * Shannon limit n_X h(QBER).
     */
    static Optional<String> estimationAbortReason(BlockCounts counts, PostProcessingSettings settings,
                                                  SecureLength secureLength) {
        if (counts.testBits() == 0) {
            return Optional.of("no test-basis bits to estimate the QBER from");
        }
        double qber = counts.testQber();
        if (qber > settings.qberAbortThreshold()) {
            return Optional.of(String.format(Locale.ROOT, "test-basis QBER %.3f %% exceeds the abort threshold %.3f %%",
                    100 * qber, 100 * settings.qberAbortThreshold()));
        }
        long shannonLeak = (long) Math.ceil(counts.keyBits() * BinaryEntropy.of(qber));
        SecretLength best = secureLength.evaluate(counts, shannonLeak);
        if (best.length() == 0) {
            return Optional.of(String.format(Locale.ROOT, "the finite-key bound leaves no key even at the Shannon "
                    + "limit of error correction (bound %.0f bits from %d key-basis bits)", best.lengthBound(),
                    counts.keyBits()));
        }
        return Optional.empty();
    }

    /**
     * Privacy amplification: the ℓ × n Toeplitz matrix is expanded from the 64-bit seed Alice announced
     * by the public counter-based stream (seed, link, purpose, block), so the announcement stays short
     * while both ends build the same matrix.
     */
    static PackedBits amplify(String linkId, long blockId, long announcedSeed, PackedBits key, long secretLength) {
        int length = Math.toIntExact(secretLength);
        RandomStream matrix = new RandomStream(new StreamKey(announcedSeed, linkId, TOEPLITZ_PURPOSE, blockId));
        return new ToeplitzHash(ToeplitzHash.randomSeed(matrix, key.length(), length), key.length(), length).hash(key);
    }

    /** A message that belongs to another stage of its block is one the protocol cannot have produced. */
    static void requireStage(BlockStage stage, BlockStage expected, ClassicalMessage message) {
        if (stage != expected) {
            throw new IllegalStateException(message.getClass().getSimpleName() + " during " + stage
                    + ", expected only during " + expected);
        }
    }

    /** f_EC of a reconciled block; NaN when there were no errors to correct, where h(0) = 0. */
    static double efficiency(ReconciliationResult reconciled, double keyQber) {
        return keyQber > 0 ? reconciled.efficiency(keyQber) : Double.NaN;
    }

    /** Bits [from, from + length) of {@code bits}. */
    static PackedBits slice(PackedBits bits, long from, long length) {
        if (from < 0 || length < 0 || from + length > bits.length()) {
            throw new IllegalArgumentException("slice [" + from + ", " + (from + length) + ") of " + bits.length()
                    + " bits");
        }
        if (from == 0 && length == bits.length()) {
            // PackedBits is immutable: a block with no authentication refill delivers its whole secret key,
            // and copying 10^6 bits per block was a tenth of a statistical national network's time.
            return bits;
        }
        long[] source = bits.toWords();
        long[] out = new long[PackedBits.wordsFor(Math.toIntExact(length))];
        int shift = (int) (from & 63);
        int first = (int) (from >>> 6);
        for (int w = 0; w < out.length; w++) {
            long low = source[first + w] >>> shift;
            long high = shift == 0 || first + w + 1 >= source.length ? 0 : source[first + w + 1] << (64 - shift);
            out[w] = low | high;
        }
        return PackedBits.of(out, Math.toIntExact(length));
    }
}
