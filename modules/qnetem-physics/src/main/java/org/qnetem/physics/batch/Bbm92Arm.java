package org.qnetem.physics.batch;

import java.util.Objects;
import org.qnetem.physics.channel.QuantumChannel;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.detector.ThresholdDetector;

/**
 * One side of a BBM92 link: the channel from the pair source to a receiver, and the receiver. A
 * source at Alice's node gives her arm a zero-length channel; a source in the middle splits the link.
 *
 * <p>The receiver's threshold detectors dark-count with their timing's probability per pump pulse
 * (pulsed sources) or per coincidence window (CW sources). The pair samplers do not model dead time or
 * afterpulsing, so detectors with either are refused. Its {@code misalignment} sends each photon independently to
 * the wrong detector of its basis. Its {@code basisBiasX} is the probability of the X basis, chosen as
 * {@link BasisChoice} says.
 */
public record Bbm92Arm(QuantumChannel channel, Receiver receiver, BasisChoice basisChoice) {

    /** How a receiver picks its measurement basis. */
    public enum BasisChoice {
        /** One basis per pulse (a modulator), two detectors; multi-photon pulses see one basis. */
        ACTIVE,
        /**
         * A beam splitter sends each photon to the X analyser with probability {@code basisBiasX}, four
         * detectors. Clicks in both analysers are squashed to a random basis (X with probability
         * {@code basisBiasX}) and a random bit.
         */
        PASSIVE
    }

    public Bbm92Arm {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(basisChoice, "basisChoice");
        ThresholdDetector detector = receiver.detector();
        // Counted in 1 ps slots, any dead time at all spans a slot.
        if (detector.afterpulseProbability() > 0 || detector.timing().deadSlots(1e12) > 0) {
            throw new IllegalArgumentException("BBM92 arms model neither dead time nor afterpulsing; got " + detector);
        }
    }

    /** η: probability that a photon leaving the source at {@code emissionTimePs} is detected. */
    public double efficiencyAt(long emissionTimePs) {
        return channel.transmittanceAt(emissionTimePs) * receiver.efficiency();
    }
}
