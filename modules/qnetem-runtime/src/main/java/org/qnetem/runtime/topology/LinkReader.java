package org.qnetem.runtime.topology;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qnetem.physics.batch.Bbm92Arm.BasisChoice;
import org.qnetem.physics.channel.FibreChannel;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.qkd.protocol.PostProcessingSettings;
import org.qnetem.runtime.topology.LinkPhysicsReader.PlacedSource;

/** Reads the entries of {@code topology.links}, checking ids against each other and ends against the nodes. */
final class LinkReader {

    private static final long DEFAULT_BATCH_PULSES = 1_000_000;

    private final List<String> declaredNodeIds;
    private final Map<String, String> pathsByLinkId = new HashMap<>();

    /** {@code declaredNodeIds} holds every id a node gives, even a bad one, so a bad node id is reported once. */
    LinkReader(List<String> declaredNodeIds) {
        this.declaredNodeIds = List.copyOf(declaredNodeIds);
    }

    Optional<LinkSpec> read(Section link) {
        link.allowOnly("id", "a", "b", "protocol", "fidelity", "batch-pulses", "fibre", "source", "pair-source",
                "receiver", "post-processing", "authentication");
        Optional<String> transmitterId = link.requiredString("a").filter(id -> isDeclaredNode(link, "a", id));
        Optional<String> receiverId = link.requiredString("b").filter(id -> isDeclaredNode(link, "b", id));
        if (transmitterId.isPresent() && transmitterId.equals(receiverId)) {
            link.reportAt("b", "link from node '" + receiverId.get() + "' to itself; a and b must differ");
        }
        Optional<String> id = linkId(link, transmitterId, receiverId);
        Optional<Protocol> protocol = link.optionalString("protocol", Protocol.DECOY_BB84.configName())
                .flatMap(name -> protocol(link, name));
        Optional<Fidelity> fidelity = link.optionalString("fidelity", Fidelity.FULL.configName())
                .flatMap(name -> fidelity(link, name));
        long batchPulses = link.optionalWholeNumber("batch-pulses", DEFAULT_BATCH_PULSES, 1);
        Optional<FibreChannel> fibre = link.requiredSection("fibre").flatMap(LinkPhysicsReader::fibre);
        Optional<PlacedSource> source = protocol.flatMap(p -> source(link, p, fibre));
        Optional<Section> receiverSection = link.requiredSection("receiver");
        Optional<Receiver> receiver = receiverSection.flatMap(LinkPhysicsReader::receiver);
        Optional<BasisChoice> basisChoice = protocol.flatMap(p -> receiverSection.flatMap(
                section -> LinkPhysicsReader.basisChoice(section, p == Protocol.BBM92, receiver)));
        Optional<PostProcessingSettings> postProcessing = PostProcessingReader.read(link);
        if (fibre.isEmpty() || source.isEmpty() || receiver.isEmpty() || basisChoice.isEmpty()
                || postProcessing.isEmpty()) {
            return Optional.empty();
        }
        return link.build(() -> new LinkSpec(id.orElseThrow(), transmitterId.orElseThrow(),
                receiverId.orElseThrow(), protocol.orElseThrow(), fidelity.orElseThrow(), batchPulses,
                fibre.get(), source.get().source(), source.get().positionKm(), receiver.get(), basisChoice.get(),
                postProcessing.get()));
    }

    /** Decoy BB84 reads a {@code source} at node a, BBM92 a {@code pair-source} on the fibre; not the other. */
    private static Optional<PlacedSource> source(Section link, Protocol protocol, Optional<FibreChannel> fibre) {
        String wrong = protocol == Protocol.BBM92 ? "source" : "pair-source";
        if (link.has(wrong)) {
            link.reportAt(wrong, "not for " + protocol.configName() + " links; " + (protocol == Protocol.BBM92
                    ? "a bbm92 link has a pair-source" : "only a bbm92 link has a pair-source"));
        }
        if (protocol == Protocol.BBM92) {
            double spanKm = fibre.map(FibreChannel::lengthKm).orElse(Double.NaN);
            return link.requiredSection("pair-source").flatMap(section -> LinkPhysicsReader.pairSource(section, spanKm));
        }
        return link.requiredSection("source").flatMap(LinkPhysicsReader::source)
                .map(weak -> new PlacedSource(weak, 0));
    }

    private boolean isDeclaredNode(Section link, String key, String nodeId) {
        if (declaredNodeIds.contains(nodeId)) {
            return true;
        }
        String declared = declaredNodeIds.isEmpty() ? "none" : String.join(", ", declaredNodeIds);
        link.reportAt(key, "unknown node '" + nodeId + "'; declared nodes: " + declared);
        return false;
    }

    /** The explicit id, or "<a>-<b>"; either way it must not repeat an earlier link's. */
    private Optional<String> linkId(Section link, Optional<String> transmitterId, Optional<String> receiverId) {
        boolean explicit = link.has("id");
        Optional<String> id = explicit
                ? link.requiredString("id").filter(given -> Ids.checkSyntax(link, "id", given))
                : transmitterId.flatMap(a -> receiverId.map(b -> a + "-" + b));
        id.ifPresent(given -> {
            String firstPath = pathsByLinkId.putIfAbsent(given, link.path());
            if (firstPath == null) {
                return;
            }
            if (explicit) {
                link.reportAt("id", "duplicate link id '" + given + "', also used by " + firstPath);
            } else {
                link.report("duplicate link id '" + given + "' (the default <a>-<b>), also used by " + firstPath
                        + "; give one of them an explicit id");
            }
        });
        return id;
    }

    private static Optional<Protocol> protocol(Section link, String name) {
        Optional<Protocol> protocol = Protocol.fromConfigName(name);
        if (protocol.isEmpty()) {
            link.reportAt("protocol", "protocol '" + name + "' is not supported yet; supported: "
                    + Protocol.supportedConfigNames());
        }
        return protocol;
    }

    private static Optional<Fidelity> fidelity(Section link, String name) {
        Optional<Fidelity> fidelity = Fidelity.fromConfigName(name);
        if (fidelity.isEmpty()) {
            link.reportAt("fidelity", "fidelity '" + name + "' is not supported; supported: "
                    + Fidelity.supportedConfigNames());
        }
        return fidelity;
    }
}
