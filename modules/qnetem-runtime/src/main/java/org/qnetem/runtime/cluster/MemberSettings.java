package org.qnetem.runtime.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.qnetem.runtime.QnetemConfig;

/**
 * What a cluster member is told on its command line. Empty values keep the configuration's own
 * (from {@code qnetem-member.conf}, the profile, or {@code application.conf}).
 *
 * @param seedNodes the members to join; empty only when the profile discovers them (cluster bootstrap)
 * @param profile   a configuration profile such as {@code kubernetes} ({@code qnetem-kubernetes.conf})
 */
public record MemberSettings(List<HostPort> seedNodes, Optional<String> host, OptionalInt port,
                             OptionalInt managementPort, Optional<String> profile) {

    /** The environment variable that selects a profile when no option does. */
    public static final String PROFILE_ENV = "QNETEM_PROFILE";
    /** Profiles that ship with QNetEm, each a {@code qnetem-NAME.conf} resource. */
    public static final List<String> PROFILES = List.of("kubernetes");

    public MemberSettings {
        seedNodes = List.copyOf(seedNodes);
        port.ifPresent(p -> HostPort.checkPort(p, "--port"));
        managementPort.ifPresent(p -> HostPort.checkPort(p, "--management-port"));
        if (host.isPresent() && host.get().isBlank()) {
            throw new IllegalArgumentException("--host must not be empty");
        }
        if (profile.isPresent() && !PROFILES.contains(profile.get())) {
            throw new IllegalArgumentException("unknown profile '" + profile.get() + "'; known profiles: "
                    + String.join(", ", PROFILES));
        }
    }

    /**
     * The member's configuration: system properties, these settings, {@code application.conf}, the
     * profile, {@code qnetem-member.conf}, then what every run uses ({@link QnetemConfig}).
     */
    public Config config() {
        Config above = ConfigFactory.empty();
        if (host.isPresent()) {
            above = above.withValue("pekko.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(host.get()));
        }
        if (port.isPresent()) {
            above = above.withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(port.getAsInt()));
        }
        if (managementPort.isPresent()) {
            above = above.withValue("pekko.management.http.port",
                    ConfigValueFactory.fromAnyRef(managementPort.getAsInt()));
        }
        Config below = QnetemConfig.resource("/qnetem-member.conf");
        if (profile.isPresent()) {
            below = QnetemConfig.resource("/qnetem-" + profile.get() + ".conf").withFallback(below);
        }
        Config config = QnetemConfig.load(above, below);
        boolean bootstrap = config.getBoolean("qnetem.cluster.bootstrap");
        if (bootstrap && !seedNodes.isEmpty()) {
            throw new IllegalArgumentException("--seed-nodes: the " + profile.orElse("configured")
                    + " profile finds members by cluster bootstrap; give no seed nodes");
        }
        if (!bootstrap && seedNodes.isEmpty()) {
            throw new IllegalArgumentException("--seed-nodes: required (host:port[,host:port]) unless a profile with"
                    + " cluster bootstrap is selected (--profile kubernetes)");
        }
        return config;
    }
}
