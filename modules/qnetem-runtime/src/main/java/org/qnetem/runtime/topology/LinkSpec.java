package org.qnetem.runtime.topology;

import java.util.Objects;
import org.qnetem.physics.channel.FibreChannel;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.source.WeakCoherentSource;
import org.qnetem.qkd.protocol.PostProcessingSettings;

/**
 * A quantum link as declared in a topology file: the transmitting node's source sends pulses in
 * batches of {@code batchPulses} through {@code fibre} to the receiving node's {@code receiver}; both
 * ends turn what they share into key with the same {@code postProcessing} settings.
 */
public record LinkSpec(String id, String transmitterId, String receiverId, Protocol protocol, Fidelity fidelity,
                       long batchPulses, FibreChannel fibre, WeakCoherentSource source, Receiver receiver,
                       PostProcessingSettings postProcessing) {

    public LinkSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(transmitterId, "transmitterId");
        Objects.requireNonNull(receiverId, "receiverId");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(fidelity, "fidelity");
        Objects.requireNonNull(fibre, "fibre");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(postProcessing, "postProcessing");
        if (batchPulses < 1) {
            throw new IllegalArgumentException("a batch needs at least one pulse, got " + batchPulses);
        }
    }
}
