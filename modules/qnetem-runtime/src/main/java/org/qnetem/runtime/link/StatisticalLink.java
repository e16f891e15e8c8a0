package org.qnetem.runtime.link;

import java.util.List;
import org.qnetem.physics.attack.Attack;
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
import org.qnetem.runtime.topology.LinkSpec;

/**
 * A link at statistical fidelity, as its link actor runs it: each batch's counts drawn from the
 * stream (run seed, link, {@value #PURPOSE}, batch) by {@link StatisticalSampler}, and the key blocks
 * they close from {@link StatisticalBlocks}.
 */
final class StatisticalLink {

    /** Purpose of the stream a batch's counts are drawn from. */
    static final String PURPOSE = "statistical";

    /** A batch's counts and the blocks they closed (decided when the batch's last pulse has arrived). */
    record Drawn(StatisticalCounts counts, List<BlockOutcome> blocks) {
    }

    private final LinkSpec spec;
    private final StatisticalSampler sampler;
    private final StatisticalBlocks blocks;
    private final RandomStream streams;
    private final double delayPs;

    StatisticalLink(LinkSpec spec, long runSeed) {
        this.spec = spec;
        switch (spec.protocol()) {
            // A satellite link's sampler changes with the pass (see counts); this one is its culmination's.
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

    Drawn draw(PhotonBatch batch) {
        StatisticalCounts counts = counts(batch, streams.atSequence(batch.sequence()));
        long endPs = batch.emissionTimePs() + batch.durationPs() + Math.round(delayPs);
        return new Drawn(counts, blocks.add(batch.sequence(), batch.emissionTimePs(), endPs, counts));
    }

    /**
     * A fibre link's counts from its one sampler. A satellite link's from the sampler of the transmittance at the
     * batch's middle, so a batch (10 ms at 1 GHz and 10^7 pulses) sees one loss; between passes the station is
     * not tracking and its detectors are not gated on the satellite's clock, so nothing is detected, dark
     * counts included.
     */
    private StatisticalCounts counts(PhotonBatch batch, RandomStream stream) {
        if (!spec.isSatellite()) {
            return sampler.sample(batch.pulseCount(), stream);
        }
        double transmittance = spec.satellite().transmittanceAt(batch.emissionTimePs() + batch.durationPs() / 2);
        if (transmittance == 0) {
            int classes = spec.weakCoherentSource().classCount();
            return new StatisticalCounts(batch.pulseCount(), 0, 0, new long[classes], new long[classes],
                    new long[classes], new long[classes]);
        }
        Bb84Expectation link = new Bb84Expectation(spec.weakCoherentSource(), transmittance, spec.receiver(),
                Attack.NONE);
        return StatisticalSampler.decoyBb84(spec.weakCoherentSource(), link).sample(batch.pulseCount(), stream);
    }
}
