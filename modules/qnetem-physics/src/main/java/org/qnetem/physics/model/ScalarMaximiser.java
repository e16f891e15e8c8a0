package org.qnetem.physics.model;

import java.util.function.DoubleUnaryOperator;

/**
 * Maximises a function of one variable on an interval: a logarithmic grid finds the best point, then a
 * golden-section search refines it within the two neighbouring grid cells. The grid guards against
 * starting the refinement on a plateau (a key-rate bound is flat and negative far from its optimum);
 * deterministic, no randomness.
 */
final class ScalarMaximiser {

    private static final int GRID_POINTS = 64;
    private static final double INVERSE_GOLDEN = (Math.sqrt(5) - 1) / 2;
    private static final double RELATIVE_TOLERANCE = 1e-10;

    private ScalarMaximiser() {
    }

    /** The argument in [lo, hi] (0 < lo < hi) where {@code f} is largest. */
    static double argMax(DoubleUnaryOperator f, double lo, double hi) {
        double ratio = Math.pow(hi / lo, 1.0 / (GRID_POINTS - 1));
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < GRID_POINTS; i++) {
            double value = f.applyAsDouble(lo * Math.pow(ratio, i));
            if (value > bestValue) {
                bestValue = value;
                best = i;
            }
        }
        double a = lo * Math.pow(ratio, Math.max(best - 1, 0));
        double b = lo * Math.pow(ratio, Math.min(best + 1, GRID_POINTS - 1));
        return goldenSection(f, a, b);
    }

    private static double goldenSection(DoubleUnaryOperator f, double a, double b) {
        double c = b - INVERSE_GOLDEN * (b - a);
        double d = a + INVERSE_GOLDEN * (b - a);
        double fc = f.applyAsDouble(c);
        double fd = f.applyAsDouble(d);
        while (b - a > RELATIVE_TOLERANCE * (Math.abs(a) + Math.abs(b))) {
            if (fc >= fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - INVERSE_GOLDEN * (b - a);
                fc = f.applyAsDouble(c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + INVERSE_GOLDEN * (b - a);
                fd = f.applyAsDouble(d);
            }
        }
        return (a + b) / 2;
    }
}
