package org.qnetem.runtime.link;

import java.util.List;
import java.util.Optional;
import org.qnetem.physics.batch.Bbm92Expectation;
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
import org.qnetem.qkd.protocol.StatisticalBlocks;
import org.qnetem.runtime.fault.LinkConditions;
import org.qnetem.runtime.topology.LinkSpec;

/**
 * A link at statistical fidelity, as its link actor runs it: each batch's counts drawn from the
 * stream (run seed, link, {@value #PURPOSE}, batch) by {@link StatisticalSampler}, and the key blocks
 * they close from {@link StatisticalBlocks}. Quantum faults (decoy BB84 only) enter through the detection
 * model: each batch's counts come from {@link Bb84Expectation} of the link under its {@link LinkConditions}
 * at the batch's emission time, and Eve's share of the sifted bits and the blinding monitor's clicks are
 * that model's expectations. A satellite link's model follows the pass: the transmittance at the batch's
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

    private final LinkSpec spec;
    private final StatisticalSampler sampler;
    private Model model;
    private LinkConditions conditions = LinkConditions.honest();
    private final StatisticalBlocks blocks;
    private final RandomStream streams;
    private final double delayPs;

    StatisticalLink(LinkSpec spec, long runSeed) {
        this.spec = spec;
        switch (spec.protocol()) {
            // A satellite link's sampler changes with the pass (see modelAt); this one is its culmination's.
            case DECOY_BB84 -> {
                Bb84Expectation link = new Bb84Expectation(spec.weakCoherentSource(), spec.fibre(), spec.receiver());
                sampler = StatisticalSampler.decoyBb84(spec.weakCoherentSource(), link);
                blocks = new StatisticalBlocks(spec.id(), runSeed, spec.postProcessing(),
                        new DecoyBb84SecureLength(spec.weakCoherentSource(), spec.postProcessing()),
                        ExpectedKeyRate.CASCADE_EFFICIENCY);
            }
            case BBM92 -> {
                Bbm92Expectation link = Bbm92Expectation.of(spec.source(), spec.armA(), spec.armB(), 0);
                sampler = StatisticalSampler.bbm92(link, spec.armA().receiver().basisBiasX(),
                        spec.armB().receiver().basisBiasX());
                blocks = new StatisticalBlocks(spec.id(), runSeed, spec.postProcessing(),
                        new Bbm92SecureLength(spec.postProcessing()), ExpectedKeyRate.CASCADE_EFFICIENCY);
            }
            default -> throw new IllegalArgumentException("no statistical model for " + spec.protocol());
        }
        streams = new RandomStream(new StreamKey(runSeed, spec.id(), PURPOSE, 0));
        delayPs = spec.fibre().lengthKm() * 1e3 * spec.fibre().groupIndex() / 299_792_458.0 * 1e12;
    }

    /** The conditions later batches are drawn under; only decoy-BB84 links take faults. */
    void setConditions(LinkConditions next) {
        if (!next.isHonest() && spec.protocol() != org.qnetem.runtime.topology.Protocol.DECOY_BB84) {
            throw new IllegalArgumentException("link " + spec.id() + " is " + spec.protocol().configName()
                    + ": quantum faults act on decoy-BB84 links only");
        }
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
