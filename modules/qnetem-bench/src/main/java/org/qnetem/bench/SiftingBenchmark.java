package org.qnetem.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.qnetem.physics.batch.DetectionBatch;
import org.qnetem.physics.batch.PhotonBatch;
import org.qnetem.qkd.sifting.Bb84Receiver;
import org.qnetem.qkd.sifting.Bb84Transmitter;
import org.qnetem.qkd.sifting.SiftedBlock;

/**
 * Sifting one batch at both ends (Bob announces, Alice answers and keeps her half, Bob keeps his) on
 * one thread, for a batch of the two-node link at 25 km ({@link TwoNodeBatches}): 10^6 pulses, the
 * emulator's default batch (about 13,000 detections), or 10^7. The counter reports detections sifted
 * per second of benchmark thread time; equal figures at both sizes mean that a batch has no
 * noticeable fixed cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SiftingBenchmark {

    @Param({"1000000", "10000000"})
    public long pulsesPerBatch;

    private final TwoNodeBatches batches = new TwoNodeBatches();
    private DetectionBatch detections;
    private PhotonBatch emitted;

    @Setup
    public void setUp() {
        emitted = batches.photonBatch(0, pulsesPerBatch);
        detections = batches.detections(emitted);
    }

    @Benchmark
    public SiftedBlock siftBothEnds(DetectionCounter sifted) {
        Bb84Transmitter alice = new Bb84Transmitter(TwoNodeBatches.LINK, batches.source(), TwoNodeBatches.SEED);
        alice.emit(emitted.sequence(), emitted.emissionTimePs(), emitted.pulseCount());
        Bb84Receiver bob = new Bb84Receiver(TwoNodeBatches.LINK);
        Bb84Transmitter.Sifted aliceSide = alice.onSiftAnnouncement(bob.onDetections(detections));
        sifted.detections += detections.count();
        return bob.onSiftResponse(aliceSide.response());
    }
}
