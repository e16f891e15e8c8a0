package org.qnetem.physics.attack;

import java.util.Objects;
import org.qnetem.physics.detector.ClickDistribution;
import org.qnetem.physics.detector.ClickRenewal;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.source.Bb84Source;

/**
 * The honest link an attack transforms: Alice's source, the channel's transmittance for the batch
 * at hand, and Bob's receiver, with the per-slot numbers of the receiver's detector at the source's
 * clock.
 */
public record LinkOptics(Bb84Source source, double channelTransmittance, Receiver receiver) {

    public LinkOptics {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(receiver, "receiver");
        if (!(channelTransmittance >= 0 && channelTransmittance <= 1)) {
            throw new IllegalArgumentException("channel transmittance must be in [0, 1], got " + channelTransmittance);
        }
    }

    /** η: probability that a photon leaving Alice is registered by one of Bob's detectors. */
    public double transmittance() {
        return channelTransmittance * receiver.efficiency();
    }

    public double darkCountPerSlot() {
        return receiver.detector().timing().darkCountPerSlot(source.clockHz());
    }

    public long deadSlots() {
        return receiver.detector().timing().deadSlots(source.clockHz());
    }

    public double afterpulseProbability() {
        return receiver.detector().afterpulseProbability();
    }

    public double testSlotFraction() {
        return receiver.monitor().testGateFraction();
    }

    /** Share of registered photons on the wrong detector: the misalignment in the photons' basis, else 1/2. */
    public double wrongShare(boolean bobInPhotonBasis) {
        return bobInPhotonBasis ? receiver.misalignment() : 0.5;
    }

    /** Clicks of a class-k pulse that crosses the channel undisturbed. */
    public ClickDistribution honestClicks(int k, boolean bobInPhotonBasis) {
        return ClickDistribution.of(source.photonNumber(k), transmittance(), wrongShare(bobInPhotonBasis),
                darkCountPerSlot());
    }

    /** Probability that an honest live, non-test slot clicks; it does not depend on the bases. */
    public double honestClickPerLiveSlot() {
        double sum = 0;
        for (int k = 0; k < source.classCount(); k++) {
            sum += source.probability(k) * honestClicks(k, true).total();
        }
        return sum;
    }

    /** Registered clicks per slot without an attack, dead time, afterpulses and test slots included. */
    public double honestClicksPerSlot() {
        return new ClickRenewal(honestClickPerLiveSlot(), deadSlots(), afterpulseProbability(), testSlotFraction())
                .clicksPerSlot();
    }
}
