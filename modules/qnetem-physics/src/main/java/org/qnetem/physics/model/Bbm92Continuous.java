package org.qnetem.physics.model;

/**
 * Key rate of BBM92 with a continuously pumped SPDC source, counted in coincidence windows (Neumann et
 * al., PRA 104, 022406 (2021); REFERENCE §4.5b), in bit/s:
 * <pre>
 *   S_A = B η_A + DC_A,  S_B = B η_B + DC_B        singles
 *   CC_acc = S_A S_B t_CC                            accidental coincidences
 *   CC_true = B η_A η_B erf(√(ln 2) t_CC / t_Δ)      true coincidences inside the window
 *   E = (CC_true (1 − V)/2 + CC_acc/2) / (CC_true + CC_acc)
 *   R = q (CC_true + CC_acc) [1 − f h(E) − h(E)]
 * </pre>
 * Accidentals grow as B², so each loss has an optimal brightness.
 */
public final class Bbm92Continuous {

    private static final double SQRT_LN2 = Math.sqrt(Math.log(2));

    private final double errorCorrectionEfficiency;
    private final double siftFactor;

    public Bbm92Continuous(double errorCorrectionEfficiency, double siftFactor) {
        this.errorCorrectionEfficiency = KeyRateFactors.errorCorrectionEfficiency(errorCorrectionEfficiency);
        this.siftFactor = KeyRateFactors.siftFactor(siftFactor);
    }

    /**
     * A CW pair source and its two arms: B pairs/s; each arm's efficiency η (coupling, channel and
     * detector) and dark-count rate; coincidence window t_CC; t_Δ, the FWHM of the two photons'
     * arrival-time difference (detector jitter, dispersion and coherence time together); visibility V.
     */
    public record CwPairLink(double brightnessHz, double efficiencyA, double efficiencyB, double darkCountRateAHz,
                             double darkCountRateBHz, double coincidenceWindowS, double timingSpreadS,
                             double visibility) {

        public CwPairLink {
            requirePositive("brightness", brightnessHz);
            requireFraction("efficiency A", efficiencyA);
            requireFraction("efficiency B", efficiencyB);
            requireNonNegative("dark-count rate A", darkCountRateAHz);
            requireNonNegative("dark-count rate B", darkCountRateBHz);
            requirePositive("coincidence window", coincidenceWindowS);
            requirePositive("timing spread", timingSpreadS);
            requireFraction("visibility", visibility);
        }

        /** A source halfway: each arm carries half the loss, then identical receivers. */
        public static CwPairLink sourceInTheMiddle(double brightnessHz, double totalLossDb, double armEfficiency,
                                                   double darkCountRateHz, double coincidenceWindowS,
                                                   double timingSpreadS, double visibility) {
            double arm = Math.pow(10, -totalLossDb / 20) * armEfficiency;
            return new CwPairLink(brightnessHz, arm, arm, darkCountRateHz, darkCountRateHz, coincidenceWindowS,
                    timingSpreadS, visibility);
        }
    }

    /** Coincidences per second (true, accidental, all), their QBER, and the secret key rate bound. */
    public record Rate(double trueCoincidencesHz, double accidentalCoincidencesHz, double qber, double boundBps) {

        public double coincidencesHz() {
            return trueCoincidencesHz + accidentalCoincidencesHz;
        }

        /** Secret bits per second, or 0 where the bound says there is no key. */
        public double secretBitsPerSecond() {
            return Math.max(boundBps, 0);
        }
    }

    public Rate rate(CwPairLink link) {
        double singlesA = link.brightnessHz() * link.efficiencyA() + link.darkCountRateAHz();
        double singlesB = link.brightnessHz() * link.efficiencyB() + link.darkCountRateBHz();
        double accidental = singlesA * singlesB * link.coincidenceWindowS();
        double windowCapture = Erf.of(SQRT_LN2 * link.coincidenceWindowS() / link.timingSpreadS());
        double real = link.brightnessHz() * link.efficiencyA() * link.efficiencyB() * windowCapture;
        double all = real + accidental;
        double qber = (real * (1 - link.visibility()) / 2 + accidental / 2) / all;
        double h = BinaryEntropy.of(qber);
        return new Rate(real, accidental, qber, siftFactor * all * (1 - errorCorrectionEfficiency * h - h));
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    private static void requireNonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
    }

    private static void requireFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
        }
    }
}
