package org.qnetem.qkd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class Bbm92SecureLengthTest {

    private static final Bbm92SecureLength FORMULA = new Bbm92SecureLength(PostProcessingSettings.defaults());

    private static BlockCounts counts(long keyBits, long testBits, long testErrors) {
        return new BlockCounts(new long[] {keyBits}, new long[] {testBits}, new long[] {testErrors});
    }

    /** The block TomamichelFiniteKeyTest computes by hand: n = 10⁶, k = 10⁵, 2000 errors, 160000 leaked. */
    @Test
    void namesEveryTermOfTheHandComputedBlock() {
        SecretLength length = FORMULA.evaluate(counts(1_000_000, 100_000, 2_000), 160_000);
        assertEquals(615517, length.length());
        assertEquals(615517.0270582187, length.lengthBound(), 1e-6);
        Map<String, Double> terms = length.terms();
        assertEquals(1e6, terms.get("n"));
        assertEquals(1e5, terms.get("k"));
        assertEquals(0.02, terms.get("q_tol"));
        assertEquals(0.01615275791638371, terms.get("mu"), 1e-15);
        assertEquals(160_000, terms.get("leaked_ec"));
        assertEquals(117.26748332105768, terms.get("security_cost"), 1e-12);
    }

    @Test
    void noKeyWithoutTestBitsOrPastTheErrorRateTheBoundTolerates() {
        assertEquals(1, FORMULA.classes());
        assertEquals(0, FORMULA.evaluate(counts(100_000, 0, 0), 0).length());
        assertEquals(0, FORMULA.evaluate(counts(100_000, 100_000, 11_000), 50_000).length());
    }

    @Test
    void refusesCountsWithIntensityClasses() {
        BlockCounts decoy = new BlockCounts(new long[] {10, 10, 10}, new long[] {10, 10, 10}, new long[] {0, 0, 0});
        assertThrows(IllegalArgumentException.class, () -> FORMULA.evaluate(decoy, 0));
    }
}
