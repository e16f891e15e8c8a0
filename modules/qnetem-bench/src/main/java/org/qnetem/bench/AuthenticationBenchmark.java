package org.qnetem.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.qkd.authentication.AuthenticationKeyPool;
import org.qnetem.qkd.authentication.AuthenticationVerdict;
import org.qnetem.qkd.authentication.Authenticator;
import org.qnetem.qkd.authentication.Direction;

/**
 * Wegman–Carter authentication of 16 KB messages on one thread: each operation is one message tagged
 * at one end and checked at the other (both ends' work), alternately a to b and b to a as a protocol's
 * requests and answers go, with both pools replenished from the same key stream whenever they run low,
 * as QKD output would refill them. The counter reports messages per second of benchmark thread time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AuthenticationBenchmark {

    private static final int MESSAGE_BYTES = 16 * 1024;
    private static final int REFILL_BITS = 1 << 20;

    private final byte[] message = new byte[MESSAGE_BYTES];
    private RandomStream qkdOutput;
    private Authenticator endA;
    private Authenticator endB;
    private long sent;

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Authenticated {
        public long messages;

        @Setup(Level.Iteration)
        public void reset() {
            messages = 0;
        }
    }

    @Setup
    public void setUp() {
        new SplittableRandom(1).nextBytes(message);
        String preShared = "0123456789abcdef".repeat(8);
        endA = new Authenticator(AuthenticationKeyPool.fromHex(preShared), Direction.A_TO_B);
        endB = new Authenticator(AuthenticationKeyPool.fromHex(preShared), Direction.B_TO_A);
        qkdOutput = new RandomStream(new StreamKey(1, "BENCH", "qkd-output", 0));
    }

    @Benchmark
    public AuthenticationVerdict tagAndVerify(Authenticated authenticated) {
        Authenticator sender = (sent++ & 1) == 0 ? endA : endB;
        Authenticator receiver = sender == endA ? endB : endA;
        if (sender.pool().availablePads(sender.outgoing()) == 0) {
            PackedBits refill = RandomKeys.bits(qkdOutput, REFILL_BITS);
            endA.pool().replenish(refill);
            endB.pool().replenish(refill);
        }
        authenticated.messages++;
        return receiver.verify(message, sender.tag(message));
    }
}
