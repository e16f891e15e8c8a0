package org.qnetem.qkd.protocol;

import java.util.LinkedHashMap;
import java.util.Map;
import org.qnetem.physics.model.DecoyCounts;
import org.qnetem.physics.model.DecoyIntensities;
import org.qnetem.physics.model.FiniteKeyBound;
import org.qnetem.physics.model.LimFiniteKey;
import org.qnetem.physics.model.PerIntensity;
import org.qnetem.physics.source.WeakCoherentSource;

/**
 * Lim et al. (2014) eq. (1) on a block's observed counts: key from the X basis, phase errors bounded
 * from the Z basis, with the bits Cascade actually disclosed as λ_EC.
 */
public final class DecoyBb84SecureLength implements SecureLength {

    private static final int CLASSES = 3;
    private static final double LN2 = Math.log(2);

    private final DecoyIntensities intensities;
    private final LimFiniteKey bound;

    public DecoyBb84SecureLength(WeakCoherentSource source, PostProcessingSettings settings) {
        if (source.classCount() != CLASSES) {
            throw new IllegalArgumentException("decoy-state BB84 needs " + CLASSES
                    + " intensities (signal, decoy, vacuum), the source has " + source.classCount());
        }
        this.intensities = new DecoyIntensities(
                new PerIntensity(source.intensity(0), source.intensity(1), source.intensity(2)),
                new PerIntensity(source.probability(0), source.probability(1), source.probability(2)));
        this.bound = new LimFiniteKey(settings.epsilonSecrecy(), settings.epsilonCorrectness());
    }

    @Override
    public int classes() {
        return CLASSES;
    }

    /** The same bound on counts that need not be whole, such as a block's expected counts. */
    public FiniteKeyBound bound(DecoyCounts counts, double leakedBits) {
        return bound.secretKeyLength(intensities, counts, leakedBits);
    }

    @Override
    public SecretLength evaluate(BlockCounts counts, long leakedBits) {
        FiniteKeyBound terms = bound(
                DecoyCounts.observed(counts.keyDetections(), counts.testDetections(), counts.testErrors()), leakedBits);
        Map<String, Double> named = new LinkedHashMap<>();
        named.put("s_x0", terms.vacuumEventsX());
        named.put("s_x1", terms.singlePhotonEventsX());
        named.put("s_z1", terms.singlePhotonEventsZ());
        named.put("v_z1", terms.singlePhotonErrorsZ());
        named.put("phi_x", terms.phaseErrorRate());
        named.put("leaked_ec", (double) leakedBits);
        named.put("secrecy_cost", 6 * Math.log(21 / bound.epsilonSecrecy()) / LN2);
        named.put("correctness_cost", Math.log(2 / bound.epsilonCorrectness()) / LN2);
        return new SecretLength(terms.secretKeyLength(), terms.lengthBound(), named);
    }
}
