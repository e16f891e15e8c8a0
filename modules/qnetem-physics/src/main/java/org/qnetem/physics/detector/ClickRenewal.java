package org.qnetem.physics.detector;

/**
 * Long-run share of pulse slots in each state of the receiver when dead time, afterpulses and
 * monitor test slots make slots depend on each other (the model of {@link Receiver}).
 *
 * <p>A live slot that is not a test slot clicks with probability P (the same in every such slot,
 * since pulses are independent). Clicks renew the process: after one come n_d dead slots, then slot
 * g. Slot g is a test slot with probability m (no click, no afterpulse); otherwise it holds an
 * afterpulse with probability a; otherwise it is an ordinary live slot. Per cycle (click to click):
 * <pre>
 *   α     = (1 - m) a                                   afterpulse clicks
 *   L     = n_d + 1 + [m + (1 - m)(1 - a)(1 - P)] / ((1 - m) P)       slots
 *   N_nt  = (1 - m)(1 - a) + [m + (1 - m)(1 - a)(1 - P)] / P          live non-test slots
 *   N_t   = L - n_d - α - N_nt                           live test slots
 * </pre>
 * (after g the slots until the next click number 1/((1 - m)P) on average, of which 1/P are not test
 * slots). Dividing by L gives per-slot rates: clicks 1/L, afterpulses α/L. With m = a = 0 this is
 * the non-paralysable dead-time law R/(1 + R n_d) with R = P. These are stationary rates; a batch
 * starting with a rested receiver has at most about n_d/L more clicks than they predict.
 */
public final class ClickRenewal {

    private final double clickPerLiveSlot;
    private final double liveNonTestWeight;
    private final double liveTestWeight;
    private final double afterpulsesPerSlot;

    /**
     * @param clickPerLiveSlot P, the click probability of a live non-test slot
     * @param deadSlots n_d
     * @param afterpulseProbability a
     * @param testSlotFraction m
     */
    public ClickRenewal(double clickPerLiveSlot, long deadSlots, double afterpulseProbability,
                        double testSlotFraction) {
        this.clickPerLiveSlot = clickPerLiveSlot;
        double m = testSlotFraction;
        double a = afterpulseProbability;
        double p = clickPerLiveSlot;
        if (p == 0) {
            liveNonTestWeight = 1 - m;
            liveTestWeight = m;
            afterpulsesPerSlot = 0;
            return;
        }
        double afterpulses = (1 - m) * a;
        double stretchStart = m + (1 - m) * (1 - a) * (1 - p);
        double cycle = deadSlots + 1 + stretchStart / ((1 - m) * p);
        double liveNonTest = (1 - m) * (1 - a) + stretchStart / p;
        liveNonTestWeight = liveNonTest / cycle;
        liveTestWeight = (cycle - deadSlots - afterpulses - liveNonTest) / cycle;
        afterpulsesPerSlot = afterpulses / cycle;
    }

    /** Live non-test slots per slot: multiplies a per-live-slot probability into a per-slot rate. */
    public double liveNonTestWeight() {
        return liveNonTestWeight;
    }

    /** Live test slots per slot. */
    public double liveTestWeight() {
        return liveTestWeight;
    }

    public double afterpulsesPerSlot() {
        return afterpulsesPerSlot;
    }

    /** Registered clicks per slot, afterpulses included: 1/L. */
    public double clicksPerSlot() {
        return liveNonTestWeight * clickPerLiveSlot + afterpulsesPerSlot;
    }
}
