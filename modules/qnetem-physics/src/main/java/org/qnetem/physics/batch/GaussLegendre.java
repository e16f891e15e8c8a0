package org.qnetem.physics.batch;

/**
 * Gauss–Legendre quadrature on [0, 1]: n nodes integrate polynomials of degree up to 2n − 1 exactly, and
 * smooth functions with an error that falls geometrically in n.
 */
final class GaussLegendre {

    final double[] nodes;
    final double[] weights;

    GaussLegendre(int n) {
        nodes = new double[n];
        weights = new double[n];
        for (int i = 0; i < n; i++) {
            // Newton's method on P_n from the classical first guess for its i-th root on [−1, 1].
            double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++) {
                double previous = 1;
                double current = x;
                for (int k = 2; k <= n; k++) {
                    double next = ((2 * k - 1) * x * current - (k - 1) * previous) / k;
                    previous = current;
                    current = next;
                }
                derivative = n * (x * current - previous) / (x * x - 1);
                double step = current / derivative;
                x -= step;
                if (Math.abs(step) < 1e-15) {
                    break;
                }
            }
            nodes[i] = (1 - x) / 2;
            weights[i] = 1 / ((1 - x * x) * derivative * derivative);
        }
    }
}
