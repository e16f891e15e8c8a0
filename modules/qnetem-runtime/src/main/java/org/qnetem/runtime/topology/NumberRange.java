package org.qnetem.runtime.topology;

/** The finite values a numeric setting may take, with bounds that are each open or closed. */
record NumberRange(double min, boolean minIncluded, double max, boolean maxIncluded) {

    static NumberRange atLeast(double min) {
        return new NumberRange(min, true, Double.POSITIVE_INFINITY, false);
    }

    static NumberRange above(double min) {
        return new NumberRange(min, false, Double.POSITIVE_INFINITY, false);
    }

    static NumberRange closed(double min, double max) {
        return new NumberRange(min, true, max, true);
    }

    static NumberRange open(double min, double max) {
        return new NumberRange(min, false, max, false);
    }

    static NumberRange aboveUpTo(double min, double max) {
        return new NumberRange(min, false, max, true);
    }

    static NumberRange atLeastBelow(double min, double max) {
        return new NumberRange(min, true, max, false);
    }

    boolean contains(double value) {
        return Double.isFinite(value)
                && (minIncluded ? value >= min : value > min)
                && (maxIncluded ? value <= max : value < max);
    }

    /** Reads as the end of "must be ...", e.g. {@code ">= 0"} or {@code "in (0, 1]"}. */
    String describe() {
        if (Double.isInfinite(max)) {
            return (minIncluded ? ">= " : "> ") + format(min);
        }
        return "in " + (minIncluded ? "[" : "(") + format(min) + ", " + format(max) + (maxIncluded ? "]" : ")");
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }
}
