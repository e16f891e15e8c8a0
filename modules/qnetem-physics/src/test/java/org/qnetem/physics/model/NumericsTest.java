package org.qnetem.physics.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The numerical helpers behind the models: erf, the two maximisers and the loss-limit search. */
class NumericsTest {

    @Test
    void erfMatchesTabulatedValues() {
        assertEquals(0, Erf.of(0), 0);
        assertEquals(0.5204998778130465, Erf.of(0.5), 1e-15);
        assertEquals(0.8427007929497149, Erf.of(1), 1e-15);
        assertEquals(0.9953222650189527, Erf.of(2), 1e-15);
        assertEquals(0.9999779095030014, Erf.of(3), 1e-15);
        assertEquals(-0.8427007929497149, Erf.of(-1), 1e-15);
        assertEquals(1, Erf.of(7), 0);
    }

    @Test
    void scalarMaximiserFindsAPeakOnALogarithmicRange() {
        double peak = ScalarMaximiser.argMax(x -> x * Math.exp(-x / 0.037), 1e-4, 10);
        assertEquals(0.037, peak, 1e-8);
    }

    /** The Rosenbrock valley, negated: a curved ridge that defeats naive coordinate search. */
    @Test
    void nelderMeadClimbsTheRosenbrockRidge() {
        double[] best = NelderMead.maximise(
                x -> -(Math.pow(1 - x[0], 2) + 100 * Math.pow(x[1] - x[0] * x[0], 2)), new double[] {-1.2, 1});
        assertArrayEquals(new double[] {1, 1}, best, 1e-6);
    }

    @Test
    void nelderMeadStaysInsideAFeasibleRegion() {
        // Maximum of −(x − 2)² on x ≤ 1 is the boundary x = 1.
        double[] best = NelderMead.maximise(x -> x[0] > 1 ? Double.NEGATIVE_INFINITY : -Math.pow(x[0] - 2, 2),
                new double[] {0.2});
        assertEquals(1, best[0], 1e-6);
    }

    @Test
    void lossLimitIsWhereTheBoundCrossesZero() {
        OptionalDouble limit = LossLimit.maxLossDb(db -> 37.25 - db);
        assertEquals(37.25, limit.orElseThrow(), 1e-6);
        assertTrue(LossLimit.maxLossDb(db -> -1 - db).isEmpty(), "no key even at 0 dB");
        assertEquals(Double.POSITIVE_INFINITY, LossLimit.maxLossDb(db -> Math.pow(10, -db / 10)).orElseThrow());
    }
}
