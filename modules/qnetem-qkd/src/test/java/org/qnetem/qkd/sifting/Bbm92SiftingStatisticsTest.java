package org.qnetem.qkd.sifting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qnetem.physics.batch.Bbm92Expectation;

/**
 * Over many batches, the engines' sifted bits per pulse and their error rate (Hamming distance over
 * length) agree with the closed-form expectation of the sampler's model, within four standard errors.
 * At these seeds: pulsed, 106493 bits, 1.0649e-4 per pulse (expected 1.0644e-4), QBER 5.835 % (5.742 %);
 * CW, 96418 bits, 4.0174e-5 per window (4.0200e-5), QBER 1.295 % (1.244 %). The pulsed expectation is
 * above §4.5a's 5.56 % because passive receivers squash multi-photon clicks in both analysers; with
 * active ones the two agree.
 */
class Bbm92SiftingStatisticsTest {

    private static final double STANDARD_ERRORS = 4;

    static Stream<Arguments> links() {
        return Stream.of(
                Arguments.of("pulsed, REFERENCE 4.5a at 50 km", (Supplier<Bbm92Link>) Bbm92Link::pulsedReference,
                        40, 25_000_000L),
                Arguments.of("CW, REFERENCE 4.5b at 10 dB", (Supplier<Bbm92Link>) Bbm92Link::continuousReference,
                        40, 60_000_000L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("links")
    void siftedRateAndErrorRateMatchTheModel(String name, Supplier<Bbm92Link> scenario, int batches, long pulses) {
        Bbm92Link link = scenario.get();
        long sifted = 0;
        long errors = 0;
        for (long sequence = 0; sequence < batches; sequence++) {
            Bbm92Link.Halves halves = Bbm92Link.sift(link.sample(sequence, pulses));
            assertEquals(halves.alice().length(), halves.bob().length());
            sifted += halves.alice().length();
            errors += halves.alice().bits().hammingDistance(halves.bob().bits());
        }
        double total = (double) batches * pulses;
        Bbm92Expectation expected = link.expectation();
        double perPulse = expected.matchedBasisProbability();
        double qber = expected.qber();
        assertEquals(perPulse, sifted / total, STANDARD_ERRORS * Math.sqrt(perPulse * (1 - perPulse) / total));
        assertEquals(qber, errors / (double) sifted, STANDARD_ERRORS * Math.sqrt(qber * (1 - qber) / sifted));
        assertTrue(sifted > 50_000, sifted + " sifted bits");
    }
}
