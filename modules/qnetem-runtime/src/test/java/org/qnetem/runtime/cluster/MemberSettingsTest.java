package org.qnetem.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** How a member's options, profile and defaults layer into the configuration its actor system gets. */
class MemberSettingsTest {

    private static final List<HostPort> SEEDS = List.of(new HostPort("127.0.0.1", 7355));

    @Test
    void membersGetFixedDefaultPortsAndTheRunsClusterSettings() {
        Config config = settings(SEEDS, Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), Optional.empty())
                .config();
        assertEquals(7355, config.getInt("pekko.remote.artery.canonical.port"));
        assertEquals(7626, config.getInt("pekko.management.http.port"));
        assertEquals("127.0.0.1", config.getString("pekko.management.http.hostname"));
        assertFalse(config.getBoolean("qnetem.cluster.bootstrap"));
        assertEquals("keep-majority", config.getString("pekko.cluster.split-brain-resolver.active-strategy"));
        assertEquals("cluster", config.getString("pekko.actor.provider"));
    }

    @Test
    void optionsOverrideTheDefaultsAndTheManagementApiFollowsTheHost() {
        Config config = settings(SEEDS, Optional.of("10.1.2.3"), OptionalInt.of(9000), OptionalInt.of(9001),
                Optional.empty()).config();
        assertEquals("10.1.2.3", config.getString("pekko.remote.artery.canonical.hostname"));
        assertEquals(9000, config.getInt("pekko.remote.artery.canonical.port"));
        assertEquals("10.1.2.3", config.getString("pekko.management.http.hostname"));
        assertEquals(9001, config.getInt("pekko.management.http.port"));
    }

    @Test
    void theKubernetesProfileBootstrapsThroughTheKubernetesApi() {
        Config config = settings(List.of(), Optional.empty(), OptionalInt.empty(), OptionalInt.empty(),
                Optional.of("kubernetes")).config();
        assertTrue(config.getBoolean("qnetem.cluster.bootstrap"));
        assertEquals("kubernetes-api",
                config.getString("pekko.management.cluster.bootstrap.contact-point-discovery.discovery-method"));
        assertEquals("qnetem",
                config.getString("pekko.management.cluster.bootstrap.contact-point-discovery.service-name"));
    }

    @Test
    void seedNodesAndBootstrapExcludeEachOther() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings(List.of(), Optional.empty(),
                OptionalInt.empty(), OptionalInt.empty(), Optional.empty()).config())
                .getMessage().startsWith("--seed-nodes: required"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings(SEEDS, Optional.empty(),
                OptionalInt.empty(), OptionalInt.empty(), Optional.of("kubernetes")).config())
                .getMessage().contains("give no seed nodes"));
    }

    @Test
    void rejectsUnknownProfilesBlankHostsAndBadPorts() {
        assertEquals("unknown profile 'swarm'; known profiles: kubernetes",
                assertThrows(IllegalArgumentException.class, () -> settings(SEEDS, Optional.empty(),
                        OptionalInt.empty(), OptionalInt.empty(), Optional.of("swarm"))).getMessage());
        assertEquals("--host must not be empty", assertThrows(IllegalArgumentException.class, () -> settings(SEEDS,
                Optional.of(" "), OptionalInt.empty(), OptionalInt.empty(), Optional.empty())).getMessage());
        assertEquals("--port must be 0..65535, got 70000", assertThrows(IllegalArgumentException.class,
                () -> settings(SEEDS, Optional.empty(), OptionalInt.of(70_000), OptionalInt.empty(),
                        Optional.empty())).getMessage());
    }

    private static MemberSettings settings(List<HostPort> seeds, Optional<String> host, OptionalInt port,
                                           OptionalInt management, Optional<String> profile) {
        return new MemberSettings(seeds, host, port, management, profile);
    }
}
