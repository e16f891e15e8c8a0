package org.qnetem.physics.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClickRenewalTest {

    /** REFERENCE.md §4.1: τ = 10 ns turns 10 Mc/s into 9.09 Mc/s and 50 Mc/s into 33.3 Mc/s. */
    @Test
    void deadTimeFollowsTheNonParalysableLaw() {
        // At 1 GHz, 10 Mc/s is P = 0.01 per slot and 10 ns is 10 slots.
        assertEquals(9.0909e6, 1e9 * new ClickRenewal(0.01, 10, 0, 0).clicksPerSlot(), 1e2);
        assertEquals(3.3333e7, 1e9 * new ClickRenewal(0.05, 10, 0, 0).clicksPerSlot(), 1e3);
        assertEquals(0.05 / (1 + 0.05 * 10), new ClickRenewal(0.05, 10, 0, 0).clicksPerSlot(), 1e-15);
    }

    /**
     * Without dead time every click is followed by an afterpulse in the next slot with probability a,
     * so clicks per slot are P / (1 − a + aP) exactly: D(1 + a) to first order in a, as in
     * REFERENCE.md's R_k = D_k (1 + p_ap) when D is small.
     */
    @Test
    void afterpulsesAddAFractionOfTheClicks() {
        double p = 1e-3;
        double a = 0.04;
        ClickRenewal renewal = new ClickRenewal(p, 0, a, 0);
        assertEquals(p / (1 - a + a * p), renewal.clicksPerSlot(), 1e-18);
        assertEquals(p * (1 + a), renewal.clicksPerSlot(), p * a * a * 1.1);
        assertEquals(a * renewal.clicksPerSlot(), renewal.afterpulsesPerSlot(), 1e-18);
    }

    @Test
    void testSlotsNeitherClickNorAfterpulseButStayLive() {
        double m = 0.1;
        ClickRenewal renewal = new ClickRenewal(0.01, 0, 0, m);
        assertEquals(0.9 * 0.01, renewal.clicksPerSlot(), 1e-15);
        assertEquals(0.9, renewal.liveNonTestWeight(), 1e-12);
        assertEquals(0.1, renewal.liveTestWeight(), 1e-12);
    }

    @Test
    void slotSharesAddUpToOne() {
        long deadSlots = 7;
        ClickRenewal renewal = new ClickRenewal(0.03, deadSlots, 0.05, 0.02);
        double deadShare = deadSlots * renewal.clicksPerSlot();
        assertEquals(1, renewal.liveNonTestWeight() + renewal.liveTestWeight() + renewal.afterpulsesPerSlot()
                + deadShare, 1e-12);
    }

    @Test
    void nothingClicksWhenNothingCan() {
        ClickRenewal renewal = new ClickRenewal(0, 100, 0.05, 0.25);
        assertEquals(0, renewal.clicksPerSlot());
        assertEquals(0.75, renewal.liveNonTestWeight());
        assertEquals(0.25, renewal.liveTestWeight());
    }
}
