package org.qnetem.qkd.protocol;

import org.qnetem.physics.model.Bb84Expectation;
import org.qnetem.physics.model.BinaryEntropy;
import org.qnetem.physics.model.DecoyCounts;
import org.qnetem.physics.model.PerIntensity;
import org.qnetem.physics.source.WeakCoherentSource;

/**
 * What a decoy-BB84 link should yield per key block on average: the block's expected counts from the
 * detection model the sampler draws from, put through the same finite-key formula as a real block,
 * with error correction leaking {@code f_EC} times the Shannon limit.
 *
 * @param pulsesPerBlock       pulses it takes to gather the block's key-basis bits
 * @param qber                 expected error rate of sifted bits (the same in both bases)
 * @param secretBitsPerBlock   ℓ of the expected counts
 * @param secretKeyRateBps     ℓ over the block's duration at the source's clock rate
 */
public record ExpectedKeyRate(double pulsesPerBlock, double qber, double leakedBits, long secretBitsPerBlock,
                              double secretKeyRateBps) {

    /**
     * Cascade's f_EC on 10^6-bit blocks at QBER 0.5–2 % with its default settings, from the table in
     * docs/error-correction.md (1.04–1.06; 1.09 at 5–8 %).
     */
    public static final double CASCADE_EFFICIENCY = 1.06;

    public static ExpectedKeyRate decoyBb84(WeakCoherentSource source, Bb84Expectation link,
                                            PostProcessingSettings settings, double errorCorrectionEfficiency) {
        DecoyBb84SecureLength formula = new DecoyBb84SecureLength(source, settings);
        double bothX = source.basisBiasX() * link.kinds().optics().receiver().basisBiasX();
        double keyShare = bothX / link.basisMatchProbability();
        double testShare = 1 - keyShare;
        double[] sifted = new double[3];
        double[] errors = new double[3];
        double keyPerPulse = 0;
        for (int k = 0; k < 3; k++) {
            sifted[k] = source.probability(k) * link.siftedProbability(k);
            errors[k] = sifted[k] * link.qber(k);
            keyPerPulse += sifted[k] * keyShare;
        }
        double pulses = settings.keyBlockBits() / keyPerPulse;
        DecoyCounts counts = new DecoyCounts(scaled(sifted, pulses * keyShare), scaled(sifted, pulses * testShare),
                scaled(errors, pulses * testShare));
        double qber = link.qber();
        double leaked = errorCorrectionEfficiency * settings.keyBlockBits() * BinaryEntropy.of(qber);
        long secret = formula.bound(counts, leaked).secretKeyLength();
        return new ExpectedKeyRate(pulses, qber, leaked, secret, secret * source.clockHz() / pulses);
    }

    private static PerIntensity scaled(double[] perPulse, double pulses) {
        return new PerIntensity(perPulse[0] * pulses, perPulse[1] * pulses, perPulse[2] * pulses);
    }
}
