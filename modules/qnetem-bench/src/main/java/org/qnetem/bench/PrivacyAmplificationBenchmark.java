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
import org.qnetem.qkd.amplification.ToeplitzHash;

/**
 * Toeplitz privacy amplification of one block of n corrected bits to ℓ = n/2 on one thread, as the
 * engine will do it: a new seed per block, so each operation builds the hash from its seed and
 * applies it (drawing the seed is not timed). The counter reports input bits per second of benchmark
 * thread time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PrivacyAmplificationBenchmark {

    private static final int SEEDS = 4;

    @Param({"1000000", "10000000"})
    public int inputBits;

    private PackedBits key;
    private PackedBits[] seeds;
    private int next;

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Amplified {
        public long inputBits;

        @Setup(Level.Iteration)
        public void reset() {
            inputBits = 0;
        }
    }

    @Setup
    public void setUp() {
        RandomStream random = new RandomStream(new StreamKey(1, "BENCH", "privacy-amplification", 0));
        key = RandomKeys.bits(random, inputBits);
        seeds = new PackedBits[SEEDS];
        for (int i = 0; i < SEEDS; i++) {
            seeds[i] = ToeplitzHash.randomSeed(random, inputBits, inputBits / 2);
        }
    }

    @Benchmark
    public PackedBits amplify(Amplified amplified) {
        PackedBits seed = seeds[next++ % SEEDS];
        amplified.inputBits += inputBits;
        return new ToeplitzHash(seed, inputBits, inputBits / 2).hash(key);
    }
}
