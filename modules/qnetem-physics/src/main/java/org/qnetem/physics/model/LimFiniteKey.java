package org.qnetem.physics.model;

/**
 * Secret-key length of a block of three-intensity decoy BB84 with finite statistics (Lim, Curty,
 * Walenta, Xu, Zbinden, PRA 89, 022307 (2014); REFERENCE §4.3), from the counts the block observed and
 * the bits error correction actually leaked:
 * <pre>
 *   ℓ = ⌊ s_{X,0} + s_{X,1} − s_{X,1} h(φ_X) − λ_EC − 6 log₂(21/ε_sec) − log₂(2/ε_cor) ⌋
 * </pre>
 * The protocol is ε_cor-correct and ε_sec-secret. Bounds that come out negative are replaced by 0,
 * the trivial bound, before they feed the next one.
 */
public final class LimFiniteKey {

    private static final double LN2 = Math.log(2);

    private final double epsilonSecrecy;
    private final double epsilonCorrectness;

    public LimFiniteKey(double epsilonSecrecy, double epsilonCorrectness) {
        if (!(epsilonSecrecy > 0 && epsilonSecrecy < 1) || !(epsilonCorrectness > 0 && epsilonCorrectness < 1)) {
            throw new IllegalArgumentException("security parameters must be in (0, 1), got eps_sec "
                    + epsilonSecrecy + ", eps_cor " + epsilonCorrectness);
        }
        this.epsilonSecrecy = epsilonSecrecy;
        this.epsilonCorrectness = epsilonCorrectness;
    }

    /** The evaluation set of Lim et al.'s figures as REFERENCE §4.3 tabulates it: ε_sec = 1e-10, ε_cor = 1e-15. */
    public static LimFiniteKey referenceSecurity() {
        return new LimFiniteKey(1e-10, 1e-15);
    }

    public double epsilonSecrecy() {
        return epsilonSecrecy;
    }

    public double epsilonCorrectness() {
        return epsilonCorrectness;
    }

    /**
     * @param leakedBits λ_EC: bits revealed by error correction (in a real run, the bits actually sent)
     */
    public FiniteKeyBound secretKeyLength(DecoyIntensities settings, DecoyCounts counts, double leakedBits) {
        if (!(leakedBits >= 0) || Double.isInfinite(leakedBits)) {
            throw new IllegalArgumentException("leaked bits must be >= 0, got " + leakedBits);
        }
        double tau0 = settings.photonNumberProbability(0);
        double tau1 = settings.photonNumberProbability(1);
        double vacuumX = vacuumEvents(settings, counts.xDetections(), tau0);
        double singleX = singlePhotonEvents(settings, counts.xDetections(), vacuumX, tau0, tau1);
        double vacuumZ = vacuumEvents(settings, counts.zDetections(), tau0);
        double singleZ = singlePhotonEvents(settings, counts.zDetections(), vacuumZ, tau0, tau1);
        double errorsZ = singlePhotonErrors(settings, counts.zErrors(), tau1);
        double phaseErrorRate = phaseErrorRate(errorsZ, singleZ, singleX);
        double lengthBound = vacuumX + singleX * (1 - BinaryEntropy.of(phaseErrorRate)) - leakedBits
                - 6 * log2(21 / epsilonSecrecy) - log2(2 / epsilonCorrectness);
        long length = lengthBound > 0 ? (long) Math.floor(lengthBound) : 0;
        return new FiniteKeyBound(vacuumX, singleX, singleZ, errorsZ, phaseErrorRate, lengthBound, length);
    }

    /** Eq. (2): s_0 ≥ τ_0 (μ_2 n⁻_{μ3} − μ_3 n⁺_{μ2}) / (μ_2 − μ_3). */
    private double vacuumEvents(DecoyIntensities settings, PerIntensity detections, double tau0) {
        PerIntensity mu = settings.intensities();
        double lower3 = corrected(settings, detections, -1).k3();
        double upper2 = corrected(settings, detections, +1).k2();
        return Math.max(0, tau0 * (mu.k2() * lower3 - mu.k3() * upper2) / (mu.k2() - mu.k3()));
    }

    /** Eq. (3): the single-photon events, from n⁻_{μ2}, n⁺_{μ3}, n⁺_{μ1} and s_0. */
    private double singlePhotonEvents(DecoyIntensities settings, PerIntensity detections, double vacuum,
                                      double tau0, double tau1) {
        PerIntensity mu = settings.intensities();
        Corrected lower = corrected(settings, detections, -1);
        Corrected upper = corrected(settings, detections, +1);
        double mu1 = mu.k1();
        double mu2 = mu.k2();
        double mu3 = mu.k3();
        // μ_2² − μ_3² and μ_1(μ_2 − μ_3) − μ_2² + μ_3², factored: written out, the squares cancel
        // catastrophically when μ_2 ≈ μ_3, and the sign of a near-zero denominator could flip.
        double squares = (mu2 - mu3) * (mu2 + mu3);
        double numerator = lower.k2() - upper.k3() - squares / (mu1 * mu1) * (upper.k1() - vacuum / tau0);
        double denominator = (mu2 - mu3) * (mu1 - mu2 - mu3);
        return Math.max(0, tau1 * mu1 * numerator / denominator);
    }

    /** Eq. (4): v_{Z,1} ≤ τ_1 (m⁺_{Z,μ2} − m⁻_{Z,μ3}) / (μ_2 − μ_3). */
    private double singlePhotonErrors(DecoyIntensities settings, PerIntensity errors, double tau1) {
        PerIntensity mu = settings.intensities();
        double upper2 = corrected(settings, errors, +1).k2();
        double lower3 = corrected(settings, errors, -1).k3();
        return Math.max(0, tau1 * (upper2 - lower3) / (mu.k2() - mu.k3()));
    }

    /**
     * Eq. (5): φ_X ≤ v_{Z,1}/s_{Z,1} + γ(ε_sec, v_{Z,1}/s_{Z,1}, s_{Z,1}, s_{X,1}). Without single photons
     * in either basis nothing bounds the phase errors, so φ_X = ½; with no single-photon errors γ
     * tends to 0 (b log(1/b) → 0), so φ_X = 0.
     */
    private double phaseErrorRate(double errorsZ, double singleZ, double singleX) {
        if (!(singleZ > 0 && singleX > 0)) {
            return 0.5;
        }
        double b = errorsZ / singleZ;
        if (b >= 0.5) {
            return 0.5;
        }
        if (b <= 0) {
            return 0;
        }
        double c = singleZ;
        double d = singleX;
        double logArgument = (c + d) / (c * d * (1 - b) * b) * 21 * 21 / (epsilonSecrecy * epsilonSecrecy);
        double gamma = Math.sqrt(Math.max(0, (c + d) * (1 - b) * b / (c * d * LN2) * log2(logArgument)));
        return Math.min(0.5, b + gamma);
    }

    /**
     * n^±_k = (e^{μ_k} / p_k) [ n_k ± √((n/2) ln(21/ε_sec)) ], n the total over intensities: Hoeffding's
     * correction from the counts seen to the counts expected per photon-number mixture.
     */
    private Corrected corrected(DecoyIntensities settings, PerIntensity counts, int sign) {
        double deviation = sign * Math.sqrt(counts.total() / 2 * Math.log(21 / epsilonSecrecy));
        PerIntensity mu = settings.intensities();
        PerIntensity p = settings.probabilities();
        return new Corrected(Math.exp(mu.k1()) / p.k1() * (counts.k1() + deviation),
                Math.exp(mu.k2()) / p.k2() * (counts.k2() + deviation),
                Math.exp(mu.k3()) / p.k3() * (counts.k3() + deviation));
    }

    /** n^± per intensity; unlike counts these may be negative. */
    private record Corrected(double k1, double k2, double k3) {
    }

    private static double log2(double x) {
        return Math.log(x) / LN2;
    }
}
