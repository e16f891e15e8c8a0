package org.qnetem.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.qnetem.physics.batch.DetectionBatch;
import org.qnetem.runtime.serialization.WireCodec;
import org.qnetem.runtime.serialization.WireFormatException;

/**
 * Wire protocol v1 encoding and decoding of a real detection batch of the two-node link (about
 * 13,000 detections); the counter reports detections per second of benchmark thread time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WireCodecBenchmark {

    private DetectionBatch detections;
    private byte[] encoded;

    @Setup
    public void setUp() {
        TwoNodeBatches batches = new TwoNodeBatches();
        detections = batches.detections(batches.photonBatch(0));
        encoded = WireCodec.encodeDetectionBatch(detections);
    }

    @Benchmark
    public byte[] encodeDetectionBatch(DetectionCounter coded) {
        coded.detections += detections.count();
        return WireCodec.encodeDetectionBatch(detections);
    }

    @Benchmark
    public DetectionBatch decodeDetectionBatch(DetectionCounter coded) throws WireFormatException {
        coded.detections += detections.count();
        return WireCodec.decodeDetectionBatch(encoded);
    }
}
