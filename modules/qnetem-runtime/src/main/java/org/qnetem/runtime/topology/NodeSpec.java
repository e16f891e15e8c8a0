package org.qnetem.runtime.topology;

import java.util.Objects;

/** A node as declared in a topology file: its id (used in stream keys and links) and display name. */
public record NodeSpec(String id, String name) {

    public NodeSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
