package org.qnetem.physics.batch;

import org.qnetem.physics.channel.FibreChannel;
import org.qnetem.physics.detector.FreeRunningTiming;
import org.qnetem.physics.detector.GatedTiming;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.detector.ThresholdDetector;
import org.qnetem.physics.source.SinglePhotonSource;
import org.qnetem.physics.source.WeakCoherentSource;

/** The parameter sets the Monte Carlo tests check against the analytic model, all at 1 GHz. */
final class Links {

    /**
     * 10 km (2 dB), decoys, a gated InGaAs APD at 20 % efficiency with 5 % afterpulsing and a 20-gate
     * dead time: a live gate clicks with P ≈ 0.054, so the dead time halves the click rate (the
     * saturation that limits GHz systems at short range) and afterpulses are 2.5 % of the clicks.
     */
    static final Bb84Scenario IN_GAAS = new Bb84Scenario(Bb84Scenario.DECOY, FibreChannel.smf28(10, 0.2, 0),
            new Receiver(1.0, new ThresholdDetector(0.2, new GatedTiming(1e-5, 20), 0.05, 60), 0.01, 0.5));

    /**
     * 100 km (20 dB), decoys, a free-running SNSPD at 80 % with 100 Hz dark counts and 50 ns dead time;
     * X basis 90 % of the time at both ends (efficient BB84).
     */
    static final Bb84Scenario SNSPD = new Bb84Scenario(new WeakCoherentSource(1e9, new double[] {0.5, 0.1, 0.0002},
            new double[] {0.8, 0.15, 0.05}, 0.9), FibreChannel.smf28(100, 0.2, 0),
            new Receiver(0.9, new ThresholdDetector(0.8, new FreeRunningTiming(100, 50_000), 0, 40), 0.01, 0.9));

    /**
     * 50 km, one intensity (no decoys), a noisy gated APD (p_d = 1e-4, so dark counts make a fifth of
     * the clicks), 4 % afterpulsing and a 10-gate dead time, 2 % misalignment.
     */
    static final Bb84Scenario NO_DECOYS = new Bb84Scenario(WeakCoherentSource.single(1e9, 0.5),
            FibreChannel.smf28(50, 0.2, 0),
            new Receiver(1.0, new ThresholdDetector(0.1, new GatedTiming(1e-4, 10), 0.04, 100), 0.02, 0.5));

    /** 25 km, a single-photon source at 60 % efficiency, an SNSPD with 1 kHz dark counts and 20 ns dead time. */
    static final Bb84Scenario SINGLE_PHOTONS = new Bb84Scenario(new SinglePhotonSource(1e9, 0.6, 0.5),
            FibreChannel.smf28(25, 0.2, 0),
            new Receiver(1.0, new ThresholdDetector(0.8, new FreeRunningTiming(1_000, 20_000), 0, 30), 0.01, 0.5));

    private Links() {
    }
}
