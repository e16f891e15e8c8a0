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
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.qkd.hashing.PolynomialDigest;
import org.qnetem.qkd.verification.KeyVerification;

/**
 * Error verification at one end on one thread: fresh hash points and the tag of a corrected key of
 * n bits. The counter reports key bits verified per second of benchmark thread time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VerificationBenchmark {

    @Param({"1000000", "100000000"})
    public int keyBits;

    private PackedBits key;
    private RandomStream fresh;

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Verified {
        public long bits;

        @Setup(Level.Iteration)
        public void reset() {
            bits = 0;
        }
    }

    @Setup
    public void setUp() {
        key = RandomKeys.bits(new RandomStream(new StreamKey(1, "BENCH", "key", 0)), keyBits);
        fresh = new RandomStream(new StreamKey(1, "BENCH", "verification", 0));
    }

    @Benchmark
    public PolynomialDigest tagKey(Verified verified) {
        verified.bits += keyBits;
        return KeyVerification.draw(fresh).tag(key);
    }
}
