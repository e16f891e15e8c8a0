package org.qnetem.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.qnetem.physics.batch.BatchSample;
import org.qnetem.physics.batch.Bb84BatchSampler;
import org.qnetem.physics.batch.PhotonBatch;
import org.qnetem.physics.channel.FibreChannel;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.detector.ThresholdDetector;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.physics.source.WeakCoherentSource;

/**
 * The BB84 photon-batch sampler on one thread: a 1 GHz decoy source (μ = 0.5 / 0.1 / 0.0002) behind
 * a total loss of 0, 10, 20 or 30 dB between source and detection (the detector is otherwise ideal;
 * dark counts 6e-7 per gate). Each operation samples one batch of 10^6 pulses (1 ms of emission, the
 * emulator's default batch) with a fresh batch sequence; the counters report emulated pulses and
 * detections per second of benchmark thread time, which with one thread is per CPU-second. Run with
 * {@code -p pulsesPerBatch=1000000,10000000} to see whether a batch has a fixed cost: it has none
 * worth measuring if detections per second are the same at both sizes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SamplerBenchmark {

    @Param({"0", "10", "20", "30"})
    public double totalLossDb;

    @Param({"1000000"})
    public long pulsesPerBatch;

    private WeakCoherentSource source;
    private Bb84BatchSampler sampler;
    private long sequence;

    /** Per-iteration totals that JMH divides by the iteration's time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Emulated {
        public long pulses;
        public long detections;

        @Setup(Level.Iteration)
        public void reset() {
            pulses = 0;
            detections = 0;
        }
    }

    @Setup
    public void setUp() {
        source = new WeakCoherentSource(1e9, new double[] {0.5, 0.1, 2e-4}, new double[] {0.8, 0.15, 0.05}, 0.5);
        FibreChannel lossOnly = FibreChannel.smf28(0, 0.2, totalLossDb);
        Receiver receiver = new Receiver(1.0, ThresholdDetector.gated(1.0, 6e-7), 0.01, 0.5);
        sampler = new Bb84BatchSampler(source, lossOnly, receiver);
    }

    @Benchmark
    public BatchSample sampleBatch(Emulated emulated) {
        long seq = sequence++;
        PhotonBatch batch = new PhotonBatch("BENCH", seq, seq * pulsesPerBatch * 1000, pulsesPerBatch, source,
                new StreamKey(1, "BENCH", "tx-pulse-state", seq));
        BatchSample sample = sampler.sample(batch, new StreamKey(1, "BENCH", "channel", seq));
        emulated.pulses += pulsesPerBatch;
        emulated.detections += sample.truth().detections();
        return sample;
    }
}
