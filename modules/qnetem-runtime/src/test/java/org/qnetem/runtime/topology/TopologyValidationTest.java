package org.qnetem.runtime.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qnetem.runtime.topology.TopologyTexts.minimalWith;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One bad input per test, each against the file name, path, reason and line it must be reported with. */
class TopologyValidationTest {

    private static final String FILE = "bad.conf";

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            length-km = 25       | length-km = -5                                     | topology.links[0].fibre.length-km: must be >= 0, got -5.0 (line 11)
            length-km = 25       | length-km = 25, attenuation-db-per-km = -0.2       | topology.links[0].fibre.attenuation-db-per-km: must be >= 0, got -0.2 (line 11)
            length-km = 25       | length-km = 25, extra-loss-db = -1                 | topology.links[0].fibre.extra-loss-db: must be >= 0, got -1.0 (line 11)
            length-km = 25       | length-km = 25, group-index = 0.9                  | topology.links[0].fibre.group-index: must be >= 1, got 0.9 (line 11)
            clock-hz = 1e9       | clock-hz = 0                                       | topology.links[0].source.clock-hz: must be > 0, got 0.0 (line 12)
            0.0002]              | -0.0002]                                           | topology.links[0].source.intensities[2]: must be >= 0, got -2.0E-4 (line 12)
            0.15, 0.05]          | 0.15, 0.04]                                        | topology.links[0].source.probabilities: must sum to 1 (within 1e-9), got 0.99 (line 12)
            [0.8, 0.15, 0.05]    | [0.8, 0.2]                                         | topology.links[0].source.probabilities: needs one probability per intensity: 3 intensities, 2 probabilities (line 12)
            [0.5, 0.1, 0.0002], probabilities = [0.8, 0.15, 0.05] | [0.5, 0.1, 0.01, 0.0002], probabilities = [0.7, 0.15, 0.1, 0.05] | topology.links[0].source.intensities: at most 3 intensities (a signal and two decoys), got 4 (line 12)
            [0.5, 0.1, 0.0002]   | []                                                 | topology.links[0].source.intensities: must list at least one intensity (line 12)
            1e9,                 | 1e9, basis-bias-x = 1.2,                           | topology.links[0].source.basis-bias-x: must be in [0, 1], got 1.2 (line 12)
            efficiency = 0.1     | efficiency = 0                                     | topology.links[0].receiver.detector-efficiency: must be in (0, 1], got 0.0 (line 13)
            receiver {           | receiver { optics-efficiency = 1.5,                | topology.links[0].receiver.optics-efficiency: must be in (0, 1], got 1.5 (line 13)
            per-gate = 6e-7      | per-gate = 1                                       | topology.links[0].receiver.dark-count-per-gate: must be in [0, 1), got 1.0 (line 13)
            receiver {           | receiver { misalignment = 0.6,                     | topology.links[0].receiver.misalignment: must be in [0, 0.5], got 0.6 (line 13)
            receiver {           | receiver { basis-bias-x = -0.1,                    | topology.links[0].receiver.basis-bias-x: must be in [0, 1], got -0.1 (line 13)
            b = "BOB"            | b = "BOB", batch-pulses = 0                        | topology.links[0].batch-pulses: must be >= 1, got 0 (line 10)
            b = "BOB"            | b = "BOB", batch-pulses = 1.5                      | topology.links[0].batch-pulses: expected a whole number, got number 1.5 (line 10)
            b = "BOB"            | b = "BOB", protocol = e91                          | topology.links[0].protocol: protocol 'e91' is not supported yet; supported: decoy-bb84, bbm92 (line 10)
            b = "BOB"            | b = "BOB", pair-source { kind = pulsed }           | topology.links[0].pair-source: not for decoy-bb84 links; only a bbm92 link has a pair-source (line 10)
            receiver {           | receiver { basis-choice = passive,                 | topology.links[0].receiver.basis-choice: only for bbm92 links (a decoy-bb84 receiver chooses actively) (line 13)
            b = "BOB"            | b = "BOB", fidelity = approximate                  | topology.links[0].fidelity: fidelity 'approximate' is not supported; supported: full, statistical (line 10)
            length-km = 25       | length-km = "far"                                  | topology.links[0].fibre.length-km: expected a number, got string "far" (line 11)
            [0.5, 0.1, 0.0002]   | 0.5                                                | topology.links[0].source.intensities: expected a list, got number 0.5 (line 12)
            a = "ALICE"          | a = 42                                             | topology.links[0].a: expected a string, got number 42 (line 9)
            fibre { length-km = 25 } | fibre = 25                                     | topology.links[0].fibre: expected an object, got number 25 (line 11)
            length-km = 25       | length-km = 25, length = 25                        | topology.links[0].fibre.length: unknown key 'length'; allowed keys: length-km, attenuation-db-per-km, extra-loss-db, group-index (line 11)
            receiver {           | receiver { gate-hz = 1e9,                          | topology.links[0].receiver.gate-hz: unknown key 'gate-hz'; allowed keys: optics-efficiency, detector-efficiency, detector-mode, dark-count-per-gate, dead-time-gates, dark-count-rate-hz, dead-time-ps, afterpulse-probability, timing-jitter-ps, misalignment, basis-bias-x, basis-choice (line 13)
            receiver {           | receiver { detector-mode = geiger,                 | topology.links[0].receiver.detector-mode: detector mode 'geiger' is not known; known: gated, free-running (line 13)
            receiver {           | receiver { dead-time-ps = 50000,                   | topology.links[0].receiver.dead-time-ps: only for free-running detectors (set detector-mode = free-running) (line 13)
            receiver {           | receiver { dead-time-gates = -1,                   | topology.links[0].receiver.dead-time-gates: must be >= 0, got -1 (line 13)
            receiver {           | receiver { dead-time-gates = 2.5,                  | topology.links[0].receiver.dead-time-gates: expected a whole number, got number 2.5 (line 13)
            receiver {           | receiver { afterpulse-probability = 1,             | topology.links[0].receiver.afterpulse-probability: must be in [0, 1), got 1.0 (line 13)
            receiver {           | receiver { timing-jitter-ps = -3,                  | topology.links[0].receiver.timing-jitter-ps: must be >= 0, got -3.0 (line 13)
            dark-count-per-gate = 6e-7 | detector-mode = free-running, dark-count-rate-hz = -1 | topology.links[0].receiver.dark-count-rate-hz: must be >= 0, got -1.0 (line 13)
            dark-count-per-gate = 6e-7 | detector-mode = free-running              | topology.links[0].receiver.dark-count-rate-hz: missing required key (line 13)
            dark-count-per-gate = 6e-7 | detector-mode = free-running, dark-count-rate-hz = 100, dead-time-gates = 3 | topology.links[0].receiver.dead-time-gates: only for gated detectors (set detector-mode = gated) (line 13)
            source {             | source { seed = 1,                                 | topology.links[0].source.seed: unknown key 'seed'; allowed keys: clock-hz, intensities, probabilities, basis-bias-x (line 12)
            b = "BOB"            | b = "BOB", kind = laser                            | topology.links[0].kind: link kind 'laser' is not supported; supported: fibre, satellite (line 10)
            b = "BOB"            | b = "BOB", satellite { max-elevation-deg = 60 }    | topology.links[0].satellite: only for links of kind = satellite (line 10)
            b = "BOB"            | b = "BOB", key-block-bits = 4096                   | topology.links[0].key-block-bits: unknown key 'key-block-bits'; allowed keys: id, a, b, kind, protocol, fidelity, batch-pulses, fibre, satellite, source, pair-source, receiver, post-processing, authentication (line 10)
            b = "BOB"            | b = "BOB", post-processing { block-bits = 4096 }   | topology.links[0].post-processing.block-bits: unknown key 'block-bits'; allowed keys: key-block-bits, qber-abort-threshold, qber-alarm-threshold, epsilon-secrecy, epsilon-correctness, block-timeout (line 10)
            b = "BOB"            | b = "BOB", authentication { psk-bits = 512 }       | topology.links[0].authentication.psk-bits: unknown key 'psk-bits'; allowed keys: pre-shared-key-bits (line 10)
            b = "BOB"            | b = "BOB", post-processing = 4096                  | topology.links[0].post-processing: expected an object, got number 4096 (line 10)
            b = "BOB"            | b = "BOB", authentication = [256]                  | topology.links[0].authentication: expected an object, got a list (line 10)
            b = "BOB"            | b = "BOB", post-processing { key-block-bits = 0 }  | topology.links[0].post-processing.key-block-bits: must be in [1, 1073741823], got 0 (line 10)
            b = "BOB"            | b = "BOB", post-processing { key-block-bits = 1073741824 } | topology.links[0].post-processing.key-block-bits: must be in [1, 1073741823], got 1073741824 (line 10)
            b = "BOB"            | b = "BOB", post-processing { key-block-bits = 1.5 } | topology.links[0].post-processing.key-block-bits: expected a whole number, got number 1.5 (line 10)
            b = "BOB"            | b = "BOB", post-processing { key-block-bits = "1M" } | topology.links[0].post-processing.key-block-bits: expected a whole number, got string "1M" (line 10)
            b = "BOB"            | b = "BOB", post-processing { qber-abort-threshold = 0 } | topology.links[0].post-processing.qber-abort-threshold: must be in (0, 0.5], got 0.0 (line 10)
            b = "BOB"            | b = "BOB", post-processing { qber-abort-threshold = 0.6 } | topology.links[0].post-processing.qber-abort-threshold: must be in (0, 0.5], got 0.6 (line 10)
            b = "BOB"            | b = "BOB", post-processing { qber-alarm-threshold = 0.2 } | topology.links[0].post-processing: QBER alarm threshold must be in (0, 0.11] (the abort threshold), got 0.2 (line 10)
            b = "BOB"            | b = "BOB", post-processing { block-timeout = 10 } | topology.links[0].post-processing.block-timeout: expected a duration with a unit (ps, ns, us, ms, s, m, h), e.g. 30s or 500ms, got number 10 (line 10)
            b = "BOB"            | b = "BOB", post-processing { qber-abort-threshold = "11%" } | topology.links[0].post-processing.qber-abort-threshold: expected a number, got string "11%" (line 10)
            b = "BOB"            | b = "BOB", post-processing { epsilon-secrecy = 0 } | topology.links[0].post-processing.epsilon-secrecy: must be in (0, 1), got 0.0 (line 10)
            b = "BOB"            | b = "BOB", post-processing { epsilon-secrecy = 1 } | topology.links[0].post-processing.epsilon-secrecy: must be in (0, 1), got 1.0 (line 10)
            b = "BOB"            | b = "BOB", post-processing { epsilon-correctness = -1e-15 } | topology.links[0].post-processing.epsilon-correctness: must be in (0, 1), got -1.0E-15 (line 10)
            b = "BOB"            | b = "BOB", post-processing { epsilon-correctness = null } | topology.links[0].post-processing.epsilon-correctness: expected a number, got null (line 10)
            b = "BOB"            | b = "BOB", authentication { pre-shared-key-bits = 255 } | topology.links[0].authentication.pre-shared-key-bits: must be >= 256, got 255 (line 10)
            b = "BOB"            | b = "BOB", authentication { pre-shared-key-bits = 1024.5 } | topology.links[0].authentication.pre-shared-key-bits: expected a whole number, got number 1024.5 (line 10)
            { id = "ALICE" }     | { id = "ALICE", elevation = 51.4 }                 | topology.nodes[0].elevation: unknown key 'elevation'; allowed keys: id, name, latitude, longitude, roles, kme (line 4)
            name = "t"           | name = "t", seed = 1                               | topology.seed: unknown key 'seed'; allowed keys: name, description, nodes, links, key-management, saes (line 2)
            name = "t"           | description = "no name"                            | topology.name: missing required key (line 1)
            fibre { length-km = 25 } | fibre { }                                      | topology.links[0].fibre.length-km: missing required key (line 11)
            per-gate = 6e-7      | per-gate = null                                    | topology.links[0].receiver.dark-count-per-gate: expected a number, got null (line 13)
            a = "ALICE"          | a = ""                                             | topology.links[0].a: must not be empty (line 9)
            b = "BOB"            | b = "CAROL"                                        | topology.links[0].b: unknown node 'CAROL'; declared nodes: ALICE, BOB (line 10)
            b = "BOB"            | b = "ALICE"                                        | topology.links[0].b: link from node 'ALICE' to itself; a and b must differ (line 10)
            a = "ALICE"          | a = "ALICE", id = "ALICE BOB"                      | topology.links[0].id: 'ALICE BOB' is not a valid id: use a letter or digit, then letters, digits, '_', '.' or '-' ([A-Za-z0-9][A-Za-z0-9_.-]*) (line 9)
            """)
    void reportsTheOnlyProblemWithItsFilePathReasonAndLine(String fragment, String replacement, String problem) {
        assertEquals(List.of(FILE + ": " + problem), problemsOf(minimalWith(fragment, replacement)));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            kind = continuous    | kind = laser                                       | topology.links[0].pair-source.kind: pair-source kind 'laser' is not known; known: pulsed, continuous (line 12)
            visibility = 0.98    | visibility = 0.98, position-km = 12                | topology.links[0].pair-source.position-km: must be in [0, 10], got 12.0 (line 12)
            visibility = 0.98    | visibility = 0.98, position-km = -1                | topology.links[0].pair-source.position-km: must be in [0, 10], got -1.0 (line 12)
            kind = continuous,   | kind = continuous, clock-hz = 1e9,                 | topology.links[0].pair-source.clock-hz: only for pulsed pair sources (set kind = pulsed) (line 12)
            window-ps = 500      | window-ps = 0.5                                    | topology.links[0].pair-source.coincidence-window-ps: expected a whole number, got number 0.5 (line 12)
            window-ps = 500      | window-ps = 0                                      | topology.links[0].pair-source.coincidence-window-ps: must be >= 1, got 0 (line 12)
            pair-rate-hz = 1e7   | pair-rate-hz = -1                                  | topology.links[0].pair-source.pair-rate-hz: must be >= 0, got -1.0 (line 12)
            visibility = 0.98    | visibility = 1.5                                   | topology.links[0].pair-source.visibility: must be in [0, 1], got 1.5 (line 12)
            visibility = 0.98    | visibility = 0.98, timing-jitter-fwhm-ps = -1      | topology.links[0].pair-source.timing-jitter-fwhm-ps: must be >= 0, got -1.0 (line 12)
            visibility = 0.98    | visibility = 0.98, brightness = 1                  | topology.links[0].pair-source.brightness: unknown key 'brightness'; allowed keys: kind, position-km, clock-hz, mean-pairs-per-pulse, pair-rate-hz, coincidence-window-ps, timing-jitter-fwhm-ps, visibility (line 12)
            kind = continuous, pair-rate-hz = 1e7, coincidence-window-ps = 500 | kind = pulsed, mean-pairs-per-pulse = 0.1 | topology.links[0].pair-source.clock-hz: missing required key (line 12)
            kind = continuous, pair-rate-hz = 1e7, coincidence-window-ps = 500 | kind = pulsed, clock-hz = 1e9, mean-pairs-per-pulse = 11 | topology.links[0].pair-source.mean-pairs-per-pulse: must be in [0, 10], got 11.0 (line 12)
            pair-source {        | source { clock-hz = 1e9 }, pair-source {          | topology.links[0].source: not for bbm92 links; a bbm92 link has a pair-source (line 12)
            dark-count-rate-hz = 25 | dark-count-rate-hz = 25, dead-time-ps = 1000  | topology.links[0].receiver.dead-time-ps: must be 0 on a bbm92 link: its pair sampler models neither dead time nor afterpulsing (line 13)
            dark-count-rate-hz = 25 | dark-count-rate-hz = 25, afterpulse-probability = 0.02 | topology.links[0].receiver.afterpulse-probability: must be 0 on a bbm92 link: its pair sampler models neither dead time nor afterpulsing (line 13)
            dark-count-rate-hz = 25 | dark-count-rate-hz = 25, basis-choice = random   | topology.links[0].receiver.basis-choice: basis choice 'random' is not known; known: passive, active (line 13)
            dark-count-rate-hz = 25 | dark-count-rate-hz = 25, basis-choice = 1        | topology.links[0].receiver.basis-choice: expected a string, got number 1 (line 13)
            { id = "ALICE", roles = [endpoint, entanglement-source] } | { id = "ALICE" } | topology.links[0].a: a bbm92 link's node a keeps its pair source's clock, so node 'ALICE' needs the role entanglement-source (it has [endpoint]) (line 9)
            """)
    void reportsTheOnlyBbm92ProblemWithItsFilePathReasonAndLine(String fragment, String replacement, String problem) {
        assertEquals(List.of(FILE + ": " + problem), problemsOf(TopologyTexts.minimalBbm92With(fragment, replacement)));
    }

    @Test
    void aBbm92LinkNeedsAPairSource() {
        String text = TopologyTexts.MINIMAL_BBM92.replaceAll("(?m)^ *pair-source .*\n", "");

        assertEquals(List.of(FILE + ": topology.links[0].pair-source: missing required key (line 8)"), problemsOf(text));
    }

    @Test
    void reportsEveryPostProcessingProblemAtItsOwnLineInFileOrder() {
        String text = minimalWith("b = \"BOB\"", """
                b = "BOB"
                      post-processing {
                        key-block-bits = 0
                        epsilon-secrecy = 2
                      }
                      authentication {
                        pre-shared-key-bits = 8
                      }""");

        assertEquals(List.of(
                FILE + ": topology.links[0].post-processing.key-block-bits: must be in [1, 1073741823], got 0 (line 12)",
                FILE + ": topology.links[0].post-processing.epsilon-secrecy: must be in (0, 1), got 2.0 (line 13)",
                FILE + ": topology.links[0].authentication.pre-shared-key-bits: must be >= 256, got 8 (line 16)"),
                problemsOf(text));
    }

    @Test
    void reportsAMisspeltTopologySection() {
        assertEquals(List.of(FILE + ": toplogy: unknown key 'toplogy'; allowed keys: topology (line 1)",
                FILE + ": topology: missing required key (line 1)"), problemsOf("toplogy { name = t }"));
    }

    @Test
    void reportsUnknownTopLevelKeys() {
        List<String> problems = problemsOf(TopologyTexts.MINIMAL + "seed = 1\n");

        assertEquals(List.of(FILE + ": seed: unknown key 'seed'; allowed keys: topology (line 17)"), problems);
    }

    @Test
    void requiresAtLeastOneNodeAndOneLink() {
        List<String> problems = problemsOf("topology { name = t, nodes = [], links = [] }");

        assertEquals(List.of(FILE + ": topology.nodes: must not be empty (line 1)",
                FILE + ": topology.links: must not be empty (line 1)"), problems);
    }

    @Test
    void requiresEveryNodeToHaveAnId() {
        List<String> problems = problemsOf(minimalWith("{ id = \"BOB\" }", "{ name = \"Bob\" }"));

        assertTrue(problems.contains(FILE + ": topology.nodes[1].id: missing required key (line 5)"), problems::toString);
    }

    @Test
    void rejectsAnEmptyNodeId() {
        List<String> problems = problemsOf(minimalWith("{ id = \"BOB\" }", "{ id = \"\" }"));

        assertTrue(problems.contains(FILE + ": topology.nodes[1].id: must not be empty (line 5)"), problems::toString);
    }

    @Test
    void namesTheFirstUseOfADuplicateNodeId() {
        List<String> problems = problemsOf(minimalWith("{ id = \"BOB\" }", "{ id = \"BOB\" }\n    { id = \"BOB\" }"));

        assertEquals(List.of(FILE + ": topology.nodes[2].id: duplicate node id 'BOB', also used by topology.nodes[1] (line 6)"),
                problems);
    }

    @Test
    void rejectsNodeIdsThatCouldNotNameAnActor() {
        List<String> problems = problemsOf(TopologyTexts.MINIMAL.replace("BOB", "BOB/1"));

        assertEquals(List.of(FILE + ": topology.nodes[1].id: 'BOB/1' is not a valid id: use a letter or digit, then"
                + " letters, digits, '_', '.' or '-' ([A-Za-z0-9][A-Za-z0-9_.-]*) (line 5)"), problems);
    }

    @Test
    void namesTheFirstUseOfADuplicateLinkId() {
        String twoLinks = minimalWith("a = \"ALICE\"", "id = \"L1\", a = \"ALICE\"")
                .replace("    }\n  ]", "    }\n    { id = \"L1\", a = BOB, b = ALICE, fibre { length-km = 5 },"
                        + " source { clock-hz = 1e9, intensities = [0.5], probabilities = [1] },"
                        + " receiver { detector-efficiency = 0.1, dark-count-per-gate = 0 } }\n  ]");

        assertEquals(List.of(FILE + ": topology.links[1].id: duplicate link id 'L1', also used by topology.links[0] (line 15)"),
                problemsOf(twoLinks));
    }

    @Test
    void asksForAnExplicitIdWhenTwoLinksShareTheDefaultOne() {
        String parallelLinks = TopologyTexts.MINIMAL.replace("    }\n  ]", "    }\n    { a = ALICE, b = BOB,"
                + " fibre { length-km = 5 }, source { clock-hz = 1e9, intensities = [0.5], probabilities = [1] },"
                + " receiver { detector-efficiency = 0.1, dark-count-per-gate = 0 } }\n  ]");

        assertEquals(List.of(FILE + ": topology.links[1]: duplicate link id 'ALICE-BOB' (the default <a>-<b>), also used"
                + " by topology.links[0]; give one of them an explicit id (line 15)"), problemsOf(parallelLinks));
    }

    @Test
    void reportsAnUnresolvableSubstitutionWithItsLine() {
        List<String> problems = problemsOf(minimalWith("length-km = 25", "length-km = ${span}"));

        assertEquals(List.of(FILE + ": Could not resolve substitution to a value: ${span} (line 11)"), problems);
    }

    @Test
    void reportsASyntaxErrorInTextWithItsLine() {
        List<String> problems = problemsOf(minimalWith("length-km = 25", "length-km = 25 }}"));

        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith(FILE + ": syntax error: "), problems::toString);
        assertTrue(problems.get(0).endsWith("(line 11)"), problems::toString);
    }

    private static List<String> problemsOf(String text) {
        TopologyException e = assertThrows(TopologyException.class, () -> TopologyLoader.parse(text, FILE));
        assertEquals(String.join("\n", e.problems()), e.getMessage());
        return e.problems();
    }
}
