package org.qnetem.physics.channel;

import java.util.List;
import java.util.Objects;

/**
 * A base channel plus extra loss that follows a scripted schedule over emulated time: a bend put
 * into a cable and taken out again, a slow ramp, a connector that degrades. The extra loss in dB is
 * piecewise linear through the schedule's points, held at the first point's value before it and at
 * the last point's value after it. Delay is the base channel's: bending a fibre changes its loss, not
 * its length.
 */
public final class ScheduledLossChannel implements QuantumChannel {

    /** Extra loss {@code extraLossDb} (>= 0) at emulated time {@code timePs}. */
    public record Point(long timePs, double extraLossDb) {

        public Point {
            if (!(extraLossDb >= 0) || Double.isInfinite(extraLossDb)) {
                throw new IllegalArgumentException("extra loss must be finite and >= 0 dB, got " + extraLossDb);
            }
        }
    }

    private final QuantumChannel base;
    private final long[] timesPs;
    private final double[] lossesDb;

    /** {@code schedule} needs at least one point, in strictly increasing time order. */
    public ScheduledLossChannel(QuantumChannel base, List<Point> schedule) {
        this.base = Objects.requireNonNull(base, "base");
        if (schedule.isEmpty()) {
            throw new IllegalArgumentException("a loss schedule needs at least one point");
        }
        timesPs = new long[schedule.size()];
        lossesDb = new double[schedule.size()];
        for (int i = 0; i < schedule.size(); i++) {
            Point point = schedule.get(i);
            if (i > 0 && point.timePs() <= timesPs[i - 1]) {
                throw new IllegalArgumentException("schedule times must strictly increase, got " + point.timePs()
                        + " ps after " + timesPs[i - 1] + " ps");
            }
            timesPs[i] = point.timePs();
            lossesDb[i] = point.extraLossDb();
        }
    }

    public QuantumChannel base() {
        return base;
    }

    /** The scheduled extra loss in dB at {@code timePs}. */
    public double extraLossDbAt(long timePs) {
        int last = timesPs.length - 1;
        if (timePs <= timesPs[0]) {
            return lossesDb[0];
        }
        if (timePs >= timesPs[last]) {
            return lossesDb[last];
        }
        // Largest i with timesPs[i] <= timePs; it exists and is below last, by the checks above.
        int low = 0;
        int high = last;
        while (high - low > 1) {
            int middle = (low + high) >>> 1;
            if (timesPs[middle] <= timePs) {
                low = middle;
            } else {
                high = middle;
            }
        }
        // Differences in double: two longs of opposite sign could overflow a long subtraction.
        double fraction = ((double) timePs - timesPs[low]) / ((double) timesPs[high] - timesPs[low]);
        return lossesDb[low] + fraction * (lossesDb[high] - lossesDb[low]);
    }

    @Override
    public double transmittanceAt(long emissionTimePs) {
        return base.transmittanceAt(emissionTimePs) * Math.pow(10, -extraLossDbAt(emissionTimePs) / 10);
    }

    @Override
    public long delayPsAt(long emissionTimePs) {
        return base.delayPsAt(emissionTimePs);
    }
}
