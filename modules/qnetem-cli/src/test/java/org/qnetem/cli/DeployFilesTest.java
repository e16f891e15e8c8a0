package org.qnetem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.qnetem.runtime.cluster.HostPort;
import org.qnetem.runtime.cluster.MemberSettings;

/**
 * There is no Docker engine or Kubernetes cluster here, so the deployment files are checked against the
 * configuration the members actually load: Artery and management ports, service and label names,
 * discovery settings and probe paths must agree, or a member would start but never join.
 */
class DeployFilesTest {

    private static final Path HOME = Path.of(System.getenv("QNETEM_HOME"));
    private static final ObjectMapper YAML = new YAMLMapper();

    private final Config member = new MemberSettings(List.of(new HostPort("127.0.0.1", 7355)), Optional.empty(),
            OptionalInt.empty(), OptionalInt.empty(), Optional.empty()).config();
    private final Config kubernetes = new MemberSettings(List.of(), Optional.empty(), OptionalInt.empty(),
            OptionalInt.empty(), Optional.of("kubernetes")).config();

    @Test
    void composeMembersUseTheConfiguredPortsAndSeedEachOtherByServiceName() throws IOException {
        JsonNode services = YAML.readTree(HOME.resolve("deploy/docker/docker-compose.yml").toFile()).get("services");
        int artery = member.getInt("pekko.remote.artery.canonical.port");
        int management = member.getInt("pekko.management.http.port");
        Map<String, Integer> arteryPortByService = new HashMap<>();
        List<List<HostPort>> seedLists = new ArrayList<>();
        Set<String> hostPorts = new HashSet<>();
        for (Map.Entry<String, JsonNode> entry : services.properties()) {
            String name = entry.getKey();
            JsonNode service = entry.getValue();
            assertEquals("deploy/docker/Dockerfile", service.at("/build/dockerfile").asText(), name);
            assertEquals(name, service.get("hostname").asText(), name);
            Map<String, String> options = options(service.get("command"), name);
            assertEquals(name, options.get("--host"), name + ": --host");
            assertEquals(artery, Integer.parseInt(options.get("--port")), name + ": --port");
            assertEquals(management, Integer.parseInt(options.get("--management-port")), name + ": --management-port");
            arteryPortByService.put(name, Integer.parseInt(options.get("--port")));
            seedLists.add(HostPort.parseList(options.get("--seed-nodes"), name + ": --seed-nodes"));
            for (JsonNode mapping : service.get("ports")) {
                String[] parts = mapping.asText().split(":");
                assertEquals(management, Integer.parseInt(parts[1]), name + ": published container port");
                assertTrue(hostPorts.add(parts[0]), name + ": host port " + parts[0] + " published twice");
            }
        }
        assertEquals(3, arteryPortByService.size(), "three members");
        for (List<HostPort> seeds : seedLists) {
            assertEquals(seedLists.get(0), seeds, "every member must be given the same seed nodes");
            for (HostPort seed : seeds) {
                assertEquals(arteryPortByService.get(seed.host()), seed.port(), "seed " + seed + " is not a member");
            }
        }
    }

    @Test
    void dockerfileExposesTheConfiguredPortsAndRunsANode() throws IOException {
        String dockerfile = Files.readString(HOME.resolve("deploy/docker/Dockerfile"));
        assertTrue(dockerfile.contains("\nEXPOSE " + member.getInt("pekko.remote.artery.canonical.port") + " "
                + member.getInt("pekko.management.http.port") + "\n"), dockerfile);
        assertTrue(dockerfile.contains("\nENTRYPOINT [\"bin/qnetem\", \"node\"]\n"), dockerfile);
        assertTrue(dockerfile.contains("\nFROM eclipse-temurin:17-jre\n"), dockerfile);
    }

    @Test
    void kubernetesFilesMatchTheKubernetesProfile() throws IOException {
        Map<String, JsonNode> byKind = new HashMap<>();
        try (var documents = YAML.readerFor(JsonNode.class)
                .readValues(new YAMLFactory().createParser(HOME.resolve("deploy/k8s/qnetem.yaml").toFile()))) {
            while (documents.hasNext()) {
                JsonNode document = (JsonNode) documents.next();
                byKind.put(document.get("kind").asText(), document);
            }
        }
        assertEquals(Set.of("ServiceAccount", "Role", "RoleBinding", "Service", "Deployment"), byKind.keySet());
        assertTrue(kubernetes.getBoolean("qnetem.cluster.bootstrap"));
        String bootstrap = "pekko.management.cluster.bootstrap.contact-point-discovery.";
        assertEquals("kubernetes-api", kubernetes.getString(bootstrap + "discovery-method"));
        String serviceName = kubernetes.getString(bootstrap + "service-name");
        String[] label = String.format(kubernetes.getString("pekko.discovery.kubernetes-api.pod-label-selector"),
                serviceName).split("=");
        int artery = kubernetes.getInt("pekko.remote.artery.canonical.port");
        int management = kubernetes.getInt("pekko.management.http.port");
        String managementPortName = kubernetes.getString("pekko.discovery.kubernetes-api.pod-port-name");

        JsonNode deployment = byKind.get("Deployment");
        JsonNode pod = deployment.at("/spec/template");
        assertEquals(label[1], pod.at("/metadata/labels/" + label[0]).asText(), "pod label bootstrap looks for");
        assertEquals(label[1], deployment.at("/spec/selector/matchLabels/" + label[0]).asText());
        assertEquals(kubernetes.getInt(bootstrap + "required-contact-point-nr"), deployment.at("/spec/replicas").asInt());
        JsonNode container = pod.at("/spec/containers/0");
        Map<String, Integer> ports = new HashMap<>();
        container.get("ports").forEach(port -> ports.put(port.get("name").asText(), port.get("containerPort").asInt()));
        assertEquals(Map.of("remoting", artery, managementPortName, management), ports);
        Map<String, JsonNode> env = new HashMap<>();
        container.get("env").forEach(variable -> env.put(variable.get("name").asText(), variable));
        assertEquals("kubernetes", env.get(MemberSettings.PROFILE_ENV).get("value").asText());
        assertEquals("status.podIP", env.get("POD_IP").at("/valueFrom/fieldRef/fieldPath").asText());
        assertEquals(serviceName, env.get("QNETEM_SERVICE_NAME").get("value").asText());
        assertEquals(deployment.at("/spec/replicas").asInt(), env.get("REQUIRED_CONTACT_POINT_NR").get("value").asInt());
        assertEquals("/" + kubernetes.getString("pekko.management.health-checks.readiness-path"),
                container.at("/readinessProbe/httpGet/path").asText());
        assertEquals("/" + kubernetes.getString("pekko.management.health-checks.liveness-path"),
                container.at("/livenessProbe/httpGet/path").asText());
        assertEquals(managementPortName, container.at("/readinessProbe/httpGet/port").asText());
        assertEquals(managementPortName, container.at("/livenessProbe/httpGet/port").asText());

        JsonNode service = byKind.get("Service");
        assertEquals(serviceName, service.at("/metadata/name").asText());
        assertEquals("None", service.at("/spec/clusterIP").asText(), "headless service");
        assertEquals(label[1], service.at("/spec/selector/" + label[0]).asText());
        Map<String, Integer> servicePorts = new HashMap<>();
        service.at("/spec/ports").forEach(port -> {
            assertEquals(port.get("name").asText(), port.get("targetPort").asText());
            servicePorts.put(port.get("name").asText(), port.get("port").asInt());
        });
        assertEquals(ports, servicePorts);

        String account = pod.at("/spec/serviceAccountName").asText();
        assertEquals(account, byKind.get("ServiceAccount").at("/metadata/name").asText());
        JsonNode binding = byKind.get("RoleBinding");
        assertEquals(account, binding.at("/subjects/0/name").asText());
        assertEquals("pod-reader", binding.at("/roleRef/name").asText());
        JsonNode rule = byKind.get("Role").at("/rules/0");
        assertEquals("pod-reader", byKind.get("Role").at("/metadata/name").asText());
        assertEquals("pods", rule.at("/resources/0").asText());
        Set<String> verbs = new HashSet<>();
        rule.get("verbs").forEach(verb -> verbs.add(verb.asText()));
        assertEquals(Set.of("get", "watch", "list"), verbs);
    }

    /** A command array such as {@code ["--port", "7355", ...]} as option → value. */
    private static Map<String, String> options(JsonNode command, String service) {
        assertNotNull(command, service + ": no command");
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < command.size(); i += 2) {
            assertTrue(i + 1 < command.size(), service + ": option " + command.get(i).asText() + " without a value");
            options.put(command.get(i).asText(), command.get(i + 1).asText());
        }
        return options;
    }
}
