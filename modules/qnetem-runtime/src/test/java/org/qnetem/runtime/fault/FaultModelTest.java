package org.qnetem.runtime.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetem.physics.attack.Attack;
import org.qnetem.physics.attack.DetectorBlinding;
import org.qnetem.physics.detector.GatedTiming;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.detector.ThresholdDetector;
import org.qnetem.runtime.topology.Topology;

/** The pure parts of the fault model: the fault book's timing, link conditions, the link watch, Eve's key bits. */
class FaultModelTest {

    private static final long SECOND = FaultRuns.SECOND;
    private static final long EPOCH = FaultRuns.EPOCH_PS;
    private static final Topology TOPOLOGY = FaultRuns.twoNode("full");

    @Test
    void faultsApplyAndClearAtTheFirstBoundaryAtOrAfterTheirTimes() {
        FaultBook book = new FaultBook(TOPOLOGY, List.of(new ScheduledFault(1, SECOND + 1, 2 * SECOND,
                new Fault.FibreCut("ALICE-BOB"))), EPOCH);
        assertTrue(book.due(SECOND).isEmpty());
        FaultBook.Due applied = book.due(SECOND + EPOCH);
        assertEquals(List.of(new ScheduledFault(1, SECOND + EPOCH, 2 * SECOND, new Fault.FibreCut("ALICE-BOB"))),
                applied.quantum().get("ALICE-BOB").active());
        FaultBook.Due cleared = book.due(2 * SECOND);
        assertEquals(List.of(), cleared.quantum().get("ALICE-BOB").active());
        assertTrue(cleared.quantum().get("ALICE-BOB").cleared());
        assertEquals(List.of("fault-applied", "fault-cleared"), book.events().stream().map(Event::type).toList());
    }

    @Test
    void liveFaultsRestoreAndClearTakeEffectAtTheNextBoundary() {
        FaultBook book = new FaultBook(TOPOLOGY, List.of(), EPOCH);
        book.due(0);
        long cut = book.add(new Fault.FibreCut("ALICE-BOB"), 0, ScheduledFault.OPEN);
        long storm = book.add(new Fault.DarkCountStorm("ALICE-BOB", 10), 0, ScheduledFault.OPEN);
        assertEquals(2, book.due(EPOCH).quantum().get("ALICE-BOB").active().size());
        assertEquals(List.of(cut), book.restore("ALICE-BOB", EPOCH));
        assertTrue(book.clear(storm, EPOCH));
        assertFalse(book.clear(99, EPOCH));
        assertEquals(List.of(), book.due(2 * EPOCH).quantum().get("ALICE-BOB").active());
        assertThrows(IllegalArgumentException.class, () -> book.add(new Fault.NodeCrash("CAROL"), 0, ScheduledFault.OPEN));
    }

    @Test
    void aPartitionsTimelineCarriesTheBoundariesItHoldsBetween() {
        FaultBook book = new FaultBook(TOPOLOGY, List.of(new ScheduledFault(1, SECOND + 1, 2 * SECOND + 1,
                new Fault.ClassicalPartition("ALICE-BOB"))), EPOCH);
        assertEquals(List.of(new ScheduledFault(1, SECOND + EPOCH, 2 * SECOND + EPOCH,
                new Fault.ClassicalPartition("ALICE-BOB"))), book.classicalTimeline("ALICE-BOB"));
    }

    @Test
    void conditionsCombineLossesStormsAndTheLatestAttack() {
        ScheduledFault ramp = new ScheduledFault(1, SECOND, ScheduledFault.OPEN, new Fault.LossRamp("L", 10, SECOND));
        ScheduledFault storm = new ScheduledFault(2, 0, ScheduledFault.OPEN, new Fault.DarkCountStorm("L", 4));
        ScheduledFault ir = new ScheduledFault(3, 0, ScheduledFault.OPEN, new Fault.InterceptResend("L", 0.5));
        ScheduledFault blind = new ScheduledFault(4, 0, ScheduledFault.OPEN,
                new Fault.DetectorBlinding("L", true, 0.01, 3));
        LinkConditions conditions = new LinkConditions(List.of(ramp, storm, ir, blind));
        assertEquals(1, conditions.transmittanceFactor(SECOND), 1e-12);
        assertEquals(Math.pow(10, -0.5), conditions.transmittanceFactor(SECOND + SECOND / 2), 1e-12);
        assertEquals(0.1, conditions.transmittanceFactor(5 * SECOND), 1e-12);
        assertTrue(conditions.attack() instanceof DetectorBlinding, "the attack applied last acts");
        Receiver honest = new Receiver(1, ThresholdDetector.gated(0.1, 1e-6), 0.01, 0.5);
        Receiver faulted = conditions.receiver(honest);
        assertEquals(4e-6, ((GatedTiming) faulted.detector().timing()).darkCountPerGate(), 1e-18);
        assertEquals(0.01, faulted.monitor().testGateFraction());
        assertSame(honest, LinkConditions.honest().receiver(honest));
        assertSame(Attack.NONE, LinkConditions.honest().attack());
        LinkConditions failed = new LinkConditions(List.of(storm,
                new ScheduledFault(5, 0, ScheduledFault.OPEN, new Fault.DetectorFailure("L"))));
        assertEquals(0, failed.transmittanceFactor(0));
        assertEquals(0, ((GatedTiming) failed.receiver(honest).detector().timing()).darkCountPerGate());
    }

    @Test
    void theWatchSeesRatesFallAndRecoverAlarmsAndRecovery() {
        LinkWatch watch = new LinkWatch("L", 1e-3, 0.08);
        long window = LinkWatch.WINDOW_PS;
        watch.onBatch(0, 1_000_000, 1000, false, 0);
        watch.onBatch(window, 1_000_000, 50, false, 0);
        watch.onBatch(2 * window, 1_000_000, 900, true, 12);
        watch.onBatch(3 * window, 1_000_000, 1000, false, 0);
        watch.onBlock(7, 3 * window, false, 0.12, "PARAMETER_ESTIMATION", "QBER too high");
        watch.onFaultCleared();
        watch.onBlock(8, 4 * window, true, 0.05, null, null);
        assertEquals(List.of("link-down", "blinding-alarm", "link-up", "blinding-alarm-cleared", "qber-alarm",
                "block-aborted", "key-recovered"), watch.events().stream().map(Event::type).toList());
        assertEquals(2 * window, watch.events().get(0).timePs(), "judged at the end of the window");
    }

    @Test
    void eveHoldsAtLeastWhatTheRawKeySheKnowsLeavesAfterErrorCorrection() {
        assertEquals(1000, new BlockTruth(0, 0, 10_000, 20_000, 20_000, 50, 1000, 0).eveKeyBits(), "knows all");
        assertEquals(0, new BlockTruth(0, 0, 10_000, 20_000, 0, 500, 1000, 0.01).eveKeyBits(), "knows nothing");
        // She knows 90 %: 1000 unknown raw bits, 500 disclosed, so at most 500 of the 800 key bits are hers to miss.
        assertEquals(300, new BlockTruth(0, 0, 10_000, 20_000, 18_000, 500, 800, 0.01).eveKeyBits());
    }
}
