package org.qnetem.runtime.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qnetem.kms.KmsSettings;
import org.qnetem.physics.batch.Bbm92Arm.BasisChoice;
import org.qnetem.physics.channel.FibreChannel;
import org.qnetem.physics.detector.FreeRunningTiming;
import org.qnetem.physics.detector.GatedTiming;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.detector.ThresholdDetector;
import org.qnetem.physics.source.ContinuousPairSource;
import org.qnetem.physics.source.EntangledPairSource;
import org.qnetem.physics.source.WeakCoherentSource;
import org.qnetem.qkd.protocol.PostProcessingSettings;

class TopologyLoaderTest {

    /** Surefire runs in the module directory; the shipped configs live at the repository root. */
    private static final Path TWO_NODE = Path.of("../../config/two-node.conf");
    private static final Path RESOURCES = Path.of("src/test/resources/topology");

    @Test
    void loadsTheDefaultTwoNodeScenario() {
        Topology topology = TopologyLoader.load(TWO_NODE);

        assertEquals("two-node", topology.name());
        assertEquals("Alice and Bob over 25 km of standard fibre, 1 GHz decoy-state BB84, gated InGaAs detectors",
                topology.description());
        assertEquals(TWO_NODE.toString(), topology.source());
        assertEquals(List.of(new NodeSpec("ALICE", "Alice", Optional.empty(), List.of(NodeRole.ENDPOINT),
                        Optional.of(new KmeEndpoint("127.0.0.1", 8443))),
                new NodeSpec("BOB", "Bob", Optional.empty(), List.of(NodeRole.ENDPOINT),
                        Optional.of(new KmeEndpoint("127.0.0.1", 8444)))), topology.nodes());
        assertEquals(List.of(new SaeSpec("alice-app", "ALICE"), new SaeSpec("bob-app", "BOB")), topology.saes());
        assertEquals(KmsSettings.defaults(), topology.keyManagement(), "the file spells out the defaults");
        LinkSpec link = topology.link("ALICE-BOB").orElseThrow();
        assertEquals(List.of(link), topology.links());
        assertEquals("ALICE", link.transmitterId());
        assertEquals("BOB", link.receiverId());
        assertEquals(Protocol.DECOY_BB84, link.protocol());
        assertEquals(Fidelity.FULL, link.fidelity());
        assertEquals(10_000_000, link.batchPulses());
        assertEquals(new FibreChannel(25, 0.2, 0.0, 1.468), link.fibre());
        assertEquals(new WeakCoherentSource(1e9, new double[] {0.53, 0.26, 0.0002}, new double[] {0.28, 0.5, 0.22}, 0.8),
                link.source());
        assertEquals(new ThresholdDetector(0.1, new GatedTiming(6e-7, 0), 0, 0), link.receiver().detector());
        assertEquals(1.0, link.receiver().opticsEfficiency());
        assertEquals(0.01, link.receiver().misalignment());
        assertEquals(0.8, link.receiver().basisBiasX());
        assertEquals("Bob", topology.node("BOB").orElseThrow().name());
        assertEquals(5.0, link.fibre().lossDb(), 1e-12);
        assertEquals(new PostProcessingSettings(1_000_000, 0.11, 1e-10, 1e-15, 1_048_576),
                link.postProcessing());
    }

    @Test
    void loadsTheBbm92Scenario() {
        Path path = Path.of("../../config/two-node-bbm92.conf");
        LinkSpec link = TopologyLoader.load(path).link("ALICE-BOB").orElseThrow();

        assertEquals(Protocol.BBM92, link.protocol());
        assertEquals(new ContinuousPairSource(1e7, 500, 100, 0.98), link.source());
        assertEquals(5.0, link.sourcePositionKm());
        assertEquals(BasisChoice.PASSIVE, link.basisChoice());
        assertEquals(new ThresholdDetector(0.8, new FreeRunningTiming(25, 0), 0, 0), link.receiver().detector());
        assertEquals(0.5, link.receiver().opticsEfficiency());
        assertEquals(new FibreChannel(5, 0.2, 0, 1.468), link.armA().channel());
        assertEquals(new FibreChannel(5, 0.2, 0, 1.468), link.armB().channel());
        IllegalStateException e = assertThrows(IllegalStateException.class, link::weakCoherentSource);
        assertTrue(e.getMessage().startsWith("link ALICE-BOB runs bbm92 from ContinuousPairSource["), e.getMessage());
    }

    @Test
    void aBbm92PairSourceSitsInTheMiddleByDefaultAndItsArmsShareTheExtraLoss() {
        String text = TopologyTexts.minimalBbm92With("fibre { length-km = 10 }",
                "fibre { length-km = 10, extra-loss-db = 2 }")
                .replace("kind = continuous, pair-rate-hz = 1e7, coincidence-window-ps = 500",
                        "kind = pulsed, clock-hz = 1e8, mean-pairs-per-pulse = 0.1, position-km = 2.5");
        LinkSpec link = TopologyLoader.parse(text, "<string>").links().get(0);

        assertEquals(new EntangledPairSource(1e8, 0.1, 0.98), link.source());
        assertEquals(2.5, link.sourcePositionKm());
        assertEquals(new FibreChannel(2.5, 0.2, 0.5, FibreChannel.SMF28_GROUP_INDEX), link.armA().channel());
        assertEquals(new FibreChannel(7.5, 0.2, 1.5, FibreChannel.SMF28_GROUP_INDEX), link.armB().channel());

        LinkSpec middle = TopologyLoader.parse(TopologyTexts.MINIMAL_BBM92, "<string>").links().get(0);
        assertEquals(5.0, middle.sourcePositionKm());
        assertEquals(BasisChoice.PASSIVE, middle.basisChoice());
        assertEquals(new ContinuousPairSource(1e7, 500, 0, 0.98), middle.source());
        LinkSpec active = TopologyLoader.parse(TopologyTexts.minimalBbm92With("dark-count-rate-hz = 25",
                "dark-count-rate-hz = 25, basis-choice = active"), "<string>").links().get(0);
        assertEquals(BasisChoice.ACTIVE, active.basisChoice());
    }

    @Test
    void fillsInEveryOptionalSettingWithItsDefault() {
        Topology topology = TopologyLoader.parse(TopologyTexts.MINIMAL, "<string>");

        assertEquals("", topology.description());
        assertEquals("<string>", topology.source());
        assertEquals("ALICE", topology.node("ALICE").orElseThrow().name());
        LinkSpec link = topology.link("ALICE-BOB").orElseThrow();
        assertEquals(Protocol.DECOY_BB84, link.protocol());
        assertEquals(Fidelity.FULL, link.fidelity());
        assertEquals(1_000_000, link.batchPulses());
        assertEquals(new FibreChannel(25, 0.2, 0, FibreChannel.SMF28_GROUP_INDEX), link.fibre());
        assertEquals(0.5, link.weakCoherentSource().basisBiasX());
        assertArrayEquals(new double[] {0.5, 0.1, 0.0002}, link.weakCoherentSource().intensities());
        Receiver receiver = link.receiver();
        assertEquals(1.0, receiver.opticsEfficiency());
        assertEquals(0.01, receiver.misalignment());
        assertEquals(0.5, receiver.basisBiasX());
        assertEquals(PostProcessingSettings.defaults(), link.postProcessing());
    }

    @Test
    void acceptsStatisticalFidelityPerLinkAndTheRunCanOverrideIt() {
        Topology topology = TopologyLoader.parse(
                TopologyTexts.minimalWith("b = \"BOB\"", "b = \"BOB\", fidelity = statistical"), "<string>");
        assertEquals(Fidelity.STATISTICAL, topology.links().get(0).fidelity());
        Topology full = topology.withFidelity(Fidelity.FULL);
        assertEquals(Fidelity.FULL, full.links().get(0).fidelity());
        assertEquals(topology.links().get(0).withFidelity(Fidelity.FULL), full.links().get(0));
        assertEquals(topology.nodes(), full.nodes());
    }

    @Test
    void readsPostProcessingAndAuthenticationSettings() {
        String text = TopologyTexts.minimalWith("b = \"BOB\"", """
                b = "BOB"
                      post-processing {
                        key-block-bits = 65536, qber-abort-threshold = 0.08
                        epsilon-secrecy = 1e-9, epsilon-correctness = 1e-12
                      }
                      authentication { pre-shared-key-bits = 4096 }""");

        LinkSpec link = TopologyLoader.parse(text, "<string>").links().get(0);

        assertEquals(new PostProcessingSettings(65_536, 0.08, 1e-9, 1e-12, 4096), link.postProcessing());
    }

    @Test
    void fillsInTheKeysAPostProcessingSectionLeavesOut() {
        String text = TopologyTexts.minimalWith("b = \"BOB\"",
                "b = \"BOB\", post-processing { key-block-bits = 4096 }, authentication { }");

        LinkSpec link = TopologyLoader.parse(text, "<string>").links().get(0);

        assertEquals(PostProcessingSettings.defaults().withKeyBlockBits(4096), link.postProcessing());
    }

    @Test
    void acceptsTheBoundsOfEachPostProcessingSetting() {
        String text = TopologyTexts.minimalWith("b = \"BOB\"", "b = \"BOB\""
                + ", post-processing { key-block-bits = 1073741823, qber-abort-threshold = 0.5 }"
                + ", authentication { pre-shared-key-bits = 256 }");

        LinkSpec link = TopologyLoader.parse(text, "<string>").links().get(0);

        assertEquals(new PostProcessingSettings(1_073_741_823, 0.5, 1e-10, 1e-15, 256), link.postProcessing());
    }

    @Test
    void readsAGatedDetectorWithDeadTimeAndAfterpulses() {
        String text = TopologyTexts.minimalWith("dark-count-per-gate = 6e-7",
                "dark-count-per-gate = 6e-7, dead-time-gates = 20, afterpulse-probability = 0.04, timing-jitter-ps = 80");

        Receiver receiver = TopologyLoader.parse(text, "<string>").links().get(0).receiver();

        assertEquals(new ThresholdDetector(0.1, new GatedTiming(6e-7, 20), 0.04, 80), receiver.detector());
    }

    @Test
    void readsAFreeRunningDetector() {
        String text = TopologyTexts.minimalWith("dark-count-per-gate = 6e-7",
                "detector-mode = free-running, dark-count-rate-hz = 100, dead-time-ps = 50000");

        Receiver receiver = TopologyLoader.parse(text, "<string>").links().get(0).receiver();

        assertEquals(new ThresholdDetector(0.1, new FreeRunningTiming(100, 50_000), 0, 0), receiver.detector());
    }

    @Test
    void lookupsOfUndeclaredIdsAreEmpty() {
        Topology topology = TopologyLoader.parse(TopologyTexts.MINIMAL, "<string>");

        assertEquals(true, topology.node("CAROL").isEmpty());
        assertEquals(true, topology.link("BOB-ALICE").isEmpty());
    }

    @Test
    void resolvesSubstitutionsWithinTheFile() {
        String text = TopologyTexts.MINIMAL.replace("name = \"t\"", "name = \"t\"\n  description = ${topology.name}");

        assertEquals("t", TopologyLoader.parse(text, "<string>").description());
    }

    @Test
    void doesNotResolveSubstitutionsFromTheEnvironment() {
        String text = TopologyTexts.MINIMAL.replace("name = \"t\"", "name = ${PATH}");

        TopologyException e = assertThrows(TopologyException.class, () -> TopologyLoader.parse(text, "env.conf"));

        assertEquals(List.of("env.conf: Could not resolve substitution to a value: ${PATH} (line 2)"), e.problems());
    }

    @Test
    void reportsAMissingFile() {
        Path missing = RESOURCES.resolve("no-such.conf");

        TopologyException e = assertThrows(TopologyException.class, () -> TopologyLoader.load(missing));

        assertEquals(missing + ": file not found", e.getMessage());
    }

    @Test
    void reportsADirectory() {
        TopologyException e = assertThrows(TopologyException.class, () -> TopologyLoader.load(RESOURCES));

        assertEquals(RESOURCES + ": not a regular file", e.getMessage());
    }

    @Test
    void reportsASyntaxErrorWithItsLine() {
        Path file = RESOURCES.resolve("syntax-error.conf");

        TopologyException e = assertThrows(TopologyException.class, () -> TopologyLoader.load(file));

        assertEquals(1, e.problems().size(), e.getMessage());
        String problem = e.problems().get(0);
        assertEquals(true, problem.startsWith(file + ": syntax error: "), problem);
        assertEquals(true, problem.endsWith(" (line 4)"), problem);
    }

    @Test
    void reportsEveryProblemOfAFileInOneMessage() {
        Path file = RESOURCES.resolve("several-problems.conf");

        TopologyException e = assertThrows(TopologyException.class, () -> TopologyLoader.load(file));

        assertEquals(List.of(
                file + ": topology.name: missing required key (line 1)",
                file + ": topology.nodes[1].id: 'bob smith' is not a valid id: use a letter or digit, then letters,"
                        + " digits, '_', '.' or '-' ([A-Za-z0-9][A-Za-z0-9_.-]*) (line 5)",
                file + ": topology.links[0].b: unknown node 'CAROL'; declared nodes: ALICE, bob smith (line 10)",
                file + ": topology.links[0].fibre.length-km: must be >= 0, got -5.0 (line 12)",
                file + ": topology.links[0].source.probabilities: must sum to 1 (within 1e-9), got 0.9 (line 13)",
                file + ": topology.links[0].receiver.dark-count-per-gate: missing required key (line 14)"),
                e.problems());
        assertEquals(String.join("\n", e.problems()), e.getMessage());
    }

    /**
     * A cluster's members parse the coordinator's resolved text without the file beside them: includes and
     * substitutions must be gone from it, and it must read back to the topology the file gives.
     */
    @Test
    void theResolvedTextReadsBackToTheSameTopologyWithoutTheFilesItIncluded(@TempDir Path directory)
            throws IOException {
        Path uk = Path.of("../../config/uk-bristol-cambridge.conf");
        Files.writeString(directory.resolve("base.conf"), Files.readString(TWO_NODE));
        Path file = directory.resolve("renamed.conf");
        Files.writeString(file, "include \"base.conf\"\n"
                + "topology.name = ${topology.name}\"-copy\"\n");

        Topology loaded = TopologyLoader.load(file);
        String text = TopologyLoader.resolvedText(file);
        Files.delete(directory.resolve("base.conf"));

        assertTrue(!text.contains("${") && !text.contains("include"), text);
        Topology parsed = TopologyLoader.parse(text, file.toString());
        assertEquals("two-node-copy", parsed.name());
        assertEquals(loaded, parsed);
        assertEquals(TopologyLoader.load(uk), TopologyLoader.parse(TopologyLoader.resolvedText(uk), uk.toString()));
    }

    @Test
    void theResolvedTextOfAMissingFileFailsAsLoadingItDoes() {
        Path missing = RESOURCES.resolve("no-such-file.conf");
        TopologyException e = assertThrows(TopologyException.class, () -> TopologyLoader.resolvedText(missing));
        assertEquals(List.of(missing + ": file not found"), e.problems());
    }
}
