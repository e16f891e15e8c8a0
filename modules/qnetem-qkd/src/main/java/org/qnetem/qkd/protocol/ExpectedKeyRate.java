package org.qnetem.qkd.protocol;

import org.qnetem.physics.batch.Bbm92Arm;
import org.qnetem.physics.batch.Bbm92Expectation;
import org.qnetem.physics.model.Bb84Expectation;
import org.qnetem.physics.model.BinaryEntropy;
import org.qnetem.physics.model.DecoyCounts;
import org.qnetem.physics.model.PerIntensity;
import org.qnetem.physics.source.SourceDescriptor;
import org.qnetem.physics.source.WeakCoherentSource;

/**
 * What a decoy-BB84 or BBM92 link should yield per key block on average: the block's expected counts from the
 * detection model the sampler draws from, put through the same finite-key formula as a real block,
 * with error correction leaking {@code f_EC} times the Shannon limit.
 *
 * @param pulsesPerBlock       pulses (BBM92: pump pulses or coincidence windows) it takes to gather the block's key-basis bits
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

    /**
     * A BBM92 link with {@code source} feeding arms {@code alice} (end a) and {@code bob} (end b): of the
     * matched-basis coincidences (the sifted bits, {@link Bbm92Expectation}), the share where both
     * receivers chose X, q_a q_b / (q_a q_b + (1 − q_a)(1 − q_b)), is key and the rest test; a block of
     * {@code keyBlockBits} key bits, its test bits and their expected errors at the sifted QBER (the
     * model's errors do not depend on the basis) go through {@link Bbm92SecureLength}.
     */
    public static ExpectedKeyRate bbm92(SourceDescriptor source, Bbm92Arm alice, Bbm92Arm bob,
                                        PostProcessingSettings settings, double errorCorrectionEfficiency) {
        Bbm92Expectation link = Bbm92Expectation.of(source, alice, bob, 0);
        double qa = alice.receiver().basisBiasX();
        double qb = bob.receiver().basisBiasX();
        double bothX = qa * qb;
        double keyShare = bothX / (bothX + (1 - qa) * (1 - qb));
        double qber = link.qber();
        long keyBits = settings.keyBlockBits();
        double pulses = keyBits / (link.matchedBasisProbability() * keyShare);
        long testBits = Math.round(keyBits * (1 - keyShare) / keyShare);
        long testErrors = Math.round(testBits * qber);
        double leaked = errorCorrectionEfficiency * keyBits * BinaryEntropy.of(qber);
        BlockCounts counts = new BlockCounts(new long[] {keyBits}, new long[] {testBits}, new long[] {testErrors});
        long secret = new Bbm92SecureLength(settings).evaluate(counts, (long) Math.ceil(leaked)).length();
        return new ExpectedKeyRate(pulses, qber, leaked, secret, secret * source.clockHz() / pulses);
    }

    private static PerIntensity scaled(double[] perPulse, double pulses) {
        return new PerIntensity(perPulse[0] * pulses, perPulse[1] * pulses, perPulse[2] * pulses);
    }
}
