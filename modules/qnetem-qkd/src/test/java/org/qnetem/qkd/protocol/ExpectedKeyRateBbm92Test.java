package org.qnetem.qkd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qnetem.physics.batch.Bbm92Arm;
import org.qnetem.physics.batch.Bbm92Expectation;
import org.qnetem.physics.channel.FibreChannel;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.detector.ThresholdDetector;
import org.qnetem.physics.model.BinaryEntropy;
import org.qnetem.physics.source.ContinuousPairSource;

class ExpectedKeyRateBbm92Test {

    /** Bbm92InMemoryLink.continuousReference(0.98, 0, blocks of 10^5): REFERENCE §4.5b, active receivers at q = ½. */
    private static final ContinuousPairSource SOURCE = new ContinuousPairSource(1e7, 500, 100, 0.98);
    private static final Receiver RECEIVER = new Receiver(0.5, ThresholdDetector.gated(0.8, 50 * 500e-12), 0, 0.5);
    private static final PostProcessingSettings SETTINGS = PostProcessingSettings.defaults().withKeyBlockBits(100_000);

    private static Bbm92Arm arm(double km, double basisBiasX) {
        return new Bbm92Arm(FibreChannel.smf28(km, 0.2, 0), new Receiver(RECEIVER.opticsEfficiency(),
                RECEIVER.detector(), 0, basisBiasX), Bbm92Arm.BasisChoice.ACTIVE);
    }

    @Test
    void putsTheExpectedBlockThroughTomamichelsBound() {
        Bbm92Arm arm = arm(0, 0.5);
        Bbm92Expectation link = Bbm92Expectation.of(SOURCE, arm, arm, 0);
        ExpectedKeyRate expected = ExpectedKeyRate.bbm92(SOURCE, arm, arm, SETTINGS, 1.06);

        double q = link.qber();
        long n = 100_000;
        // Both bases at ½: as many test bits as key bits.
        BlockCounts counts = new BlockCounts(new long[] {n}, new long[] {n}, new long[] {Math.round(n * q)});
        long secret = new Bbm92SecureLength(SETTINGS).evaluate(counts, (long) Math.ceil(1.06 * n * BinaryEntropy.of(q)))
                .length();
        assertEquals(q, expected.qber());
        assertEquals(secret, expected.secretBitsPerBlock());
        assertEquals(2 * n / link.matchedBasisProbability(), expected.pulsesPerBlock(), 1e-6 * expected.pulsesPerBlock());
        assertEquals(secret * link.siftedRateBps() / (2 * n), expected.secretKeyRateBps(),
                1e-9 * expected.secretKeyRateBps());
        // Bbm92ProtocolTest measures 68,642 secret bits a block on average with Cascade's own f_EC (about 1.07).
        assertEquals(68_642, expected.secretBitsPerBlock(), 0.02 * 68_642);
    }

    @Test
    void biasedBasesMakeMoreOfTheSiftedBitsKey() {
        ExpectedKeyRate balanced = ExpectedKeyRate.bbm92(SOURCE, arm(5, 0.5), arm(5, 0.5), SETTINGS, 1.06);
        ExpectedKeyRate biased = ExpectedKeyRate.bbm92(SOURCE, arm(5, 0.8), arm(5, 0.8), SETTINGS, 1.06);
        // X share 0.64 / (0.64 + 0.04) against ½ of the sifted bits; fewer test bits cost a little key per block.
        assertTrue(biased.pulsesPerBlock() < 0.56 * balanced.pulsesPerBlock(), biased + " vs " + balanced);
        assertTrue(biased.secretKeyRateBps() > 1.5 * balanced.secretKeyRateBps(), biased + " vs " + balanced);
    }
}
