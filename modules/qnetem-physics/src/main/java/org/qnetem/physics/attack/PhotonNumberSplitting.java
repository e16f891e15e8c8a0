package org.qnetem.physics.attack;

import java.util.function.DoubleUnaryOperator;
import org.qnetem.physics.detector.ClickDistribution;
import org.qnetem.physics.source.PhotonNumber;

/**
 * Photon-number splitting. Eve measures the photon number of every pulse at Alice's output without
 * disturbing its polarisation, and replaces the lossy channel by a lossless one up to Bob's receiver.
 * From every pulse of n &gt;= 2 photons she keeps one in a quantum memory; after Alice announces her
 * bases she measures it in the right basis, so she knows the bit of every multi-photon pulse. The
 * other n - 1 photons she forwards. Single-photon pulses she cannot split, and forwards or blocks.
 *
 * <p>Blocking keeps Bob's click probability per live slot at the honest value C (hence the same click
 * rate, dead time and afterpulses included):
 * <ul>
 *   <li>if forwarding everything gives C or more, she blocks single-photon pulses with probability
 *       b1 = (C_all − C) / (C_all − C_multi) and forwards every multi-photon remainder;</li>
 *   <li>if even forwarding only the multi-photon remainders gives more than C (high loss), she
 *       blocks every single-photon pulse and also blocks multi-photon pulses, after keeping their
 *       photon, with probability b2 = (C_multi − C) / (C_multi − C_none);</li>
 * </ul>
 * where C_all, C_multi and C_none are Bob's click probabilities when Eve forwards everything, only
 * multi-photon remainders, or nothing. b1 is clamped at 0: at short range even forwarding everything
 * leaves Bob short of clicks, and the rate betrays Eve. Bob's errors come from misalignment and dark
 * counts as on the honest link. Decoy states expose the attack: Eve's blocking cannot depend on the
 * intensity class, so the classes' gains move away from the honest ones.
 *
 * <p>Which pulses Eve blocks is her random choice, and only Bob's clicks ever reveal it; so it is part
 * of each pulse's response (a mixture of blocked and forwarded) rather than a per-pulse lookup. The
 * sampler then never visits the many pulses Eve blocks at long range, and its cost still follows
 * Bob's detections.
 */
public record PhotonNumberSplitting() implements Attack {

    /** Eve's blocking probabilities: b1 for single-photon pulses, b2 for multi-photon ones. */
    public record Blocking(double singles, double multis) {
    }

    @Override
    public PulseKinds kinds(LinkOptics optics) {
        Blocking blocking = blocking(optics);
        PulseKind[] perClass = new PulseKind[optics.source().classCount()];
        for (int k = 0; k < perClass.length; k++) {
            perClass[k] = kind(optics, optics.source().photonNumber(k), blocking);
        }
        return PulseKinds.withoutChoices(optics, perClass);
    }

    /** The blocking that keeps Bob's live-slot click probability at the honest value. */
    public Blocking blocking(LinkOptics optics) {
        double honest = optics.honestClickPerLiveSlot();
        double all = clickPerLiveSlot(optics, new Blocking(0, 0));
        double multisOnly = clickPerLiveSlot(optics, new Blocking(1, 0));
        if (honest >= multisOnly) {
            return new Blocking(all > multisOnly ? Math.max(0, (all - honest) / (all - multisOnly)) : 0, 0);
        }
        double none = clickPerLiveSlot(optics, new Blocking(1, 1));
        return new Blocking(1, (multisOnly - honest) / (multisOnly - none));
    }

    private static double clickPerLiveSlot(LinkOptics optics, Blocking blocking) {
        double sum = 0;
        for (int k = 0; k < optics.source().classCount(); k++) {
            PulseKind kind = kind(optics, optics.source().photonNumber(k), blocking);
            sum += optics.source().probability(k) * kind.bobInPhotonBasis().total();
        }
        return sum;
    }

    /** Pulses of {@code photons} after Eve: singles and multi-photon remainders blocked or forwarded. */
    private static PulseKind kind(LinkOptics optics, PhotonNumber photons, Blocking blocking) {
        double t = optics.receiver().efficiency();
        double empty = photons.vacuum();
        double single = photons.single();
        double multi = photons.multi();
        double b1 = blocking.singles();
        double b2 = blocking.multis();
        // E[(1 - u)^forwarded ; n >= 2]: n - 1 photons from the pulses she forwards, none from the rest.
        DoubleUnaryOperator fromMulti = u -> b2 * multi + (1 - b2) * photons.multiLessOne(1 - u);
        DoubleUnaryOperator forwarded = u -> empty + single * (b1 + (1 - b1) * (1 - u)) + fromMulti.applyAsDouble(u);
        double dark = optics.darkCountPerSlot();
        ClickDistribution inPhotonBasis = ClickDistribution.ofGroup(forwarded, 1, t, optics.wrongShare(true), dark);
        ClickDistribution inOtherBasis = ClickDistribution.ofGroup(forwarded, 1, t, optics.wrongShare(false), dark);
        ClickDistribution eveKnows = ClickDistribution.ofGroup(fromMulti, multi, t, optics.wrongShare(true), dark);
        return new PulseKind(inPhotonBasis, inOtherBasis, eveKnows, multi, false, false);
    }
}
