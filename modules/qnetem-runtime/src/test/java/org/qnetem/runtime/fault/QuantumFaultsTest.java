package org.qnetem.runtime.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qnetem.runtime.fault.FaultRuns.SECOND;
import static org.qnetem.runtime.fault.FaultRuns.assertInvariantsZero;
import static org.qnetem.runtime.fault.FaultRuns.delivered;
import static org.qnetem.runtime.fault.FaultRuns.events;
import static org.qnetem.runtime.fault.FaultRuns.link;
import static org.qnetem.runtime.fault.FaultRuns.run;
import static org.qnetem.runtime.fault.FaultRuns.twoNode;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetem.physics.attack.InterceptResend;
import org.qnetem.physics.model.Bb84Expectation;
import org.qnetem.runtime.link.BlockRecord;
import org.qnetem.runtime.link.LinkStatistics;
import org.qnetem.runtime.run.RunResult;
import org.qnetem.runtime.topology.LinkSpec;
import org.qnetem.runtime.topology.Topology;

/** Faults of the quantum layer on a two-node link, at full fidelity where the physics is the point. */
class QuantumFaultsTest {

    @Test
    void interceptResendOnHalfThePulsesRaisesTheQberByAboutTwelveAndAHalfPointsAndItsBlocksAbort() {
        Topology topology = twoNode("full");
        RunResult result = run(topology, "faults = [ { at = 0s, fault = intercept-resend, link = \"ALICE-BOB\","
                + " fraction = 0.5 } ]", SECOND, 3);
        LinkSpec spec = topology.links().get(0);
        double honest = new Bb84Expectation(spec.weakCoherentSource(), spec.fibre(), spec.receiver()).qber();
        double attacked = new Bb84Expectation(spec.weakCoherentSource(), spec.fibre().transmittance(),
                spec.receiver(), new InterceptResend(0.5)).qber();
        LinkStatistics measured = link(result);
        // f (1/4 - e/2) with e the honest QBER: 12.25 points at e = 1 %; the model adds the multi-photon detail.
        assertEquals(0.125, attacked - honest, 0.01, "the model's rise");
        assertEquals(attacked, measured.qber(), 5 * measured.qberStandardError(), "measured against the model");
        assertEquals(0.125, measured.qber() - honest, 0.01, "the measured rise");
        assertEquals(0, measured.keys().blocks(), "no block survives");
        assertTrue(measured.keys().abortedBlocks() >= 2, "blocks abort: " + measured.keys().abortedBlocks());
        assertFalse(events(result, "qber-alarm").isEmpty(), "QBER alarm");
        assertEquals(measured.keys().abortedBlocks(), events(result, "block-aborted").size());
        assertInvariantsZero(result);
    }

    @Test
    void aCutStopsKeyAndTheRestorationBringsItBack() {
        RunResult result = run(twoNode("statistical"), """
                faults = [
                  { at = 2s, fault = cut, link = "ALICE-BOB" }
                  { at = 4s, fault = restore, link = "ALICE-BOB" }
                ]""", 6 * SECOND, 5);
        List<Event> down = events(result, "link-down");
        assertEquals(1, down.size(), "one link-down");
        assertTrue(down.get(0).timePs() > 2 * SECOND && down.get(0).timePs() <= 3 * SECOND, down.toString());
        List<Event> up = events(result, "link-up");
        assertEquals(1, up.size());
        assertTrue(up.get(0).timePs() > 4 * SECOND, up.toString());
        assertEquals(1, events(result, "key-recovered").size());
        // Dark counts alone fill no block in 2 s: nothing closes between the cut and the restoration (a block
        // in progress at the cut closes within the next batch).
        for (BlockRecord block : delivered(result)) {
            boolean duringTheCut = block.finishedAtPs() > 2 * SECOND + FaultRuns.EPOCH_PS
                    && block.finishedAtPs() < 4 * SECOND;
            assertFalse(duringTheCut, "block " + block.blockId() + " delivered key during the cut");
        }
        assertTrue(delivered(result).stream().anyMatch(b -> b.detail().openedAtPs() >= 4 * SECOND), "key after");
        assertTrue(delivered(result).stream().anyMatch(b -> b.finishedAtPs() < 2 * SECOND), "key before");
        assertEquals(2, result.faultEvents().size(), "applied and cleared");
        assertInvariantsZero(result);
    }

    @Test
    void blindingWithoutAMonitorIsUndetectedAndEveHoldsTheWholeKey() {
        RunResult result = run(twoNode("full"), "faults = [ { at = 0s, fault = blinding, link = \"ALICE-BOB\" } ]",
                SECOND, 9);
        LinkStatistics measured = link(result);
        assertTrue(measured.keys().blocks() >= 2, "blocks delivered: " + measured.keys().blocks());
        assertEquals(0, measured.keys().abortedBlocks(), "nothing aborted");
        assertTrue(measured.qber() < 0.01, "QBER looks better than honest: " + measured.qber());
        assertTrue(events(result, "qber-alarm").isEmpty(), "no QBER alarm");
        assertTrue(events(result, "blinding-alarm").isEmpty(), "no monitor, no blinding alarm");
        BlockTruth[] truths = measured.observations().truths();
        assertEquals(measured.keys().blocks(), truths.length);
        for (BlockTruth truth : truths) {
            assertEquals(truth.siftedBits(), truth.eveKnownSiftedBits(), "Eve knows every sifted bit");
            assertEquals(truth.secretBits(), truth.eveKeyBits(), "and so the whole key");
        }
        assertInvariantsZero(result);
    }

    @Test
    void blindingIsDetectedByTheMonitor() {
        RunResult result = run(twoNode("full"), "faults = [ { at = 0s, fault = blinding, link = \"ALICE-BOB\","
                + " monitor = true, test-gate-fraction = 0.001, alarm-clicks = 5 } ]", SECOND / 2, 9);
        List<Event> alarms = events(result, "blinding-alarm");
        assertEquals(1, alarms.size(), "one alarm, raised with the first batch: " + alarms);
        assertEquals(0, alarms.get(0).timePs());
        assertInvariantsZero(result);
    }

    @Test
    void statisticalFidelityModelsTheSameAttacks() {
        RunResult result = run(twoNode("statistical"), """
                faults = [
                  { at = 1s, until = 3s, fault = blinding, link = "ALICE-BOB" }
                  { at = 4s, fault = intercept-resend, link = "ALICE-BOB", fraction = 0.5 }
                ]""", 5 * SECOND, 11);
        BlockTruth[] truths = link(result).observations().truths();
        assertTrue(List.of(truths).stream().anyMatch(t -> t.eveKeyBits() == t.secretBits() && t.secretBits() > 0),
                "blocks made under blinding are Eve's");
        assertTrue(List.of(truths).stream().anyMatch(t -> t.eveKeyBits() == 0), "honest blocks are not");
        assertFalse(events(result, "qber-alarm").isEmpty(), "intercept-resend raises the alarm");
        assertInvariantsZero(result);
    }
}
