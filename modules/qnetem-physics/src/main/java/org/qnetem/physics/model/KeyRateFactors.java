package org.qnetem.physics.model;

/** Checks of the two factors every key-rate model takes: f_EC and the sift factor q. */
final class KeyRateFactors {

    private KeyRateFactors() {
    }

    /** f_EC: bits error correction leaks per bit of h(QBER); 1 is the Shannon limit. */
    static double errorCorrectionEfficiency(double f) {
        if (!(f >= 1) || Double.isInfinite(f)) {
            throw new IllegalArgumentException("error-correction efficiency must be >= 1, got " + f);
        }
        return f;
    }

    /** q: the fraction of pulses whose bases match and that make key. */
    static double siftFactor(double q) {
        if (!(q > 0 && q <= 1)) {
            throw new IllegalArgumentException("sift factor must be in (0, 1], got " + q);
        }
        return q;
    }
}
