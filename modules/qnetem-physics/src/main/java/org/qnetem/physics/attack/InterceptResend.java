package org.qnetem.physics.attack;

import org.qnetem.physics.detector.ClickDistribution;
import org.qnetem.physics.source.PhotonNumber;

/**
 * Intercept-resend on a fraction {@code fraction} of the pulses. At Alice's output, Eve measures each
 * pulse she attacks with an ideal photon-number-resolving detector in a random basis (X with Alice's
 * basis bias): she learns Alice's bit when her basis is Alice's, a random bit otherwise. She then
 * sends on, into the rest of the channel, as many photons as she received, all prepared in her
 * basis and bit.
 *
 * <p>So an empty pulse stays empty (she has nothing to measure and sends nothing, and Bob can only
 * dark-count), and a multi-photon pulse is resent whole: its extra photons teach her nothing more
 * here (photon-number splitting is the attack that uses them). Bob's click probability is that of the
 * honest link in every case; only the state of the photons changes. On the sifted bits this adds an
 * error rate of f(1/4 - e/2) to an honest error rate e, the textbook f/4 when e is small; Eve knows
 * the bit of every sifted detection of a non-empty pulse she measured in Alice's basis.
 */
public record InterceptResend(double fraction) implements Attack {

    public InterceptResend {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("attacked fraction must be in [0, 1], got " + fraction);
        }
    }

    @Override
    public PulseKinds kinds(LinkOptics optics) {
        int classes = optics.source().classCount();
        PulseKind[] kinds = new PulseKind[classes * PulseKinds.ACTIONS];
        for (int k = 0; k < classes; k++) {
            PulseKind honest = PulseKind.honest(optics, k);
            PhotonNumber photons = optics.source().photonNumber(k);
            double empty = photons.vacuum();
            // Bob's sifted clicks on pulses that were empty when Eve looked: dark counts only.
            ClickDistribution fromEmptyPulses = ClickDistribution.ofGroup(t -> empty, empty, optics.transmittance(),
                    optics.wrongShare(true), optics.darkCountPerSlot());
            ClickDistribution eveKnows = honest.bobInPhotonBasis().without(fromEmptyPulses);
            kinds[k * PulseKinds.ACTIONS + PulseKinds.PASS] = honest;
            kinds[k * PulseKinds.ACTIONS + PulseKinds.SAME_BASIS] = new PulseKind(honest.bobInPhotonBasis(),
                    honest.bobInOtherBasis(), eveKnows, 1 - empty, false, false);
            kinds[k * PulseKinds.ACTIONS + PulseKinds.CONJUGATE_BASIS] = new PulseKind(honest.bobInPhotonBasis(),
                    honest.bobInOtherBasis(), ClickDistribution.NEVER, 0, true, false);
        }
        return new PulseKinds(optics, kinds, fraction, optics.source().basisBiasX(), optics.deadSlots(),
                optics.afterpulseProbability());
    }
}
