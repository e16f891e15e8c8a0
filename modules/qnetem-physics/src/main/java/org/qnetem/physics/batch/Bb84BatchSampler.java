package org.qnetem.physics.batch;

import java.util.Objects;
import org.qnetem.physics.attack.Attack;
import org.qnetem.physics.attack.EveChoices;
import org.qnetem.physics.channel.QuantumChannel;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.detector.TestSlotSchedule;
import org.qnetem.physics.model.Bb84Expectation;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.physics.source.Bb84Source;
import org.qnetem.physics.source.PulseStates;

/**
 * Samples exactly which pulses of a BB84 photon batch Bob's receiver registers and what it records,
 * under the model of {@link Bb84Expectation} (attack, dead time and afterpulses included), in time
 * proportional to the detections rather than the pulses.
 *
 * <p>The walk goes through the batch in pulse order. From a live slot, candidates come by geometric
 * skipping: each slot is a candidate with probability p_max, so the gap to the next is
 * floor(E / -ln(1 - p_max)) for an exponential E ({@link org.qnetem.physics.random.ExponentialZiggurat}).
 * A candidate's intensity class, basis and bit come from Alice's {@link PulseStates}, Eve's action
 * from {@link EveChoices}; one uniform then thins it to its kind's click probability and picks Bob's
 * basis and which detectors clicked ({@link SamplingTables}). The kept candidates are exactly a
 * per-slot Bernoulli selection with the right joint distribution. After a registered click the dead
 * slots are skipped, and an afterpulse may follow in the first slot after them; the search then
 * resumes at the first live slot, which by memorylessness keeps the selection exact.
 *
 * <p>Randomness: the walk draws from the stream of the channel key ({@link BatchWalk} lists the
 * order); Eve's choices come from the stream of purpose {@code <channel purpose>/eve} and the blinding
 * monitor's test slots from {@code <channel purpose>/test-slots}, both random access per pulse.
 * Same keys, same batch: bit for bit, on any thread or JVM.
 *
 * <p>The channel's transmittance is read at each batch's emission time (a batch sees one
 * transmittance); the tables for the last transmittance seen are kept. A sampler may be shared
 * between threads.
 */
public final class Bb84BatchSampler {

    /** Appended to the channel key's purpose for Eve's per-pulse choices. */
    public static final String EVE_PURPOSE_SUFFIX = "/eve";
    /** Appended to the channel key's purpose for the blinding monitor's test slots. */
    public static final String TEST_SLOT_PURPOSE_SUFFIX = "/test-slots";
    // Leaves headroom below the largest Java array for fluctuations above the mean.
    private static final int MAX_EXPECTED_DETECTIONS = 1 << 30;

    private final Bb84Source source;
    private final QuantumChannel channel;
    private final Receiver receiver;
    private final Attack attack;
    private volatile TablesAt lastTables;

    private record TablesAt(double transmittance, SamplingTables tables) {
    }

    /** An honest link. */
    public Bb84BatchSampler(Bb84Source source, QuantumChannel channel, Receiver receiver) {
        this(source, channel, receiver, Attack.NONE);
    }

    public Bb84BatchSampler(Bb84Source source, QuantumChannel channel, Receiver receiver, Attack attack) {
        this.source = Objects.requireNonNull(source, "source");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.receiver = Objects.requireNonNull(receiver, "receiver");
        this.attack = Objects.requireNonNull(attack, "attack");
    }

    /** Bob's record of {@code batch}, with ground truth, drawn from the streams of {@code channelKey}. */
    public BatchSample sample(PhotonBatch batch, StreamKey channelKey) {
        if (!source.equals(batch.source())) {
            throw new IllegalArgumentException("batch " + batch.linkId() + "#" + batch.sequence() + " comes from "
                    + batch.source() + " but this sampler models " + source);
        }
        SamplingTables tables = tablesAt(channel.transmittanceAt(batch.emissionTimePs()));
        long pulses = batch.pulseCount();
        DetectionRecorder recorder = new DetectionRecorder(expectedCapacity(tables, pulses), source.classCount());
        EveChoices eve = tables.kinds.actProbability() == 0 ? null
                : new EveChoices(channelKey.withPurpose(channelKey.purpose() + EVE_PURPOSE_SUFFIX),
                        tables.kinds.actProbability(), tables.kinds.eveBasisBiasX());
        TestSlotSchedule testSlots = receiver.monitor().isOn()
                ? new TestSlotSchedule(channelKey.withPurpose(channelKey.purpose() + TEST_SLOT_PURPOSE_SUFFIX),
                        receiver.monitor().testGateFraction())
                : null;
        new BatchWalk(tables, new RandomStream(channelKey), new PulseStates(source, batch.pulseStateKey()), eve,
                testSlots, recorder, pulses).run();
        return recorder.toSample(batch, batch.emissionTimePs() + channel.delayPsAt(batch.emissionTimePs()),
                receiver.monitor().alarmClicks(), receiver.monitor().isOn());
    }

    private SamplingTables tablesAt(double transmittance) {
        TablesAt last = lastTables;
        if (last != null && last.transmittance() == transmittance) {
            return last.tables();
        }
        SamplingTables tables = new SamplingTables(new Bb84Expectation(source, transmittance, receiver, attack));
        lastTables = new TablesAt(transmittance, tables);
        return tables;
    }

    /** A little above the mean so the buffers rarely grow; they grow by doubling when they must. */
    private static int expectedCapacity(SamplingTables tables, long pulses) {
        double mean = pulses * tables.expectation.clickProbability();
        if (mean > MAX_EXPECTED_DETECTIONS) {
            throw new IllegalArgumentException(pulses + " pulses would give about " + (long) mean
                    + " detections, more than one batch holds (" + MAX_EXPECTED_DETECTIONS + "); send shorter batches");
        }
        return (int) (mean + 5 * Math.sqrt(mean) + 16);
    }
}
