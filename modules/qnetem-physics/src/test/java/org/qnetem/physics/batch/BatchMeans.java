package org.qnetem.physics.batch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A ratio pooled over independent batches, Σ numerator / Σ denominator, with its standard error
 * estimated from the spread between batches: sqrt(Σ_b (n_b − R d_b)² / (B (B − 1))) / mean(d). Dead
 * time and afterpulses correlate detections within a batch but never across batches (each starts
 * with a rested receiver), so this error needs no model of those correlations. For rare events
 * (fewer than 10 expected per batch, such as the errors of the vacuum decoy) the spread between
 * batches says little, and the binomial error sqrt(p(1 − p) / Σ d) of independent events is used.
 */
final class BatchMeans {

    private static final double RARE_PER_BATCH = 10;

    private final double[] numerators;
    private final double[] denominators;

    private BatchMeans(double[] numerators, double[] denominators) {
        this.numerators = numerators;
        this.denominators = denominators;
    }

    static BatchMeans of(List<BatchSample> samples, ToDoubleFunction<BatchSample> numerator,
                         ToDoubleFunction<BatchSample> denominator) {
        return new BatchMeans(samples.stream().mapToDouble(numerator).toArray(),
                samples.stream().mapToDouble(denominator).toArray());
    }

    /** Per-pulse rate of a count. */
    static BatchMeans perPulse(List<BatchSample> samples, ToDoubleFunction<GroundTruth> count) {
        return of(samples, s -> count.applyAsDouble(s.truth()), s -> s.detections().pulseCount());
    }

    /** Ratio of two ground-truth counts. */
    static BatchMeans ratio(List<BatchSample> samples, ToDoubleFunction<GroundTruth> numerator,
                            ToDoubleFunction<GroundTruth> denominator) {
        return of(samples, s -> numerator.applyAsDouble(s.truth()), s -> denominator.applyAsDouble(s.truth()));
    }

    double value() {
        return sum(numerators) / sum(denominators);
    }

    double total() {
        return sum(numerators);
    }

    double standardError() {
        double ratio = value();
        double squares = 0;
        for (int b = 0; b < numerators.length; b++) {
            double residual = numerators[b] - ratio * denominators[b];
            squares += residual * residual;
        }
        int batches = numerators.length;
        double meanDenominator = sum(denominators) / batches;
        return Math.sqrt(squares / (batches * (batches - 1.0))) / meanDenominator;
    }

    void assertWithin(double sigmas, double expected, String what) {
        double value = value();
        double trials = sum(denominators);
        double error = expected * trials >= RARE_PER_BATCH * numerators.length ? standardError()
                : Math.sqrt(expected * (1 - expected) / trials);
        assertTrue(Math.abs(value - expected) <= sigmas * error, () -> String.format(
                "%s: sampled %.8g (from %.0f), expected %.8g, more than %.0f x standard error %.3g apart",
                what, value, total(), expected, sigmas, error));
    }

    private static double sum(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum;
    }
}
