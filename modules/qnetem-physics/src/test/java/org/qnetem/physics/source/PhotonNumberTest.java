package org.qnetem.physics.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PhotonNumberTest {

    @Test
    void poissonProbabilitiesAddUpToOne() {
        for (double mean : new double[] {0, 2e-4, 0.1, 0.5, 3}) {
            PoissonPhotonNumber photons = new PoissonPhotonNumber(mean);
            assertEquals(1, photons.vacuum() + photons.single() + photons.multi(), 1e-15, "mean " + mean);
        }
    }

    @Test
    void multiPhotonProbabilityOfAWeakDecoyKeepsItsPrecision() {
        // 1 − e^−μ(1 + μ) would lose eight digits at μ = 2e-4; the series is Σ (−1)^n (n − 1) μ^n / n!.
        double mu = 2e-4;
        double series = mu * mu / 2 - Math.pow(mu, 3) / 3 + Math.pow(mu, 4) / 8 - Math.pow(mu, 5) / 30;
        assertEquals(series, new PoissonPhotonNumber(mu).multi(), 1e-23);
    }

    @Test
    void multiLessOneIsTheShiftedTail() {
        double mu = 0.5;
        double z = 0.3;
        double sum = 0;
        double term = Math.exp(-mu);
        for (int n = 1; n < 40; n++) {
            term *= mu / n;
            if (n >= 2) {
                sum += term * Math.pow(z, n - 1);
            }
        }
        assertEquals(sum, new PoissonPhotonNumber(mu).multiLessOne(z), 1e-16);
        assertEquals(0, new PoissonPhotonNumber(mu).multiLessOne(0));
    }

    @Test
    void noneDetectedIsTheGeneratingFunction() {
        assertEquals(-0.5 * 0.2, new PoissonPhotonNumber(0.5).logNoneDetected(0.2), 1e-16);
        assertEquals(Math.log(1 - 0.6 * 0.2), new AtMostOnePhoton(0.6).logNoneDetected(0.2), 1e-16);
    }

    @Test
    void aSinglePhotonSourceHasNoMultiPhotonPulses() {
        AtMostOnePhoton photon = new AtMostOnePhoton(0.6);
        assertEquals(0.4, photon.vacuum(), 1e-16);
        assertEquals(0.6, photon.single());
        assertEquals(0, photon.multi());
        assertEquals(0, photon.multiLessOne(0.7));
    }

    @Test
    void invalidDistributionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PoissonPhotonNumber(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new AtMostOnePhoton(1.1));
    }
}
