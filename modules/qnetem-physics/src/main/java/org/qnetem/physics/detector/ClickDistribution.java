package org.qnetem.physics.detector;

import java.util.function.DoubleUnaryOperator;
import org.qnetem.physics.source.PhotonNumber;

/**
 * What Bob's two detectors of one basis do in one live slot: the probabilities that only the
 * "correct" detector clicks (the one for the bit the photons carry), only the other, or both.
 *
 * <p>Each arriving photon is registered with probability t and, if registered, lands on the wrong
 * detector with probability s (the misalignment when Bob measures in the photons' basis, 1/2 when
 * not), independently of the others; each detector also dark-counts with probability p_d. With
 * G(t) = E[(1 - t)^n] the probability that none of the n photons is registered:
 * <pre>
 *   P(correct silent) = (1 - p_d) G(t(1 - s))     P(wrong silent) = (1 - p_d) G(t s)
 *   P(both silent)    = (1 - p_d)² G(t)
 *   correct only = P(wrong silent) - P(both silent),  wrong only = P(correct silent) - P(both silent)
 *   both = 1 - P(correct silent) - P(wrong silent) + P(both silent)
 * </pre>
 * For Poisson n these reduce to independent detectors with p = 1 - (1 - p_d) e^(-m) each.
 */
public record ClickDistribution(double correctOnly, double wrongOnly, double doubleClick) {

    public static final int CORRECT_ONLY = 0;
    public static final int WRONG_ONLY = 1;
    public static final int DOUBLE = 2;
    public static final int CATEGORIES = 3;
    public static final ClickDistribution NEVER = new ClickDistribution(0, 0, 0);

    public ClickDistribution {
        if (!(correctOnly >= 0 && wrongOnly >= 0 && doubleClick >= 0)) {
            throw new IllegalArgumentException("click probabilities must be >= 0, got " + correctOnly + ", "
                    + wrongOnly + ", " + doubleClick);
        }
    }

    /**
     * Clicks for photon number {@code photons}, evaluated in logarithms so that tiny click
     * probabilities keep full relative precision.
     */
    public static ClickDistribution of(PhotonNumber photons, double t, double wrongShare, double darkCount) {
        double logQuiet = StrictMath.log1p(-darkCount);
        double correctSilent = logQuiet + photons.logNoneDetected(t * (1 - wrongShare));
        double wrongSilent = logQuiet + photons.logNoneDetected(t * wrongShare);
        double bothSilent = 2 * logQuiet + photons.logNoneDetected(t);
        double any = -StrictMath.expm1(bothSilent);
        double correctOnly = onlyOneClicks(wrongSilent, bothSilent);
        double wrongOnly = onlyOneClicks(correctSilent, bothSilent);
        return new ClickDistribution(correctOnly, wrongOnly, Math.max(0, any - correctOnly - wrongOnly));
    }

    /** P(other silent) - P(both silent) from their logarithms; 0 when the other can never be silent. */
    private static double onlyOneClicks(double logOtherSilent, double logBothSilent) {
        if (logOtherSilent == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        return StrictMath.exp(logOtherSilent) * -StrictMath.expm1(logBothSilent - logOtherSilent);
    }

    /**
     * Clicks of one group of pulses, weighted by the group's probability {@code mass}:
     * {@code noneDetected} maps t to E[(1 - t)^n ; group], so it is {@code mass} at t = 0.
     */
    public static ClickDistribution ofGroup(DoubleUnaryOperator noneDetected, double mass, double t, double wrongShare,
                                            double darkCount) {
        double quiet = 1 - darkCount;
        double correctSilent = quiet * noneDetected.applyAsDouble(t * (1 - wrongShare));
        double wrongSilent = quiet * noneDetected.applyAsDouble(t * wrongShare);
        double bothSilent = quiet * quiet * noneDetected.applyAsDouble(t);
        return new ClickDistribution(Math.max(0, wrongSilent - bothSilent), Math.max(0, correctSilent - bothSilent),
                Math.max(0, mass - correctSilent - wrongSilent + bothSilent));
    }

    /** Probability that at least one detector clicks. */
    public double total() {
        return correctOnly + wrongOnly + doubleClick;
    }

    public double probability(int category) {
        return switch (category) {
            case CORRECT_ONLY -> correctOnly;
            case WRONG_ONLY -> wrongOnly;
            case DOUBLE -> doubleClick;
            default -> throw new IllegalArgumentException("no click category " + category);
        };
    }

    /** What is left of this distribution without {@code part} of it (clamped at 0 against rounding). */
    public ClickDistribution without(ClickDistribution part) {
        return new ClickDistribution(Math.max(0, correctOnly - part.correctOnly),
                Math.max(0, wrongOnly - part.wrongOnly), Math.max(0, doubleClick - part.doubleClick));
    }
}
