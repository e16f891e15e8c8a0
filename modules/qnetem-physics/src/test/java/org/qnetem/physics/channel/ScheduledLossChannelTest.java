package org.qnetem.physics.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduledLossChannelTest {

    private static final FibreChannel FIBRE = FibreChannel.smf28(25, 0.2, 0);
    private static final long SECOND = 1_000_000_000_000L;

    /** A bend: 0 dB until 1 s, 6 dB by 3 s, held, then released by 5 s. */
    private static final ScheduledLossChannel BEND = new ScheduledLossChannel(FIBRE, List.of(
            new ScheduledLossChannel.Point(SECOND, 0), new ScheduledLossChannel.Point(3 * SECOND, 6),
            new ScheduledLossChannel.Point(4 * SECOND, 6), new ScheduledLossChannel.Point(5 * SECOND, 0)));

    @Test
    void lossIsHeldBeforeTheFirstPointAndAfterTheLast() {
        assertEquals(0, BEND.extraLossDbAt(Long.MIN_VALUE));
        assertEquals(0, BEND.extraLossDbAt(0));
        assertEquals(0, BEND.extraLossDbAt(99 * SECOND));
        ScheduledLossChannel step = new ScheduledLossChannel(FIBRE, List.of(new ScheduledLossChannel.Point(0, 2.5)));
        assertEquals(2.5, step.extraLossDbAt(-SECOND));
        assertEquals(2.5, step.extraLossDbAt(SECOND));
    }

    @Test
    void lossIsLinearBetweenPoints() {
        assertEquals(0, BEND.extraLossDbAt(SECOND));
        assertEquals(1.5, BEND.extraLossDbAt(SECOND + SECOND / 2), 1e-12);
        assertEquals(3, BEND.extraLossDbAt(2 * SECOND), 1e-12);
        assertEquals(6, BEND.extraLossDbAt(3 * SECOND));
        assertEquals(6, BEND.extraLossDbAt(3 * SECOND + SECOND / 2));
        assertEquals(4.5, BEND.extraLossDbAt(4 * SECOND + SECOND / 4), 1e-12);
        assertEquals(6 * 1e-12, BEND.extraLossDbAt(5 * SECOND - 1), 1e-15);
    }

    @Test
    void extraLossMultipliesTheBaseTransmittanceAndLeavesTheDelay() {
        long t = 2 * SECOND;
        assertEquals(FIBRE.transmittance() * Math.pow(10, -0.3), BEND.transmittanceAt(t), 1e-15);
        assertEquals(FIBRE.transmittance(), BEND.transmittanceAt(0), 1e-15);
        assertEquals(FIBRE.delayPs(), BEND.delayPsAt(t));
    }

    @Test
    void schedulesCanBeNested() {
        ScheduledLossChannel twice = new ScheduledLossChannel(BEND, List.of(new ScheduledLossChannel.Point(0, 1)));
        assertEquals(FIBRE.transmittance() * Math.pow(10, -0.7), twice.transmittanceAt(3 * SECOND), 1e-15);
    }

    @Test
    void malformedSchedulesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ScheduledLossChannel(FIBRE, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ScheduledLossChannel(FIBRE, List.of(
                new ScheduledLossChannel.Point(5, 1), new ScheduledLossChannel.Point(5, 2))));
        assertThrows(IllegalArgumentException.class, () -> new ScheduledLossChannel.Point(0, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new ScheduledLossChannel.Point(0, Double.NaN));
    }
}
