package org.qnetem.physics.model;

import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;

/**
 * The largest channel loss at which a key-rate bound stays positive, found by bisection. The bound
 * must fall as loss grows, as every model here does; searching in dB rather than km keeps the bracket
 * finite on nearly lossless fibre.
 */
public final class LossLimit {

    /** 3000 dB is a transmittance of 1e-300, still a normal double; no link reaches it. */
    public static final double MAX_LOSS_DB = 3000;
    private static final double FIRST_BRACKET_DB = 10;
    private static final double TOLERANCE_DB = 1e-7;

    private LossLimit() {
    }

    /**
     * The loss where {@code boundAtLossDb} crosses zero; empty if there is no key even at 0 dB, and
     * positive infinity if there is still key at {@link #MAX_LOSS_DB}.
     */
    public static OptionalDouble maxLossDb(DoubleUnaryOperator boundAtLossDb) {
        if (!(boundAtLossDb.applyAsDouble(0) > 0)) {
            return OptionalDouble.empty();
        }
        double lo = 0;
        double hi = FIRST_BRACKET_DB;
        while (boundAtLossDb.applyAsDouble(hi) > 0) {
            if (hi == MAX_LOSS_DB) {
                return OptionalDouble.of(Double.POSITIVE_INFINITY);
            }
            lo = hi;
            hi = Math.min(2 * hi, MAX_LOSS_DB);
        }
        while (hi - lo > TOLERANCE_DB) {
            double mid = (lo + hi) / 2;
            if (boundAtLossDb.applyAsDouble(mid) > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return OptionalDouble.of((lo + hi) / 2);
    }
}
