package org.qnetem.physics.batch;

import java.util.Objects;
import org.qnetem.physics.channel.QuantumChannel;
import org.qnetem.physics.detector.Receiver;

/**
 * One side of a BBM92 link: the channel from the pair source to a receiver, and the receiver. A
 * source at Alice's node gives her arm a zero-length channel; a source in the middle splits the link.
 *
 * <p>The receiver's threshold detectors have {@code darkCountPerGate} per pump pulse (pulsed sources)
 * or per coincidence window (CW sources). Its {@code misalignment} sends each photon independently to
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
    }

    /** η: probability that a photon leaving the source at {@code emissionTimePs} is detected. */
    public double efficiencyAt(long emissionTimePs) {
        return channel.transmittanceAt(emissionTimePs) * receiver.efficiency();
    }
}
