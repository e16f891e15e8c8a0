package org.qnetem.runtime.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qnetem.runtime.fault.FaultRuns.SECOND;
import static org.qnetem.runtime.fault.FaultRuns.assertInvariantsZero;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.qnetem.runtime.QnetemConfig;
import org.qnetem.runtime.clock.ClockMode;
import org.qnetem.runtime.clock.ClockSettings;
import org.qnetem.runtime.clock.ProgressListener;
import org.qnetem.runtime.link.LinkStatistics;
import org.qnetem.runtime.report.RunReport;
import org.qnetem.runtime.report.RunReports;
import org.qnetem.runtime.run.Emulation;
import org.qnetem.runtime.run.RunResult;
import org.qnetem.runtime.run.RunSettings;
import org.qnetem.runtime.topology.Fidelity;
import org.qnetem.runtime.topology.ScenarioLoader;
import org.qnetem.runtime.topology.Topology;
import org.qnetem.runtime.topology.TopologyLoader;

/**
 * Each scenario of config/scenarios/ runs in fast mode against the UK network and shows its reaction.
 * Every link runs at statistical fidelity here (the Cambridge ring's full-fidelity links would take
 * many minutes), which every shipped scenario's faults allow.
 */
class ShippedScenariosTest {

    private static final Topology UK = TopologyLoader.load(Path.of("../../config/uk-bristol-cambridge.conf"))
            .withFidelity(Fidelity.STATISTICAL);

    private static RunResult run(String scenario) {
        RunSettings settings = new RunSettings(1, new ClockSettings(ClockMode.FAST, 1.0, 52 * SECOND,
                FaultRuns.EPOCH_PS), ScenarioLoader.load(Path.of("../../config/scenarios/" + scenario + ".conf"), UK));
        RunResult result = Emulation.run(UK, settings, ProgressListener.NONE, QnetemConfig.load());
        assertInvariantsZero(result);
        return result;
    }

    private static List<String> types(RunResult result, String link) {
        return result.links().stream().filter(l -> l.linkId().equals(link))
                .flatMap(l -> Arrays.stream(l.observations().events())).map(Event::type).toList();
    }

    private static LinkStatistics link(RunResult result, String id) {
        return result.links().stream().filter(l -> l.linkId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void eavesdropperRaisesTheAlarmAndAbortsBlocks() {
        RunResult result = run("uk-eavesdropper");
        List<String> attacked = types(result, "CAM-CAPE-NEWMARKET");
        assertTrue(attacked.contains("qber-alarm") && attacked.contains("block-aborted"), attacked.toString());
        assertTrue(attacked.contains("key-recovered"), attacked.toString());
        assertTrue(types(result, "BRADLEY-STK-FROXFIELD").contains("block-aborted"), "PNS is priced by the decoys");
    }

    @Test
    void fibreCutTakesTheLinkDownUntilItIsRestored() {
        RunResult result = run("uk-fibre-cut");
        assertEquals(List.of("link-down", "link-up", "key-recovered"), types(result, "BRADLEY-STK-FROXFIELD").stream()
                .filter(t -> !t.equals("block-aborted")).toList());
        assertFalse(types(result, "READING-LDN-PWRGATE").contains("link-down"), "a 6 dB bend slows the link only");
    }

    @Test
    void blindingIsInvisibleWithoutAMonitorAndCaughtWithOne() {
        RunResult result = run("uk-blinding");
        List<String> unmonitored = types(result, "NEWMARKET-BURY-SE");
        assertFalse(unmonitored.contains("qber-alarm") || unmonitored.contains("block-aborted"), unmonitored.toString());
        BlockTruth[] truths = link(result, "NEWMARKET-BURY-SE").observations().truths();
        assertTrue(Arrays.stream(truths).anyMatch(t -> t.finishedAtPs() > 11 * SECOND && t.finishedAtPs() < 50 * SECOND
                && t.eveKeyBits() == t.secretBits() && t.secretBits() > 0), "Eve holds the key made while blinded");
        assertTrue(types(result, "FROXFIELD-READING").contains("blinding-alarm"));
    }

    @Test
    void aKmeOutageLosesTheSameKeyAtBothEndsWhileItsLinksRun() {
        RunResult result = run("uk-kme-outage");
        RunReport report = RunReports.of(result);
        assertEquals(List.of(20.0, 35.0), report.events().stream().filter(e -> e.target().equals("NEWMARKET")
                && e.type().startsWith("kme-")).map(RunReport.EventReport::emulatedSeconds).toList());
        Map<String, RunReport.NodeReport> nodes = report.nodes().stream()
                .collect(Collectors.toMap(RunReport.NodeReport::id, n -> n));
        long lost = nodes.get("NEWMARKET").pools().get("CAM-CAPE").lostBits();
        assertTrue(lost > 0, "Cambridge-Newmarket made key while the KME was out");
        assertEquals(lost, nodes.get("CAM-CAPE").pools().get("NEWMARKET").lostBits(), "the same at both ends");
        assertEquals(nodes.get("BURY-SE").pools().get("NEWMARKET").lostBits(),
                nodes.get("NEWMARKET").pools().get("BURY-SE").lostBits());
        assertTrue(Arrays.stream(link(result, "CAM-CAPE-NEWMARKET").keys().delivered())
                .anyMatch(b -> b.finishedAtPs() > 21 * SECOND && b.finishedAtPs() < 34 * SECOND), "the link ran on");
        assertTrue(nodes.get("NEWMARKET").pools().get("CAM-CAPE").up(), "back for relays");
    }

    @Test
    void nodeCrashStopsItsLinksUntilTheRestart() {
        RunResult result = run("uk-node-crash");
        for (String link : List.of("CAM-CAPE-NEWMARKET", "NEWMARKET-BURY-SE")) {
            List<String> types = types(result, link);
            assertTrue(types.contains("link-stopped") && types.contains("link-restarted"), link + ": " + types);
            assertTrue(Arrays.stream(link(result, link).keys().delivered())
                    .anyMatch(b -> b.detail().openedAtPs() >= 35 * SECOND), link + " makes key after the restart");
        }
    }
}
