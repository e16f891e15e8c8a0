package org.qnetem.runtime.topology;

import java.util.Objects;

/** A secure application entity (an ETSI GS QKD 014 client) attached to the KME of {@code node}. */
public record SaeSpec(String id, String node) {

    public SaeSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(node, "node");
    }
}
