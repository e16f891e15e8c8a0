package org.qnetem.runtime.link;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.qnetem.qkd.protocol.KeyBlock;

/**
 * Why a delivered key block has the length it has: its batches and times, its counts per intensity
 * class, its error rates and leakage, and every term of the finite-key formula (names and values in
 * the formula's order, as arrays so that the record stays a plain serializable value).
 */
public record BlockDetail(long firstBatch, long lastBatch, long openedAtPs, long[] keyDetections,
                          long[] testDetections, long[] testErrors, double testQber, double keyQber, long leakedBits,
                          int cascadeRounds, double lengthBound, String[] termNames, double[] termValues,
                          long secretBits, long refillBits, long deliveredBits) {

    public BlockDetail {
        keyDetections = keyDetections.clone();
        testDetections = testDetections.clone();
        testErrors = testErrors.clone();
        termNames = termNames.clone();
        termValues = termValues.clone();
        if (termNames.length != termValues.length) {
            throw new IllegalArgumentException(termNames.length + " term names but " + termValues.length + " values");
        }
    }

    static BlockDetail of(KeyBlock block) {
        Map<String, Double> terms = block.secretLength().terms();
        return new BlockDetail(block.firstBatch(), block.lastBatch(), block.openedAtPs(),
                block.counts().keyDetections(), block.counts().testDetections(), block.counts().testErrors(),
                block.testQber(), block.keyQber(), block.leakedBits(), block.cascadeRounds(),
                block.secretLength().lengthBound(), terms.keySet().toArray(String[]::new),
                terms.values().stream().mapToDouble(Double::doubleValue).toArray(), block.secretLength().length(),
                block.authenticationRefillBits(), block.deliveredKey().length());
    }

    public long keyBits() {
        return Arrays.stream(keyDetections).sum();
    }

    @Override
    public long[] keyDetections() {
        return keyDetections.clone();
    }

    @Override
    public long[] testDetections() {
        return testDetections.clone();
    }

    @Override
    public long[] testErrors() {
        return testErrors.clone();
    }

    @Override
    public String[] termNames() {
        return termNames.clone();
    }

    @Override
    public double[] termValues() {
        return termValues.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockDetail d && firstBatch == d.firstBatch && lastBatch == d.lastBatch
                && openedAtPs == d.openedAtPs && Arrays.equals(keyDetections, d.keyDetections)
                && Arrays.equals(testDetections, d.testDetections) && Arrays.equals(testErrors, d.testErrors)
                && Double.compare(testQber, d.testQber) == 0 && Double.compare(keyQber, d.keyQber) == 0
                && leakedBits == d.leakedBits && cascadeRounds == d.cascadeRounds
                && Double.compare(lengthBound, d.lengthBound) == 0 && Arrays.equals(termNames, d.termNames)
                && Arrays.equals(termValues, d.termValues) && secretBits == d.secretBits
                && refillBits == d.refillBits && deliveredBits == d.deliveredBits;
    }

    @Override
    public int hashCode() {
        return Objects.hash(firstBatch, lastBatch, secretBits, Arrays.hashCode(termValues));
    }
}
