package org.qnetem.bench;

import java.util.ArrayList;
import java.util.List;
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
import org.qnetem.qkd.message.ParityRequest;
import org.qnetem.qkd.message.ParityResponse;
import org.qnetem.qkd.reconciliation.CascadeAlice;
import org.qnetem.qkd.reconciliation.CascadeBob;
import org.qnetem.qkd.reconciliation.CascadeSettings;
import org.qnetem.qkd.reconciliation.CascadeStep;
import org.qnetem.qkd.reconciliation.ReconciliationResult;

/**
 * Cascade on one 10^6-bit key block at QBER 2 % (default settings) on one thread. {@code bothEnds} runs
 * Alice's and Bob's engines together, as the emulator does for a link; {@code aliceEnd} and
 * {@code bobEnd} replay a recorded exchange to one engine alone, which is the work each end's host
 * does in a real system. The counter reports bits of corrected key per second of thread time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CascadeBenchmark {

    private static final String LINK = "ALICE-BOB";
    private static final long BLOCK = 1;

    @Param({"1000000"})
    public int keyBits;

    @Param({"0.02"})
    public double qber;

    private final CascadeSettings settings = CascadeSettings.defaults(1);
    private NoisyKeys keys;
    private final List<ParityRequest> requests = new ArrayList<>();
    private final List<ParityResponse> responses = new ArrayList<>();

    /** Per-iteration totals that JMH divides by the iteration's time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Corrected {
        public long correctedKeyBits;

        @Setup(Level.Iteration)
        public void reset() {
            correctedKeyBits = 0;
        }
    }

    @Setup
    public void setUp() {
        keys = NoisyKeys.generate(keyBits, qber, 1);
        CascadeAlice alice = new CascadeAlice(LINK, BLOCK, keys.alice(), settings);
        CascadeBob bob = newBob();
        CascadeStep step = bob.start();
        while (step instanceof CascadeStep.Ask ask) {
            requests.add(ask.request());
            responses.add(alice.onParityRequest(ask.request()));
            step = bob.onParityResponse(responses.get(responses.size() - 1));
        }
        if (!((CascadeStep.Finish) step).result().key().equals(keys.alice())) {
            throw new IllegalStateException("the benchmark block must reconcile");
        }
    }

    private CascadeBob newBob() {
        return new CascadeBob(LINK, BLOCK, keys.bob(), keys.qber(), settings);
    }

    @Benchmark
    public ReconciliationResult bothEnds(Corrected corrected) {
        CascadeAlice alice = new CascadeAlice(LINK, BLOCK, keys.alice(), settings);
        CascadeBob bob = newBob();
        CascadeStep step = bob.start();
        while (step instanceof CascadeStep.Ask ask) {
            step = bob.onParityResponse(alice.onParityRequest(ask.request()));
        }
        corrected.correctedKeyBits += keyBits;
        return alice.onComplete(((CascadeStep.Finish) step).complete());
    }

    @Benchmark
    public ParityResponse aliceEnd(Corrected corrected) {
        CascadeAlice alice = new CascadeAlice(LINK, BLOCK, keys.alice(), settings);
        ParityResponse last = null;
        for (ParityRequest request : requests) {
            last = alice.onParityRequest(request);
        }
        corrected.correctedKeyBits += keyBits;
        return last;
    }

    @Benchmark
    public CascadeStep bobEnd(Corrected corrected) {
        CascadeBob bob = newBob();
        CascadeStep step = bob.start();
        for (ParityResponse response : responses) {
            step = bob.onParityResponse(response);
        }
        corrected.correctedKeyBits += keyBits;
        return step;
    }
}
