package org.qnetem.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.qnetem.qkd.reconciliation.CascadeAlice;
import org.qnetem.qkd.reconciliation.CascadeBob;
import org.qnetem.qkd.reconciliation.CascadeSettings;
import org.qnetem.qkd.reconciliation.CascadeStep;
import org.qnetem.qkd.reconciliation.ReconciliationResult;

/**
 * Prints the Markdown table of Cascade's efficiency in docs/error-correction.md: for blocks of 10^5 and
 * 10^6 bits at QBER 0.5, 1, 2, 5 and 8 %, the mean f_EC = leaked / (n·h(QBER)) over seeds 1..s (errors at
 * exactly round(QBER · n) random positions), its range, the mean round trips, how many blocks Cascade
 * corrected, and the median CPU time of both ends on this thread (thread CPU time, so that waiting for
 * a core on a shared machine does not count; after a warm-up). Run: java -cp
 * modules/qnetem-bench/target/benchmarks.jar org.qnetem.bench.CascadeEfficiencyTable
 * [seeds for 10^5] [seeds for 10^6] [firstBlockErrors blockGrowth]; 0 seeds skip that block size, and
 * the last two replace the defaults' values (6 passes, widest blocks 1/16 of the key, as the defaults).
 */
public final class CascadeEfficiencyTable {

    private static final double[] QBERS = {0.005, 0.01, 0.02, 0.05, 0.08};
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CascadeEfficiencyTable() {
    }

    public static void main(String[] args) {
        int smallSeeds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int largeSeeds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        CascadeSettings defaults = CascadeSettings.defaults(1);
        CascadeSettings settings = args.length > 3 ? new CascadeSettings(1, defaults.passes(),
                Double.parseDouble(args[2]), Integer.parseInt(args[3]), defaults.widestBlocks()) : defaults;
        System.out.println("Settings: " + settings);
        for (int warmUp = 0; warmUp < 20; warmUp++) {
            reconcile(NoisyKeys.generate(100_000, 0.02, 1000 + warmUp), settings, warmUp);
            reconcile(NoisyKeys.generate(1_000_000, 0.02, 1000 + warmUp), settings, warmUp);
        }
        System.out.println("| block bits | QBER | f_EC mean | f_EC min–max | rounds mean | corrected blocks"
                + " | CPU ms per block, both ends |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        for (int length : new int[] {100_000, 1_000_000}) {
            int seeds = length == 100_000 ? smallSeeds : largeSeeds;
            for (int q = 0; q < QBERS.length && seeds > 0; q++) {
                double qber = QBERS[q];
                row(length, qber, seeds, settings);
            }
        }
    }

    private static void row(int length, double qber, int seeds, CascadeSettings settings) {
        double sum = 0;
        double min = Double.MAX_VALUE;
        double max = 0;
        long rounds = 0;
        int corrected = 0;
        long[] cpuNanos = new long[seeds];
        for (int seed = 1; seed <= seeds; seed++) {
            NoisyKeys keys = NoisyKeys.generate(length, qber, seed);
            long before = THREADS.getCurrentThreadCpuTime();
            ReconciliationResult result = reconcile(keys, settings, seed);
            cpuNanos[seed - 1] = THREADS.getCurrentThreadCpuTime() - before;
            double efficiency = result.efficiency(keys.qber());
            sum += efficiency;
            min = Math.min(min, efficiency);
            max = Math.max(max, efficiency);
            rounds += result.rounds();
            corrected += result.key().equals(keys.alice()) ? 1 : 0;
        }
        System.out.printf("| %s | %.1f %% | %.3f | %.3f–%.3f | %.0f | %d / %d | %.1f |%n",
                length == 100_000 ? "10^5" : "10^6", qber * 100, sum / seeds, min, max, (double) rounds / seeds,
                corrected, seeds, median(cpuNanos) / 1e6);
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    private static ReconciliationResult reconcile(NoisyKeys keys, CascadeSettings settings, long blockId) {
        CascadeAlice alice = new CascadeAlice("ALICE-BOB", blockId, keys.alice(), settings);
        CascadeBob bob = new CascadeBob("ALICE-BOB", blockId, keys.bob(), keys.qber(), settings);
        CascadeStep step = bob.start();
        while (step instanceof CascadeStep.Ask ask) {
            step = bob.onParityResponse(alice.onParityRequest(ask.request()));
        }
        CascadeStep.Finish finish = (CascadeStep.Finish) step;
        alice.onComplete(finish.complete());
        return finish.result();
    }
}
