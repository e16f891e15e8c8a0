package org.qnetem.runtime.topology;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a node does in the network, named in topology files by {@link #configName()}. A node may have
 * several roles; a node that declares none is an {@link #ENDPOINT}.
 */
public enum NodeRole {
    /** A trusted node that relays key between its neighbours (a backbone relay or a metro hub). */
    TRUSTED_RELAY("trusted-relay"),
    /** A node whose users (SAEs) consume key. */
    ENDPOINT("endpoint"),
    /** A site holding an entangled-pair source. */
    ENTANGLEMENT_SOURCE("entanglement-source"),
    /** A satellite ground station. */
    GROUND_STATION("ground-station");

    private final String configName;

    NodeRole(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<NodeRole> fromConfigName(String name) {
        return Arrays.stream(values()).filter(r -> r.configName.equals(name)).findFirst();
    }

    /** The config names, comma separated, for error messages. */
    public static String supportedConfigNames() {
        return Arrays.stream(values()).map(NodeRole::configName).collect(Collectors.joining(", "));
    }
}
