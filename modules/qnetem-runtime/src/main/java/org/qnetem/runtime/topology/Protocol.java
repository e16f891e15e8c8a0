package org.qnetem.runtime.topology;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The QKD protocol a link runs, named in topology files by {@link #configName()}. */
public enum Protocol {
    DECOY_BB84("decoy-bb84"),
    BBM92("bbm92");

    private final String configName;

    Protocol(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<Protocol> fromConfigName(String name) {
        return Arrays.stream(values()).filter(p -> p.configName.equals(name)).findFirst();
    }

    /** The config names accepted today, comma separated, for error messages. */
    public static String supportedConfigNames() {
        return Arrays.stream(values()).map(Protocol::configName).collect(Collectors.joining(", "));
    }
}
