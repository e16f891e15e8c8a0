package org.qnetem.runtime.topology;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How closely a link is emulated, named in topology files by {@link #configName()}: {@code full} runs
 * every click and key bit through the protocol stack; {@code statistical} draws each batch's counts from
 * the same physics and gives each key block the length of the same finite-key formula, with no clicks,
 * no classical messages and key material drawn once for both ends (DESIGN.md, "Two fidelities per link").
 */
public enum Fidelity {
    FULL("full"),
    STATISTICAL("statistical");

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
