package org.qnetem.runtime.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetem.runtime.fault.Fault;
import org.qnetem.runtime.fault.ScheduledFault;

/** Scenario files: what a valid one gives, and every problem of an invalid one, with file, path and line. */
class ScenarioLoaderTest {

    private static final long SECOND = 1_000_000_000_000L;
    private static final Topology TWO_NODE = TopologyLoader.parse(TopologyTexts.MINIMAL, "t.conf");

    @Test
    void aScenarioGivesItsFaultsInFileOrderWithRestorationsClosingTheirCuts() {
        List<ScheduledFault> faults = ScenarioLoader.parse("""
                description = "a cut and an eavesdropper"
                faults = [
                  { at = 30s, fault = cut, link = "ALICE-BOB" }
                  { at = 10s, until = 40s, fault = intercept-resend, link = "ALICE-BOB", fraction = 0.5 }
                  { at = 45s, fault = restore, link = "ALICE-BOB" }
                  { at = 500ms, fault = loss-ramp, link = "ALICE-BOB", extra-db = 3, ramp = 2m }
                  { at = 1s, fault = blinding, link = "ALICE-BOB", monitor = true }
                  { at = 2s, until = 3s, fault = node-crash, node = "BOB" }
                  { at = 4s, fault = kme-outage, node = "ALICE" }
                  { at = 5s, fault = member-kill, member = 2 }
                ]""", "s.conf", TWO_NODE);
        assertEquals(List.of(
                new ScheduledFault(1, 30 * SECOND, 45 * SECOND, new Fault.FibreCut("ALICE-BOB")),
                new ScheduledFault(2, 10 * SECOND, 40 * SECOND, new Fault.InterceptResend("ALICE-BOB", 0.5)),
                new ScheduledFault(3, SECOND / 2, ScheduledFault.OPEN, new Fault.LossRamp("ALICE-BOB", 3, 120 * SECOND)),
                new ScheduledFault(4, SECOND, ScheduledFault.OPEN, new Fault.DetectorBlinding("ALICE-BOB", true,
                        ScenarioLoader.DEFAULT_TEST_GATE_FRACTION, ScenarioLoader.DEFAULT_ALARM_CLICKS)),
                new ScheduledFault(5, 2 * SECOND, 3 * SECOND, new Fault.NodeCrash("BOB")),
                new ScheduledFault(6, 4 * SECOND, ScheduledFault.OPEN, new Fault.KmeOutage("ALICE")),
                new ScheduledFault(7, 5 * SECOND, ScheduledFault.OPEN, new Fault.MemberKill(2))), faults);
    }

    @Test
    void everyProblemIsReportedWithItsPathAndLine() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse("""
                faults = [
                  { at = 30s, fault = cut, link = "NOWHERE" }
                  { at = 10s, fault = eavesdrop, link = "ALICE-BOB" }
                  { fault = cut, link = "ALICE-BOB" }
                  { at = 5s, until = 4s, fault = intercept-resend, link = "ALICE-BOB", fraction = 1.5 }
                  { at = 1s, fault = restore, link = "ALICE-BOB" }
                  { at = 2s, fault = node-crash, node = "CAROL", colour = red }
                  { at = thirty, fault = partition, link = "ALICE-BOB" }
                  { at = 3s, fault = kme-outage, link = "ALICE-BOB" }
                  { at = 3s, fault = member-kill, member = -1 }
                ]
                oops = 1""", "bad.conf", TWO_NODE));
        assertEquals(List.of(
                "bad.conf: oops: unknown key 'oops'; allowed keys: faults, description (line 12)",
                "bad.conf: faults[0].link: fault 'cut': no link 'NOWHERE' in topology t (line 2)",
                "bad.conf: faults[1].fault: unknown fault 'eavesdrop'; known faults: blinding, classical-latency,"
                        + " classical-loss, cut, dark-count-storm, detector-failure, intercept-resend, kme-outage,"
                        + " loss-ramp, member-kill, node-crash, partition, photon-number-splitting, restore (line 3)",
                "bad.conf: faults[2].at: missing required key (line 4)",
                "bad.conf: faults[3].until: must be after 'at' (5.0 s), got 4.0 s (line 5)",
                "bad.conf: faults[3].fraction: must be in (0, 1], got 1.5 (line 5)",
                "bad.conf: faults[4]: restore of link ALICE-BOB at 1.0 s: no cut of that link is open before it"
                        + " (line 6)",
                "bad.conf: faults[5].colour: unknown key 'colour'; allowed keys: at, until, fault, node (line 7)",
                "bad.conf: faults[5].node: fault 'node-crash': no node 'CAROL' in topology t (line 7)",
                "bad.conf: faults[6].at: expected a duration with a unit (ps, ns, us, ms, s, m, h), e.g. 30s or"
                        + " 500ms, got string \"thirty\" (line 8)",
                "bad.conf: faults[7].link: unknown key 'link'; allowed keys: at, until, fault, node (line 9)",
                "bad.conf: faults[7].node: missing required key (line 9)",
                "bad.conf: faults[8].member: must be in [0, 2147483647], got -1 (line 10)"), e.problems());
    }

    @Test
    void faultsAFidelityOrProtocolCannotModelAreRefusedNamingLinkAndFault() {
        Topology bbm92 = TopologyLoader.parse(TopologyTexts.MINIMAL_BBM92, "b.conf");
        ScenarioException quantum = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse(
                "faults = [ { at = 1s, fault = blinding, link = \"ALICE-BOB\" } ]", "s.conf", bbm92));
        assertEquals(List.of("s.conf: faults[0].link: fault 'blinding' on link ALICE-BOB: the link is bbm92, and"
                + " detector blinding is modelled for decoy-bb84 links only (line 1)"), quantum.problems());
        Topology statistical = TWO_NODE.withFidelity(Fidelity.STATISTICAL);
        ScenarioException classical = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse(
                "faults = [ { at = 1s, fault = partition, link = \"ALICE-BOB\" } ]", "s.conf", statistical));
        assertTrue(classical.getMessage().contains("fault 'partition' on link ALICE-BOB: the link runs at statistical"
                + " fidelity, which exchanges no classical messages"), classical.getMessage());
    }

    @Test
    void everyShippedScenarioLoadsAgainstTheUkNetwork() {
        Topology uk = TopologyLoader.load(Path.of("../../config/uk-bristol-cambridge.conf"));
        for (String name : List.of("uk-fibre-cut", "uk-eavesdropper", "uk-blinding", "uk-node-crash",
                "uk-kme-outage")) {
            List<ScheduledFault> faults = ScenarioLoader.load(Path.of("../../config/scenarios/" + name + ".conf"), uk);
            assertTrue(!faults.isEmpty(), name);
        }
    }
}
