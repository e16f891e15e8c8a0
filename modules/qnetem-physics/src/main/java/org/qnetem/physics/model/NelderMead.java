package org.qnetem.physics.model;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.ToDoubleFunction;

/**
 * The Nelder–Mead simplex method, maximising: derivative-free, so it copes with the kinks that
 * clamped bounds put into a key-rate function, and deterministic. Points outside the feasible region
 * should score negative infinity; the simplex then contracts away from them.
 */
final class NelderMead {

    private static final double REFLECTION = 1;
    private static final double EXPANSION = 2;
    private static final double CONTRACTION = 0.5;
    private static final double SHRINK = 0.5;
    /** The first simplex steps 5 % along each coordinate (0.00025 for a zero coordinate), as SciPy does. */
    private static final double INITIAL_STEP = 0.05;
    private static final double ZERO_STEP = 0.00025;
    private static final double POINT_TOLERANCE = 1e-9;
    private static final double VALUE_TOLERANCE = 1e-12;
    private static final int MAX_ITERATIONS = 20_000;

    private NelderMead() {
    }

    /** A local maximum of {@code f} near {@code start}; {@code f(start)} must be finite. */
    static double[] maximise(ToDoubleFunction<double[]> f, double[] start) {
        int n = start.length;
        Vertex[] simplex = new Vertex[n + 1];
        simplex[0] = new Vertex(start.clone(), f.applyAsDouble(start));
        for (int i = 0; i < n; i++) {
            double[] point = start.clone();
            point[i] = point[i] != 0 ? point[i] * (1 + INITIAL_STEP) : ZERO_STEP;
            simplex[i + 1] = new Vertex(point, f.applyAsDouble(point));
        }
        Comparator<Vertex> bestFirst = Comparator.comparingDouble((Vertex v) -> v.value).reversed();
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            Arrays.sort(simplex, bestFirst);
            if (converged(simplex)) {
                break;
            }
            Vertex worst = simplex[n];
            double[] centroid = new double[n];
            for (int v = 0; v < n; v++) {
                for (int i = 0; i < n; i++) {
                    centroid[i] += simplex[v].point[i] / n;
                }
            }
            Vertex reflected = along(f, centroid, worst.point, REFLECTION);
            if (reflected.value > simplex[0].value) {
                Vertex expanded = along(f, centroid, worst.point, EXPANSION);
                simplex[n] = expanded.value > reflected.value ? expanded : reflected;
            } else if (reflected.value > simplex[n - 1].value) {
                simplex[n] = reflected;
            } else {
                boolean outside = reflected.value > worst.value;
                Vertex contracted = along(f, centroid, worst.point, outside ? CONTRACTION : -CONTRACTION);
                if (outside ? contracted.value >= reflected.value : contracted.value > worst.value) {
                    simplex[n] = contracted;
                } else {
                    shrink(f, simplex);
                }
            }
        }
        Arrays.sort(simplex, bestFirst);
        return simplex[0].point;
    }

    /** centroid + t (centroid − worst): t = 1 reflects, 2 expands, ½ contracts outside, −½ inside. */
    private static Vertex along(ToDoubleFunction<double[]> f, double[] centroid, double[] worst, double t) {
        double[] point = new double[centroid.length];
        for (int i = 0; i < point.length; i++) {
            point[i] = centroid[i] + t * (centroid[i] - worst[i]);
        }
        return new Vertex(point, f.applyAsDouble(point));
    }

    private static void shrink(ToDoubleFunction<double[]> f, Vertex[] simplex) {
        double[] best = simplex[0].point;
        for (int v = 1; v < simplex.length; v++) {
            double[] point = new double[best.length];
            for (int i = 0; i < point.length; i++) {
                point[i] = best[i] + SHRINK * (simplex[v].point[i] - best[i]);
            }
            simplex[v] = new Vertex(point, f.applyAsDouble(point));
        }
    }

    private static boolean converged(Vertex[] sortedSimplex) {
        Vertex best = sortedSimplex[0];
        for (int v = 1; v < sortedSimplex.length; v++) {
            Vertex other = sortedSimplex[v];
            // Equal values also settle a simplex that lies wholly outside the feasible region.
            boolean close = best.value == other.value
                    || best.value - other.value <= VALUE_TOLERANCE * Math.abs(best.value);
            if (!close) {
                return false;
            }
            for (int i = 0; i < best.point.length; i++) {
                if (Math.abs(best.point[i] - other.point[i]) > POINT_TOLERANCE) {
                    return false;
                }
            }
        }
        return true;
    }

    private record Vertex(double[] point, double value) {
    }
}
