package org.qnetem.physics.model;

/**
 * Asymptotic key rate of BBM92 with a pulsed SPDC source of thermal pair statistics (Ma, Fung, Lo,
 * PRA 76, 012307 (2007); REFERENCE §4.5a), per pulse. With λ half the mean pair number, η_A, η_B the
 * transmittances to each side (detectors included) and Y_0A, Y_0B the background yields:
 * <pre>
 *   S = 1 + η_A λ + η_B λ − η_A η_B λ
 *   Q_λ = 1 − (1 − Y_0A)/(1 + η_A λ)² − (1 − Y_0B)/(1 + η_B λ)² + (1 − Y_0A)(1 − Y_0B)/S²
 *   E_λ Q_λ = e_0 Q_λ − 2 (e_0 − e_d) η_A η_B λ (1 + λ) / [(1 + η_A λ)(1 + η_B λ) S]
 *   R = q Q_λ [1 − f h(E_λ) − h(E_λ)]
 * </pre>
 * REFERENCE tags the formula [M], from memory; it behaves as it must (E → e_d as λ → 0).
 */
public final class Bbm92Pulsed {

    /** Where the optimal mean pair number is searched; multi-pair errors dominate well below 1. */
    private static final double MIN_PAIRS = 1e-5;
    private static final double MAX_PAIRS = 2;

    private final double errorCorrectionEfficiency;
    private final double siftFactor;

    public Bbm92Pulsed(double errorCorrectionEfficiency, double siftFactor) {
        this.errorCorrectionEfficiency = KeyRateFactors.errorCorrectionEfficiency(errorCorrectionEfficiency);
        this.siftFactor = KeyRateFactors.siftFactor(siftFactor);
    }

    /** Both arms of a pulsed pair source: transmittance (detector included), background yield, e_d. */
    public record PairLink(double transmittanceA, double transmittanceB, double backgroundYieldA,
                           double backgroundYieldB, double misalignment) {

        public PairLink {
            requireProbability("transmittance A", transmittanceA);
            requireProbability("transmittance B", transmittanceB);
            requireProbability("background yield A", backgroundYieldA);
            requireProbability("background yield B", backgroundYieldB);
            if (!(misalignment >= 0 && misalignment <= 0.5)) {
                throw new IllegalArgumentException("misalignment must be in [0, 0.5], got " + misalignment);
            }
        }

        /** A source halfway: each arm carries half the loss, then identical detectors. */
        public static PairLink sourceInTheMiddle(double totalLossDb, double detectionEfficiency,
                                                 double backgroundYield, double misalignment) {
            double arm = Math.pow(10, -totalLossDb / 20) * detectionEfficiency;
            return new PairLink(arm, arm, backgroundYield, backgroundYield, misalignment);
        }
    }

    /** @param meanPairNumber μ = 2λ, the mean number of pairs per pulse */
    public KeyRate rate(PairLink link, double meanPairNumber) {
        if (!(meanPairNumber > 0) || Double.isInfinite(meanPairNumber)) {
            throw new IllegalArgumentException("mean pair number must be > 0, got " + meanPairNumber);
        }
        double lambda = meanPairNumber / 2;
        double a = link.transmittanceA() * lambda;
        double b = link.transmittanceB() * lambda;
        double s = 1 + a + b - link.transmittanceA() * link.transmittanceB() * lambda;
        double noDarkA = 1 - link.backgroundYieldA();
        double noDarkB = 1 - link.backgroundYieldB();
        double gain = 1 - noDarkA / ((1 + a) * (1 + a)) - noDarkB / ((1 + b) * (1 + b))
                + noDarkA * noDarkB / (s * s);
        double correlated = 2 * (0.5 - link.misalignment()) * link.transmittanceA() * link.transmittanceB()
                * lambda * (1 + lambda) / ((1 + a) * (1 + b) * s);
        double qber = (0.5 * gain - correlated) / gain;
        double h = BinaryEntropy.of(qber);
        return new KeyRate(meanPairNumber, gain, qber, siftFactor * gain * (1 - errorCorrectionEfficiency * h - h));
    }

    private static void requireProbability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
        }
    }

    /** The rate at the mean pair number that maximises it. */
    public KeyRate rate(PairLink link) {
        return rate(link, ScalarMaximiser.argMax(mu -> rate(link, mu).bound(), MIN_PAIRS, MAX_PAIRS));
    }
}
