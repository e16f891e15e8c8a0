package org.qnetem.runtime.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.qnetem.runtime.QnetemConfig;
import org.qnetem.runtime.clock.ClockMode;
import org.qnetem.runtime.clock.ClockSettings;
import org.qnetem.runtime.clock.ProgressListener;
import org.qnetem.runtime.link.BlockDetail;
import org.qnetem.runtime.link.BlockRecord;
import org.qnetem.runtime.link.KeyStatistics;
import org.qnetem.runtime.link.LinkStatistics;
import org.qnetem.runtime.report.RunReport;
import org.qnetem.runtime.report.RunReports;
import org.qnetem.runtime.topology.Fidelity;
import org.qnetem.runtime.topology.LinkSpec;
import org.qnetem.runtime.topology.Topology;
import org.qnetem.runtime.topology.TopologyLoader;

/**
 * The two-node link at full and at statistical fidelity: same QBER and mean secret key rate within
 * statistical error. Blocks of 2 x 10^5 key bits (instead of 10^6; at 10^5 the finite-key bound leaves no key) give 50 blocks in 2 emulated seconds;
 * such small blocks do not pay back the authentication they use, hence the large pre-shared key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatisticalFidelityTest {

    private static final double SIGMAS = 3;
    private static final long DURATION_PS = 2_000_000_000_000L;
    private static final long EPOCH_PS = 250_000_000_000L;
    private static final long BLOCK_BITS = 200_000;

    private Topology full;
    private Topology statistical;
    private RunResult fullRun;
    private RunResult statisticalRun;
    private RunResult bbm92Full;
    private RunResult bbm92Statistical;

    @BeforeAll
    void runBoth() {
        full = smallBlocks("../../config/two-node.conf", 1);
        statistical = full.withFidelity(Fidelity.STATISTICAL);
        fullRun = run(full, 42);
        statisticalRun = run(statistical, 42);
        Topology bbm92 = smallBlocks("../../config/two-node-bbm92.conf", 10);
        bbm92Full = run(bbm92, 42, 3 * DURATION_PS);
        bbm92Statistical = run(bbm92.withFidelity(Fidelity.STATISTICAL), 42, 3 * DURATION_PS);
    }

    /** The shipped topology at full fidelity with blocks of BLOCK_BITS and batches {@code batchDivisor} times smaller. */
    private static Topology smallBlocks(String file, long batchDivisor) {
        Topology shipped = TopologyLoader.load(Path.of(file));
        LinkSpec l = shipped.links().get(0);
        LinkSpec small = new LinkSpec(l.id(), l.transmitterId(), l.receiverId(), l.protocol(), Fidelity.FULL,
                l.batchPulses() / batchDivisor, l.fibre(), l.source(), l.sourcePositionKm(), l.receiver(),
                l.basisChoice(), l.postProcessing().withKeyBlockBits(BLOCK_BITS).withPreSharedKeyBits(1L << 26));
        return new Topology(shipped.name(), shipped.description(), shipped.nodes(), List.of(small), shipped.source());
    }

    private static RunResult run(Topology topology, long seed) {
        return run(topology, seed, DURATION_PS);
    }

    private static RunResult run(Topology topology, long seed, long durationPs) {
        RunSettings settings = new RunSettings(seed, new ClockSettings(ClockMode.FAST, 1.0, durationPs, EPOCH_PS));
        return Emulation.run(topology, settings, ProgressListener.NONE, QnetemConfig.load());
    }

    @Test
    void qberAgrees() {
        qberAgrees(fullRun, statisticalRun);
    }

    /** BBM92 over the shipped pair-source link: QBER, sifted bits and key per block agree. */
    @Test
    void bbm92Agrees() {
        qberAgrees(bbm92Full, bbm92Statistical);
        KeyStatistics a = bbm92Full.links().get(0).keys();
        KeyStatistics b = bbm92Statistical.links().get(0).keys();
        assertTrue(a.blocks() >= 3 && b.blocks() >= 3, "blocks: full " + a.blocks() + ", statistical " + b.blocks());
        double fullPerKeyBit = (double) a.secretBits() / a.keyBits();
        double statisticalPerKeyBit = (double) b.secretBits() / b.keyBits();
        assertEquals(fullPerKeyBit, statisticalPerKeyBit, 0.1 * fullPerKeyBit,
                "secret bits per key-basis bit, full vs statistical");
        RunReports.of(bbm92Statistical).invariants().forEach((name, count) -> assertEquals(0L, count, name));
    }

    private static void qberAgrees(RunResult fullResult, RunResult statisticalResult) {
        LinkStatistics a = fullResult.links().get(0);
        LinkStatistics b = statisticalResult.links().get(0);
        assertEquals(a.pulses(), b.pulses());
        assertEquals(a.batches(), b.batches());
        double se = Math.hypot(a.qberStandardError(), b.qberStandardError());
        assertTrue(Math.abs(a.qber() - b.qber()) <= SIGMAS * se,
                "QBER full " + a.qber() + ", statistical " + b.qber() + ", standard error " + se);
        double sifted = Math.sqrt(a.siftedBits());
        assertTrue(Math.abs(a.siftedBits() - b.siftedBits()) <= SIGMAS * Math.sqrt(2) * sifted,
                "sifted bits full " + a.siftedBits() + ", statistical " + b.siftedBits());
    }

    /** Mean over blocks of each block's secret bits per second of emission, and its standard error. */
    @Test
    void meanSecretKeyRateAgrees() {
        double[] a = blockRates(fullRun, full);
        double[] b = blockRates(statisticalRun, statistical);
        assertTrue(a[2] >= 30 && b[2] >= 30, "blocks: full " + a[2] + ", statistical " + b[2]);
        double se = Math.hypot(a[1], b[1]);
        assertTrue(Math.abs(a[0] - b[0]) <= SIGMAS * se, String.format(
                "mean secret key rate: full %.6g b/s (%d blocks), statistical %.6g b/s (%d blocks), standard error %.3g",
                a[0], (long) a[2], b[0], (long) b[2], se));
    }

    private static double[] blockRates(RunResult result, Topology topology) {
        LinkSpec link = topology.links().get(0);
        KeyStatistics keys = result.links().get(0).keys();
        assertEquals(0, keys.abortedBlocks());
        BlockRecord[] blocks = keys.delivered();
        double sum = 0;
        double sumSquares = 0;
        for (BlockRecord record : blocks) {
            BlockDetail d = record.detail();
            double seconds = (d.lastBatch() - d.firstBatch() + 1) * link.batchPulses() / link.source().clockHz();
            double rate = d.secretBits() / seconds;
            sum += rate;
            sumSquares += rate * rate;
        }
        int n = blocks.length;
        double mean = sum / n;
        double variance = (sumSquares - n * mean * mean) / (n - 1);
        return new double[] {mean, Math.sqrt(variance / n), n};
    }

    @Test
    void statisticalKeysAreSharedAndTheReportShowsTheEffectiveFidelity() {
        KeyStatistics keys = statisticalRun.links().get(0).keys();
        assertEquals(0, keys.mismatchedKeys());
        assertEquals(0, keys.keysDeliveredTwice());
        assertEquals(0, keys.keysFromAbortedBlocks());
        assertEquals(keys.secretBits(), keys.deliveredBits());
        RunReport report = RunReports.of(statisticalRun);
        assertEquals("statistical", report.links().get(0).fidelity());
        assertEquals("full", RunReports.of(fullRun).links().get(0).fidelity());
        report.invariants().forEach((name, count) -> assertEquals(0L, count, name));
    }

    @Test
    void statisticalIsDeterministic() {
        RunResult again = run(statistical, 42);
        RunResult other = run(statistical, 43);
        String digest = statisticalRun.links().get(0).keys().keyDigest();
        assertEquals(statisticalRun.links(), again.links());
        assertEquals(digest, again.links().get(0).keys().keyDigest());
        assertNotEquals(digest, other.links().get(0).keys().keyDigest());
        assertNotEquals(statisticalRun.links().get(0).siftedBits(), other.links().get(0).siftedBits());
    }
}
