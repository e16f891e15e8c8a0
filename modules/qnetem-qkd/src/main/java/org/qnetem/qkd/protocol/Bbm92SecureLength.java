package org.qnetem.qkd.protocol;

import java.util.LinkedHashMap;
import java.util.Map;
import org.qnetem.physics.model.TomamichelFiniteKey;

/**
 * Tomamichel et al. (2012) on a BBM92 block's observed counts (REFERENCE §4.4): n key-basis (X) bits,
 * k test-basis (Z) bits, the test errors' rate as Q_tol, and the bits Cascade actually disclosed as
 * leak_EC. A pair source has no intensities, so the counts have one class.
 */
public final class Bbm92SecureLength implements SecureLength {

    private static final int CLASSES = 1;

    private final TomamichelFiniteKey bound;

    public Bbm92SecureLength(PostProcessingSettings settings) {
        this.bound = new TomamichelFiniteKey(settings.epsilonSecrecy(), settings.epsilonCorrectness());
    }

    @Override
    public int classes() {
        return CLASSES;
    }

    /**
     * ℓ and its terms: {@code n}, {@code k}, {@code q_tol} (test errors over k), {@code mu} (the
     * statistical deviation), {@code leaked_ec} and {@code security_cost} = log₂(2/(ε_sec² ε_cor)).
     */
    @Override
    public SecretLength evaluate(BlockCounts counts, long leakedBits) {
        if (counts.classes() != CLASSES) {
            throw new IllegalArgumentException("BBM92 counts have one class, got " + counts.classes());
        }
        TomamichelFiniteKey.Bound terms = bound.secretKeyLength(counts.keyBits(), counts.testBits(),
                counts.testErrorCount(), leakedBits);
        Map<String, Double> named = new LinkedHashMap<>();
        named.put("n", (double) counts.keyBits());
        named.put("k", (double) counts.testBits());
        named.put("q_tol", terms.toleratedErrorRate());
        named.put("mu", terms.statisticalDeviation());
        named.put("leaked_ec", (double) leakedBits);
        named.put("security_cost", terms.securityCost());
        return new SecretLength(terms.secretKeyLength(), terms.lengthBound(), named);
    }
}
