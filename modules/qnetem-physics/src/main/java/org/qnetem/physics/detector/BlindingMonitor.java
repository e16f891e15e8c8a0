package org.qnetem.physics.detector;

/**
 * Bob's check for blinded detectors. In a random {@code testGateFraction} of pulse slots (chosen per
 * slot from a counter-based stream of the channel key, so the choice costs O(1) wherever the sampler
 * looks) the receiver runs its detectors below breakdown. A detector in Geiger mode cannot click
 * then, not even on a dark count or an afterpulse; a blinded detector, already in linear mode,
 * still answers bright trigger pulses. Bob leaves test slots out of his detection record and counts
 * their clicks; the monitor raises its alarm for a batch with at least {@code alarmClicks} of them.
 * The price is the test slots' share of honest detections.
 */
public record BlindingMonitor(double testGateFraction, long alarmClicks) {

    /** No test slots: nothing is lost and nothing is detected. */
    public static final BlindingMonitor OFF = new BlindingMonitor(0, 1);

    public BlindingMonitor {
        if (!(testGateFraction >= 0 && testGateFraction < 1)) {
            throw new IllegalArgumentException("test-gate fraction must be in [0, 1), got " + testGateFraction);
        }
        if (alarmClicks < 1) {
            throw new IllegalArgumentException("alarm threshold must be at least 1 click, got " + alarmClicks);
        }
    }

    public boolean isOn() {
        return testGateFraction > 0;
    }
}
