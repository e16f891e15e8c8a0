package org.qnetem.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.qnetem.physics.batch.Bb84BatchSampler;
import org.qnetem.physics.batch.DetectionBatch;
import org.qnetem.physics.batch.PhotonBatch;
import org.qnetem.physics.channel.FibreChannel;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.detector.ThresholdDetector;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.physics.source.WeakCoherentSource;
import org.qnetem.qkd.message.SiftAnnouncement;
import org.qnetem.qkd.sifting.Bb84Receiver;
import org.qnetem.qkd.sifting.Bb84Transmitter;

/**
 * The thread CPU time of each step of one photon batch, per detection, at a given batch size: the
 * channel sampler, Bob's announcement, Alice's sifting and Bob's sifting, on the link of the decoy-BB84
 * protocol tests (25 km; 1 GHz source, μ = 0.55 / 0.21 / 0.0002 with probabilities 0.15 / 0.54 / 0.31,
 * X basis 70 %; receiver efficiency 0.1, dark counts 6e-7 per gate, 1 % misalignment, X basis 70 %;
 * about 6,200 detections per 10^6 pulses).
 *
 * <p>Two figures per step. "Cold": the first 10^7 pulses of a fresh JVM, while the JIT is still
 * compiling. "Warm": the median and the minimum over the batches of 2 × 10^9 pulses, after
 * 2 × 10^9 pulses of warm-up. If a batch had a fixed cost, the warm cost per detection would be higher at
 * 10^6 pulses than at 10^7. Run once per size, each in a fresh JVM: java -cp
 * modules/qnetem-bench/target/benchmarks.jar org.qnetem.bench.BatchCostTable 1000000 (or 10000000).
 */
public final class BatchCostTable {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final String LINK = "ALICE-BOB";
    private static final long COLD_PULSES = 10_000_000L;
    private static final long WARM_UP_PULSES = 2_000_000_000L;
    private static final long MEASURED_PULSES = 2_000_000_000L;
    private static final String[] STEPS = {"sampler", "Bob announces", "Alice sifts", "Bob sifts"};

    private final WeakCoherentSource source = new WeakCoherentSource(1e9, new double[] {0.55, 0.21, 2e-4},
            new double[] {0.15, 0.54, 0.31}, 0.7);
    private final Bb84BatchSampler sampler = new Bb84BatchSampler(source, FibreChannel.smf28(25, 0.2, 0),
            new Receiver(1.0, ThresholdDetector.gated(0.1, 6e-7), 0.01, 0.7));
    private final Bb84Transmitter alice = new Bb84Transmitter(LINK, source, 1);
    private final Bb84Receiver bob = new Bb84Receiver(LINK);
    private final long pulsesPerBatch;
    private long sequence;

    private BatchCostTable(long pulsesPerBatch) {
        this.pulsesPerBatch = pulsesPerBatch;
    }

    public static void main(String[] args) {
        long pulses = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        String loadAtStart = loadAverage();
        BatchCostTable table = new BatchCostTable(pulses);
        int coldBatches = (int) Math.max(1, COLD_PULSES / pulses);
        long[][] cold = new long[STEPS.length][coldBatches];
        long coldDetections = table.run(cold);
        table.run(new long[STEPS.length][(int) Math.max(1, WARM_UP_PULSES / pulses)]);
        long[][] warm = new long[STEPS.length][(int) Math.max(1, MEASURED_PULSES / pulses)];
        long warmDetections = table.run(warm);
        double coldPerBatch = coldDetections / (double) coldBatches;
        double warmPerBatch = warmDetections / (double) warm[0].length;
        System.out.printf("%d pulses per batch, %.0f detections per batch; load average %s at the start, %s at"
                + " the end%n", pulses, warmPerBatch, loadAtStart, loadAverage());
        System.out.println("| step | cold, ns per detection | warm median, ns per detection | warm minimum |");
        System.out.println("|---|---:|---:|---:|");
        for (int step = 0; step < STEPS.length; step++) {
            long[] sorted = warm[step].clone();
            Arrays.sort(sorted);
            System.out.printf("| %s | %.1f | %.1f | %.1f |%n", STEPS[step],
                    Arrays.stream(cold[step]).sum() / (coldPerBatch * coldBatches),
                    sorted[sorted.length / 2] / warmPerBatch, sorted[0] / warmPerBatch);
        }
    }

    /** Runs one batch per column of {@code nanos}, recording each step's thread CPU time; returns the detections. */
    private long run(long[][] nanos) {
        long detections = 0;
        for (int b = 0; b < nanos[0].length; b++) {
            long seq = sequence++;
            PhotonBatch batch = alice.emit(seq, seq * pulsesPerBatch * 1000, pulsesPerBatch);
            long t0 = THREADS.getCurrentThreadCpuTime();
            DetectionBatch clicks = sampler.sample(batch, new StreamKey(1, LINK, "channel", seq)).detections();
            long t1 = THREADS.getCurrentThreadCpuTime();
            SiftAnnouncement announcement = bob.onDetections(clicks);
            long t2 = THREADS.getCurrentThreadCpuTime();
            Bb84Transmitter.Sifted sifted = alice.onSiftAnnouncement(announcement);
            long t3 = THREADS.getCurrentThreadCpuTime();
            bob.onSiftResponse(sifted.response());
            long t4 = THREADS.getCurrentThreadCpuTime();
            nanos[0][b] = t1 - t0;
            nanos[1][b] = t2 - t1;
            nanos[2][b] = t3 - t2;
            nanos[3][b] = t4 - t3;
            detections += clicks.count();
        }
        return detections;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
