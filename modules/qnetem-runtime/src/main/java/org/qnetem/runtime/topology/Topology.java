package org.qnetem.runtime.topology;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.qnetem.kms.KmsSettings;

/**
 * A network to emulate: its nodes and the quantum links between them, the key management settings
 * every node's KME uses and the SAEs attached to the KMEs, as loaded from {@code source} (a file path,
 * or {@code "<string>"} for text parsed directly).
 */
public record Topology(String name, String description, List<NodeSpec> nodes, List<LinkSpec> links, String source,
                       KmsSettings keyManagement, List<SaeSpec> saes) {

    public Topology {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(keyManagement, "keyManagement");
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
        saes = List.copyOf(saes);
    }

    /** A topology with default key management and no SAEs. */
    public Topology(String name, String description, List<NodeSpec> nodes, List<LinkSpec> links, String source) {
        this(name, description, nodes, links, source, KmsSettings.defaults(), List.of());
    }

    public Optional<NodeSpec> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    public Optional<LinkSpec> link(String id) {
        return links.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    /** This topology with every link at {@code fidelity} (the run's {@code --fidelity} override). */
    public Topology withFidelity(Fidelity fidelity) {
        return new Topology(name, description, nodes, links.stream().map(l -> l.withFidelity(fidelity)).toList(),
                source, keyManagement, saes);
    }
}
