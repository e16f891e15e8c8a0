package org.qnetem.physics.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qnetem.physics.model.DecoyBb84AsymptoticTest.assertRelative;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** REFERENCE §4.6 [C]: the PLOB bound at 0.2 dB/km, and 1002 km at 0.16 dB/km. */
class PlobTest {

    @ParameterizedTest(name = "{0} km at {1} dB/km")
    @CsvSource({"100, 0.2, 1.45e-2", "300, 0.2, 1.44e-6", "500, 0.2, 1.44e-10", "600, 0.2, 1.44e-12",
        "1002, 0.2, 1.3e-20", "1002, 0.16, 1.3e-16"})
    void referenceValues(double km, double attenuation, double bitsPerUse) {
        // REFERENCE rounds to 2-3 significant figures; 1.3e-16 stands for 1.340e-16.
        assertRelative(bitsPerUse, Plob.bitsPerChannelUse(km, attenuation), 0.035);
    }

    @ParameterizedTest(name = "eta = {0}")
    @CsvSource({"0.5, 1", "0.75, 2", "1e-30, 1.4426950408889634e-30"})
    void exactValues(double transmittance, double bitsPerUse) {
        assertEquals(bitsPerUse, Plob.bitsPerChannelUse(transmittance), bitsPerUse * 1e-15);
    }
}
