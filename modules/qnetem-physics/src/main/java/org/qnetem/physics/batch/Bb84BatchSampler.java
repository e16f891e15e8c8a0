package org.qnetem.physics.batch;

import org.qnetem.physics.channel.FibreChannel;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.model.Bb84Expectation;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.physics.source.PulseStates;
import org.qnetem.physics.source.WeakCoherentSource;

/**
 * Samples exactly, per pulse, which pulses of a BB84 photon batch click at Bob and what he records,
 * under the model of {@link Bb84Expectation}, in time proportional to the detections rather than the
 * pulses.
 *
 * <p>Pulse i clicks with probability P_k of its class k (which depends on nothing else). With
 * p_max = max_k P_k, candidates are drawn by geometric skipping (each pulse a candidate with
 * probability p_max: gap = floor(ln U / ln(1 − p_max)), U uniform in (0, 1]), and candidate i is kept
 * with probability P_k / p_max, k read from Alice's {@link PulseStates}. The kept pulses are exactly
 * a Bernoulli(P_k) selection. For each, Bob's basis is drawn, then which detectors clicked from their
 * joint distribution given at least one click: correct only, wrong only, or both (double click,
 * outcome a fresh random bit).
 *
 * <p>All draws come, in that order, from one {@link RandomStream} of the channel key. A sampler is
 * immutable and may be shared between threads.
 */
public final class Bb84BatchSampler {

    // Leaves headroom below the largest Java array for fluctuations above the mean.
    private static final int MAX_EXPECTED_DETECTIONS = 1 << 30;

    private final WeakCoherentSource source;
    private final long delayPs;
    private final double bobBasisBiasX;
    private final Bb84Expectation expectation;
    private final double candidateProbability;
    private final double logNotCandidate;
    private final double[] acceptance;
    // Indexed by cell(k, basesMatch): P(correct only | click) and P(exactly one | click).
    private final double[] correctOnlyBelow;
    private final double[] singleClickBelow;

    public Bb84BatchSampler(WeakCoherentSource source, FibreChannel channel, Receiver receiver) {
        this.source = source;
        delayPs = channel.delayPs();
        bobBasisBiasX = receiver.basisBiasX();
        expectation = new Bb84Expectation(source, channel, receiver);
        int classes = source.classCount();
        double maxClick = 0;
        for (int k = 0; k < classes; k++) {
            maxClick = Math.max(maxClick, expectation.clickProbability(k));
        }
        candidateProbability = maxClick;
        logNotCandidate = Math.log1p(-maxClick);
        acceptance = new double[classes];
        correctOnlyBelow = new double[2 * classes];
        singleClickBelow = new double[2 * classes];
        for (int k = 0; k < classes; k++) {
            double click = expectation.clickProbability(k);
            if (click > 0) {
                acceptance[k] = click / maxClick;
                setClickSplit(k, false, click);
                setClickSplit(k, true, click);
            }
        }
    }

    /** Bob's record of {@code batch}, with ground truth, drawn from the stream of {@code channelKey}. */
    public BatchSample sample(PhotonBatch batch, StreamKey channelKey) {
        if (!source.equals(batch.source())) {
            throw new IllegalArgumentException("batch " + batch.linkId() + "#" + batch.sequence() + " comes from "
                    + batch.source() + " but this sampler models " + source);
        }
        RandomStream random = new RandomStream(channelKey);
        PulseStates alice = new PulseStates(source, batch.pulseStateKey());
        long pulses = batch.pulseCount();
        DetectionRecorder recorder = new DetectionRecorder(expectedCapacity(pulses), source.classCount());
        if (candidateProbability > 0) {
            long pulse = -1;
            while (true) {
                double gap = nextGap(random);
                if (gap >= pulses - 1 - pulse) {
                    break;
                }
                pulse += 1 + (long) gap;
                int state = alice.stateOf(pulse);
                int k = PulseStates.intensityClass(state);
                if (acceptance[k] < 1 && !random.nextBoolean(acceptance[k])) {
                    continue;
                }
                detect(pulse, state, random, recorder);
            }
        }
        return recorder.toSample(batch, batch.emissionTimePs() + delayPs);
    }

    /** Non-candidate pulses before the next candidate; every pulse is a candidate when p_max = 1. */
    private double nextGap(RandomStream random) {
        if (candidateProbability >= 1) {
            return 0;
        }
        return Math.floor(Math.log(random.nextOpenDouble()) / logNotCandidate);
    }

    private void detect(long pulse, int state, RandomStream random, DetectionRecorder recorder) {
        int k = PulseStates.intensityClass(state);
        int aliceBit = PulseStates.bit(state);
        boolean bobX = random.nextBoolean(bobBasisBiasX);
        boolean basesMatch = (PulseStates.basis(state) == 1) == bobX;
        int cell = cell(k, basesMatch);
        double u = random.nextDouble();
        boolean doubleClick = false;
        int outcome;
        if (u < correctOnlyBelow[cell]) {
            outcome = aliceBit;
        } else if (u < singleClickBelow[cell]) {
            outcome = 1 - aliceBit;
        } else {
            doubleClick = true;
            outcome = random.nextBoolean(0.5) ? 1 : 0;
        }
        recorder.record(pulse, k, bobX, basesMatch, outcome, doubleClick, outcome != aliceBit);
    }

    private void setClickSplit(int k, boolean basesMatch, double click) {
        double correct = expectation.correctClickProbability(k, basesMatch);
        double wrong = expectation.wrongClickProbability(k, basesMatch);
        int cell = cell(k, basesMatch);
        correctOnlyBelow[cell] = correct * (1 - wrong) / click;
        singleClickBelow[cell] = correctOnlyBelow[cell] + wrong * (1 - correct) / click;
    }

    /** A little above the mean so the buffers rarely grow; they grow by doubling when they must. */
    private int expectedCapacity(long pulses) {
        double mean = pulses * expectation.clickProbability();
        if (mean > MAX_EXPECTED_DETECTIONS) {
            throw new IllegalArgumentException(pulses + " pulses would give about " + (long) mean
                    + " detections, more than one batch holds (" + MAX_EXPECTED_DETECTIONS + "); send shorter batches");
        }
        return (int) (mean + 5 * Math.sqrt(mean) + 16);
    }

    private static int cell(int k, boolean basesMatch) {
        return 2 * k + (basesMatch ? 1 : 0);
    }
}
