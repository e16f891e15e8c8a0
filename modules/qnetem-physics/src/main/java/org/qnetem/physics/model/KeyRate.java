package org.qnetem.physics.model;

/**
 * One evaluation of an asymptotic key-rate model, per emitted pulse: the source's intensity (mean
 * photon number of the signal, or mean pair number of a pair source), the gain and QBER of the pulses
 * that make key, and the key-rate bound. A bound at or below zero means no key.
 */
public record KeyRate(double intensity, double gain, double qber, double bound) {

    /** Secret bits per pulse: the bound, or 0 where it says there is no key. */
    public double secretBitsPerPulse() {
        return Math.max(bound, 0);
    }

    public double secretBitsPerSecond(double clockHz) {
        return secretBitsPerPulse() * clockHz;
    }
}
