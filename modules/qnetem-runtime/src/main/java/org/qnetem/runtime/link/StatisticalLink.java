package org.qnetem.runtime.link;

import java.util.List;
import java.util.Optional;
import org.qnetem.physics.batch.Bbm92Arm;
import org.qnetem.physics.batch.Bbm92Expectation;
import org.qnetem.physics.batch.PairInterceptResend;
import org.qnetem.physics.batch.PhotonBatch;
import org.qnetem.physics.batch.StatisticalCounts;
import org.qnetem.physics.batch.StatisticalSampler;
import org.qnetem.physics.model.Bb84Expectation;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.qkd.protocol.Bbm92SecureLength;
import org.qnetem.qkd.protocol.BlockOutcome;
import org.qnetem.qkd.protocol.DecoyBb84SecureLength;
import org.qnetem.qkd.protocol.ExpectedKeyRate;
import org.qnetem.qkd.protocol.Incarnation;
import org.qnetem.qkd.protocol.SecureLength;
import org.qnetem.qkd.protocol.StatisticalBlocks;
import org.qnetem.runtime.fault.LinkConditions;
import org.qnetem.runtime.topology.LinkSpec;
import org.qnetem.runtime.topology.Protocol;

/**
 * A link at statistical fidelity, as its link actor runs it: each batch's counts drawn from the
 * stream (run seed, link, {@value #PURPOSE}, batch) by {@link StatisticalSampler}, and the key blocks
 * they close from {@link StatisticalBlocks}. Quantum faults enter through the detection model: each batch's
 * counts come from {@link Bb84Expectation} (BBM92: {@link Bbm92Expectation} with end b's arm under the faults,
 * and an intercept-resend's errors from {@link PairInterceptResend}) of the link under its
 * {@link LinkConditions} at the batch's emission time, and Eve's share of the sifted bits and the blinding
 * monitor's clicks are that model's expectations. A satellite link's model follows the pass: the transmittance at the batch's
 * middle, so a batch (10 ms at 1 GHz and 10^7 pulses) sees one loss; between passes the station is not
 * tracking and its detectors are not gated on the satellite's clock, so nothing is detected, dark counts
 * included.
 */
final class StatisticalLink {

    /** Purpose of the stream a batch's counts are drawn from. */
    static final String PURPOSE = "statistical";

    /**
     * A batch's counts and the blocks they closed (decided when the batch's last pulse has arrived), with
     * the model's expected Eve-known sifted bits and blinding-monitor clicks, rounded.
     */
    record Drawn(StatisticalCounts counts, List<BlockOutcome> blocks, long eveKnownSifted, long monitorClicks,
                 boolean monitorAlarm) {
    }

    /** The decoy-BB84 model last built, kept while the transmittance and conditions stay the same. */
    private record Model(double transmittance, LinkConditions conditions, Bb84Expectation expectation,
                         StatisticalSampler sampler) {
    }

    /** The BBM92 model under faults, kept while the conditions and their loss factor stay the same. */
    private record Bbm92Model(double lossFactor, LinkConditions conditions, StatisticalSampler sampler,
                              double eveKnownPerPulse) {
    }

    private final LinkSpec spec;
    private final StatisticalSampler sampler;
    private Model model;
    private Bbm92Model bbm92Model;
    private LinkConditions conditions = LinkConditions.honest();
    private StatisticalBlocks blocks;
    private final long runSeed;
    private final RandomStream streams;
    private final double delayPs;

    StatisticalLink(LinkSpec spec, long runSeed) {
        this.spec = spec;
        this.runSeed = runSeed;
        switch (spec.protocol()) {
            // A satellite link's sampler changes with the pass (see modelAt); this one is its culmination's.
            case DECOY_BB84 -> {
                Bb84Expectation link = new Bb84Expectation(spec.weakCoherentSource(), spec.fibre(), spec.receiver());
                sampler = StatisticalSampler.decoyBb84(spec.weakCoherentSource(), link);
            }
            case BBM92 -> {
                Bbm92Expectation link = Bbm92Expectation.of(spec.source(), spec.armA(), spec.armB(), 0);
                sampler = StatisticalSampler.bbm92(link, spec.armA().receiver().basisBiasX(),
                        spec.armB().receiver().basisBiasX());
            }
            default -> throw new IllegalArgumentException("no statistical model for " + spec.protocol());
        }
        startLife(Incarnation.FIRST);
        streams = new RandomStream(new StreamKey(runSeed, spec.id(), PURPOSE, 0));
        delayPs = spec.fibre().lengthKm() * 1e3 * spec.fibre().groupIndex() / 299_792_458.0 * 1e12;
    }

    /** From now on the link's blocks are those of its life {@code life}: the block being gathered is dropped. */
    void startLife(Incarnation life) {
        SecureLength secureLength = spec.protocol() == Protocol.BBM92 ? new Bbm92SecureLength(spec.postProcessing())
                : new DecoyBb84SecureLength(spec.weakCoherentSource(), spec.postProcessing());
        blocks = new StatisticalBlocks(spec.id(), runSeed, life, spec.postProcessing(), secureLength,
                ExpectedKeyRate.CASCADE_EFFICIENCY);
    }

    /** The conditions later batches are drawn under. */
    void setConditions(LinkConditions next) {
        conditions = next;
    }

    /** The link stopped: the block being gathered is lost. */
    Optional<BlockOutcome> abandon(long nowPs, String reason) {
        return blocks.abandon(nowPs, reason);
    }

    Drawn draw(PhotonBatch batch) {
        long pulses = batch.pulseCount();
        long eveKnown = 0;
        long monitorClicks = 0;
        boolean monitorAlarm = false;
        StatisticalCounts counts;
        if (conditions.isHonest() && !spec.isSatellite()) {
            counts = sampler.sample(pulses, streams.atSequence(batch.sequence()));
        } else if (spec.protocol() == Protocol.BBM92) {
            Bbm92Model faulted = bbm92ModelAt(batch.emissionTimePs());
            counts = faulted.sampler().sample(pulses, streams.atSequence(batch.sequence()));
            eveKnown = Math.round(faulted.eveKnownPerPulse() * pulses);
        } else {
            Optional<Model> current = modelAt(batch);
            if (current.isEmpty()) {
                int classes = spec.weakCoherentSource().classCount();
                counts = new StatisticalCounts(pulses, 0, 0, new long[classes], new long[classes], new long[classes],
                        new long[classes]);
            } else {
                counts = current.get().sampler().sample(pulses, streams.atSequence(batch.sequence()));
                if (!conditions.isHonest()) {
                    Bb84Expectation expectation = current.get().expectation();
                    eveKnown = Math.round(expectation.eveKnownSiftedPerPulse() * pulses);
                    monitorClicks = Math.round(expectation.monitorClicksPerPulse() * pulses);
                    var monitor = expectation.kinds().optics().receiver().monitor();
                    monitorAlarm = monitor.isOn() && monitorClicks >= monitor.alarmClicks();
                }
            }
        }
        long endPs = batch.emissionTimePs() + batch.durationPs() + Math.round(delayPs);
        return new Drawn(counts, blocks.add(batch.sequence(), batch.emissionTimePs(), endPs, counts), eveKnown,
                monitorClicks, monitorAlarm);
    }

    /** The BBM92 link under its faults for light emitted at {@code emissionPs}. */
    private Bbm92Model bbm92ModelAt(long emissionPs) {
        double lossFactor = conditions.transmittanceFactor(emissionPs);
        if (bbm92Model == null || bbm92Model.conditions() != conditions || bbm92Model.lossFactor() != lossFactor) {
            Bbm92Arm armB = conditions.armB(spec.armB());
            Bbm92Expectation link = Bbm92Expectation.of(spec.source(), spec.armA(), armB, emissionPs);
            double biasA = spec.armA().receiver().basisBiasX();
            double biasB = armB.receiver().basisBiasX();
            Optional<PairInterceptResend> attack = conditions.pairAttack(spec.sourcePositionKm() > 0,
                    spec.sourcePositionKm() < spec.fibre().lengthKm());
            double errors = attack.map(a -> a.matchedErrorProbability(link, biasA, biasB))
                    .orElse(link.matchedErrorProbability());
            bbm92Model = new Bbm92Model(lossFactor, conditions, StatisticalSampler.bbm92(link, errors, biasA, biasB),
                    attack.map(a -> a.eveKnownShare(biasA, biasB) * link.matchedBasisProbability()).orElse(0.0));
        }
        return bbm92Model;
    }

    /** The model of the link for this batch; empty for a satellite link between passes. */
    private Optional<Model> modelAt(PhotonBatch batch) {
        long emissionPs = batch.emissionTimePs();
        double base = spec.isSatellite()
                ? spec.satellite().transmittanceAt(emissionPs + batch.durationPs() / 2)
                : spec.fibre().transmittanceAt(emissionPs);
        if (base == 0 && spec.isSatellite()) {
            return Optional.empty();
        }
        double transmittance = base * conditions.transmittanceFactor(emissionPs);
        if (model == null || model.conditions() != conditions || model.transmittance() != transmittance) {
            Bb84Expectation expectation = new Bb84Expectation(spec.weakCoherentSource(), transmittance,
                    conditions.receiver(spec.receiver()), conditions.attack());
            model = new Model(transmittance, conditions, expectation,
                    StatisticalSampler.decoyBb84(spec.weakCoherentSource(), expectation));
        }
        return Optional.of(model);
    }
}
