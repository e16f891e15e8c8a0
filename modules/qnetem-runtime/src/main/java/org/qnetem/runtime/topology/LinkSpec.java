package org.qnetem.runtime.topology;

import java.util.Objects;
import org.qnetem.physics.batch.Bbm92Arm;
import org.qnetem.physics.batch.Bbm92Arm.BasisChoice;
import org.qnetem.physics.channel.FibreChannel;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.source.ContinuousPairSource;
import org.qnetem.physics.source.EntangledPairSource;
import org.qnetem.physics.source.SourceDescriptor;
import org.qnetem.physics.source.WeakCoherentSource;
import org.qnetem.qkd.protocol.PostProcessingSettings;

/**
 * A quantum link as declared in a topology file. Its {@code source} sits {@code sourcePositionKm} along
 * {@code fibre} from node a and sends pulses (or, for a CW pair source, coincidence windows) in batches of
 * {@code batchPulses}; the link's receivers, at b for decoy BB84 and at both ends for BBM92, are
 * {@code receiver}; both ends turn what they share into key with the same {@code postProcessing} settings.
 * A satellite link ({@code satellite} not null) is a free-space downlink from the satellite at node a to the
 * ground station at b whose loss follows the passes ({@link SatelliteDownlink}); its {@code fibre} is the
 * vacuum path at culmination, for reports and the classical channel.
 *
 * <ul>
 *   <li>decoy BB84: a {@link WeakCoherentSource} at node a ({@code sourcePositionKm} 0); Bob's receiver
 *       picks its basis per pulse ({@link BasisChoice#ACTIVE}).</li>
 *   <li>BBM92: an {@link EntangledPairSource} or a {@link ContinuousPairSource} anywhere on the fibre;
 *       each end's receiver picks its basis as {@code basisChoice} says.</li>
 * </ul>
 */
public record LinkSpec(String id, String transmitterId, String receiverId, Protocol protocol, Fidelity fidelity,
                       long batchPulses, FibreChannel fibre, SourceDescriptor source, double sourcePositionKm,
                       Receiver receiver, BasisChoice basisChoice, PostProcessingSettings postProcessing,
                       SatelliteDownlink satellite) {

    public LinkSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(transmitterId, "transmitterId");
        Objects.requireNonNull(receiverId, "receiverId");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(fidelity, "fidelity");
        Objects.requireNonNull(fibre, "fibre");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(basisChoice, "basisChoice");
        Objects.requireNonNull(postProcessing, "postProcessing");
        if (batchPulses < 1) {
            throw new IllegalArgumentException("a batch needs at least one pulse, got " + batchPulses);
        }
        if (!(sourcePositionKm >= 0 && sourcePositionKm <= fibre.lengthKm())) {
            throw new IllegalArgumentException("source position must be within [0, " + fibre.lengthKm()
                    + "] km of node a, got " + sourcePositionKm);
        }
        switch (protocol) {
            case DECOY_BB84 -> {
                if (!(source instanceof WeakCoherentSource) || sourcePositionKm != 0
                        || basisChoice != BasisChoice.ACTIVE) {
                    throw new IllegalArgumentException("decoy BB84 needs a weak coherent source at node a and an"
                            + " active receiver, got " + source + " at " + sourcePositionKm + " km, " + basisChoice);
                }
            }
            case BBM92 -> {
                if (!(source instanceof EntangledPairSource) && !(source instanceof ContinuousPairSource)) {
                    throw new IllegalArgumentException("BBM92 needs a pair source, got " + source);
                }
            }
        }
        if (satellite != null && (protocol != Protocol.DECOY_BB84 || fidelity != Fidelity.STATISTICAL)) {
            throw new IllegalArgumentException("a satellite link runs decoy BB84 at statistical fidelity, got "
                    + protocol.configName() + " at " + fidelity.configName());
        }
    }

    /** A fibre link (no satellite). */
    public LinkSpec(String id, String transmitterId, String receiverId, Protocol protocol, Fidelity fidelity,
                    long batchPulses, FibreChannel fibre, SourceDescriptor source, double sourcePositionKm,
                    Receiver receiver, BasisChoice basisChoice, PostProcessingSettings postProcessing) {
        this(id, transmitterId, receiverId, protocol, fidelity, batchPulses, fibre, source, sourcePositionKm, receiver,
                basisChoice, postProcessing, null);
    }

    /** A decoy-BB84 link: Alice's weak coherent source at node a, Bob's receiver at b. */
    public LinkSpec(String id, String transmitterId, String receiverId, Protocol protocol, Fidelity fidelity,
                    long batchPulses, FibreChannel fibre, WeakCoherentSource source, Receiver receiver,
                    PostProcessingSettings postProcessing) {
        this(id, transmitterId, receiverId, protocol, fidelity, batchPulses, fibre, source, 0, receiver,
                BasisChoice.ACTIVE, postProcessing);
    }

    /** The decoy-BB84 transmitter's source; a BBM92 link has none. */
    public WeakCoherentSource weakCoherentSource() {
        if (source instanceof WeakCoherentSource weak) {
            return weak;
        }
        throw new IllegalStateException("link " + id + " runs " + protocol.configName() + " from " + source
                + ", not a weak coherent source");
    }

    /** BBM92: the fibre from the source to node a, and a's receiver. */
    public Bbm92Arm armA() {
        return new Bbm92Arm(fibreFraction(sourcePositionKm), receiver, basisChoice);
    }

    /** BBM92: the fibre from the source to node b, and b's receiver. */
    public Bbm92Arm armB() {
        return new Bbm92Arm(fibreFraction(fibre.lengthKm() - sourcePositionKm), receiver, basisChoice);
    }

    /** A piece of the span; its extra loss (connectors, splices) is shared in proportion to length. */
    private FibreChannel fibreFraction(double lengthKm) {
        double share = fibre.lengthKm() == 0 ? 0.5 : lengthKm / fibre.lengthKm();
        return new FibreChannel(lengthKm, fibre.attenuationDbPerKm(), fibre.extraLossDb() * share,
                fibre.groupIndex());
    }

    /** Whether this is a free-space satellite downlink ({@link #satellite()}) rather than fibre. */
    public boolean isSatellite() {
        return satellite != null;
    }

    /**
     * This link at {@code newFidelity}, everything else the same; a satellite link stays statistical, the only
     * fidelity its time-varying channel has (so {@code --fidelity full} leaves it as it is).
     */
    public LinkSpec withFidelity(Fidelity newFidelity) {
        return new LinkSpec(id, transmitterId, receiverId, protocol, isSatellite() ? fidelity : newFidelity,
                batchPulses, fibre, source, sourcePositionKm, receiver, basisChoice, postProcessing, satellite);
    }
}
