package org.qnetem.runtime.topology;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How closely a link is emulated, named in topology files by {@link #configName()}: {@code full} runs
 * every click and key bit through the protocol stack.
 */
public enum Fidelity {
    FULL("full");

    private final String configName;

    Fidelity(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<Fidelity> fromConfigName(String name) {
        return Arrays.stream(values()).filter(f -> f.configName.equals(name)).findFirst();
    }

    /** The config names accepted today, comma separated, for error messages. */
    public static String supportedConfigNames() {
        return Arrays.stream(values()).map(Fidelity::configName).collect(Collectors.joining(", "));
    }
}
