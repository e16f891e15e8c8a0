package org.qnetem.physics.attack;

import org.qnetem.physics.detector.ClickDistribution;

/**
 * Detector blinding with faked states (Lydersen et al., Nat. Photonics 4, 686 (2010)). Bright
 * continuous light turns Bob's avalanche photodiodes into linear-mode detectors: single photons, dark
 * counts and afterpulses no longer make them click, and without avalanches there is no dead time.
 * Eve intercepts every pulse at Alice's output and measures it with an ideal detector in a random
 * basis (X with Alice's basis bias). When she gets a result (the pulse was not empty) she sends, with
 * probability r, a bright trigger pulse in her basis and bit, tuned so that Bob's detector for her
 * bit clicks when Bob measures in her basis and neither clicks when he does not.
 *
 * <p>So Bob clicks only where his basis is Eve's; a sifted click is one where Eve's basis was also
 * Alice's, its outcome Alice's bit: the QBER is zero and Eve knows every sifted bit. r is chosen so
 * that Bob's registered click rate equals the honest one:
 * r = R / ((1 - m) Σ_k p_k (1 - P_k(0)) P(Bob's basis = Eve's)), with R the honest registered clicks per
 * slot and m the blinding monitor's test-slot fraction, capped at 1. The trigger pulses also make
 * clicks in the monitor's test slots, which is what {@link org.qnetem.physics.detector.BlindingMonitor}
 * catches.
 */
public record DetectorBlinding() implements Attack {

    @Override
    public PulseKinds kinds(LinkOptics optics) {
        double trigger = triggerProbability(optics);
        int classes = optics.source().classCount();
        PulseKind[] kinds = new PulseKind[classes * PulseKinds.ACTIONS];
        for (int k = 0; k < classes; k++) {
            ClickDistribution fires = new ClickDistribution(trigger * (1 - optics.source().photonNumber(k).vacuum()),
                    0, 0);
            kinds[k * PulseKinds.ACTIONS + PulseKinds.PASS] = new PulseKind(ClickDistribution.NEVER,
                    ClickDistribution.NEVER, ClickDistribution.NEVER, 0, false, false);
            kinds[k * PulseKinds.ACTIONS + PulseKinds.SAME_BASIS] = new PulseKind(fires, ClickDistribution.NEVER,
                    fires, 0, false, true);
            kinds[k * PulseKinds.ACTIONS + PulseKinds.CONJUGATE_BASIS] = new PulseKind(fires,
                    ClickDistribution.NEVER, ClickDistribution.NEVER, 0, true, true);
        }
        return new PulseKinds(optics, kinds, 1, optics.source().basisBiasX(), 0, 0);
    }

    /** r: the probability that Eve fires a trigger pulse when she has a result. */
    public double triggerProbability(LinkOptics optics) {
        double aliceX = optics.source().basisBiasX();
        double bobX = optics.receiver().basisBiasX();
        double bobInEveBasis = aliceX * bobX + (1 - aliceX) * (1 - bobX);
        double results = 0;
        for (int k = 0; k < optics.source().classCount(); k++) {
            results += optics.source().probability(k) * (1 - optics.source().photonNumber(k).vacuum());
        }
        double fullRate = (1 - optics.testSlotFraction()) * results * bobInEveBasis;
        return fullRate == 0 ? 0 : Math.min(1, optics.honestClicksPerSlot() / fullRate);
    }
}
