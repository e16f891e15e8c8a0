package org.qnetem.runtime.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetem.physics.batch.Bbm92Expectation;
import org.qnetem.physics.batch.PairInterceptResend;
import org.qnetem.runtime.link.LinkStatistics;
import org.qnetem.runtime.run.RunResult;
import org.qnetem.runtime.topology.Fidelity;
import org.qnetem.runtime.topology.LinkSpec;
import org.qnetem.runtime.topology.ScenarioException;
import org.qnetem.runtime.topology.ScenarioLoader;
import org.qnetem.runtime.topology.Topology;
import org.qnetem.runtime.topology.TopologyLoader;

/**
 * Quantum faults on config/two-node-bbm92.conf (a CW pair source in the middle, so both legs carry fibre):
 * intercept-resend raises the QBER as the pair model says at both fidelities and the blocks abort; a cut
 * takes the link down and back; photon-number splitting and blinding are refused, naming file, fault and link.
 * Tolerances are five standard errors.
 */
class Bbm92FaultsTest {

    private static final Topology BBM92 = TopologyLoader.load(Path.of("../../config/two-node-bbm92.conf"));

    private static Topology at(Fidelity fidelity) {
        LinkSpec file = BBM92.links().get(0);
        LinkSpec link = new LinkSpec(file.id(), file.transmitterId(), file.receiverId(), file.protocol(), fidelity,
                file.batchPulses(), file.fibre(), file.source(), file.sourcePositionKm(), file.receiver(),
                file.basisChoice(), file.postProcessing().withKeyBlockBits(100_000));
        return new Topology(BBM92.name(), BBM92.description(), BBM92.nodes(), List.of(link), BBM92.source());
    }

    private static void interceptResendRaisesTheQberAsThePairModelSays(Fidelity fidelity) {
        Topology topology = at(fidelity);
        LinkSpec link = topology.links().get(0);
        RunResult result = FaultRuns.run(topology, "faults = [ { at = 0s, fault = intercept-resend,"
                + " link = \"ALICE-BOB\", fraction = 0.5 } ]", FaultRuns.SECOND, 5);
        LinkStatistics measured = FaultRuns.link(result);
        Bbm92Expectation honest = Bbm92Expectation.of(link.source(), link.armA(), link.armB(), 0);
        double bias = link.receiver().basisBiasX();
        PairInterceptResend attack = new PairInterceptResend(0.5, true, true);
        double expected = attack.matchedErrorProbability(honest, bias, bias) / honest.matchedBasisProbability();
        assertTrue(expected > honest.qber() + 0.2, "two legs at f = 0.5 add about 2 x 1/8: " + expected);
        double stderr = Math.sqrt(expected * (1 - expected) / measured.siftedBits());
        assertEquals(expected, measured.qber(), 5 * stderr, fidelity + " QBER over " + measured.siftedBits());
        assertTrue(measured.keys().abortedBlocks() > 0, "blocks abort");
        assertEquals(0, measured.keys().blocks(), "no key while Eve listens");
        assertFalse(FaultRuns.events(result, "block-aborted").isEmpty());
        FaultRuns.assertInvariantsZero(result);
    }

    @Test
    void interceptResendAtFullFidelity() {
        interceptResendRaisesTheQberAsThePairModelSays(Fidelity.FULL);
    }

    @Test
    void interceptResendAtStatisticalFidelity() {
        interceptResendRaisesTheQberAsThePairModelSays(Fidelity.STATISTICAL);
    }

    @Test
    void aCutTakesTheLinkDownAndBack() {
        RunResult result = FaultRuns.run(at(Fidelity.STATISTICAL), "faults = [ { at = 1s, until = 2s, fault = cut,"
                + " link = \"ALICE-BOB\" } ]", 3 * FaultRuns.SECOND, 5);
        List<Event> down = FaultRuns.events(result, "link-down");
        List<Event> up = FaultRuns.events(result, "link-up");
        assertEquals(1, down.size());
        assertTrue(down.get(0).timePs() >= FaultRuns.SECOND && down.get(0).timePs() < 2 * FaultRuns.SECOND);
        assertEquals(1, up.size());
        assertTrue(up.get(0).timePs() >= 2 * FaultRuns.SECOND);
        FaultRuns.assertInvariantsZero(result);
    }

    @Test
    void attacksThatDoNotApplyToBbm92AreRefusedNamingFileFaultAndLink() {
        ScenarioException pns = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse(
                "faults = [ { at = 1s, fault = photon-number-splitting, link = \"ALICE-BOB\" } ]", "eve.conf", BBM92));
        assertEquals(List.of("eve.conf: faults[0].link: fault 'photon-number-splitting' on link ALICE-BOB: the link is"
                + " bbm92, and photon-number splitting does not apply to it: its photons come from an entangled pair"
                + " source, not as multi-photon pulses carrying copies of one sender's bit for Eve to keep; attack it"
                + " with intercept-resend (line 1)"), pns.problems());
        ScenarioException blinding = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse(
                "faults = [ { at = 1s, fault = blinding, link = \"ALICE-BOB\" } ]", "eve.conf", BBM92));
        assertTrue(blinding.getMessage().contains("eve.conf: faults[0].link: fault 'blinding' on link ALICE-BOB: the"
                + " link is bbm92"), blinding.getMessage());
    }
}
