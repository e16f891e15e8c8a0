package org.qnetem.physics.source;

/**
 * A pulsed SPDC polarisation-entangled pair source: thermal pair statistics with mean pair number
 * {@code meanPairsPerPulse} per pump pulse and two-photon visibility {@code visibility}.
 */
public record EntangledPairSource(double clockHz, double meanPairsPerPulse, double visibility)
        implements SourceDescriptor {

    public EntangledPairSource {
        if (!(clockHz > 0) || Double.isInfinite(clockHz)) {
            throw new IllegalArgumentException("clock rate must be positive, got " + clockHz);
        }
        if (!(meanPairsPerPulse >= 0) || Double.isInfinite(meanPairsPerPulse)) {
            throw new IllegalArgumentException("mean pairs per pulse must be >= 0, got " + meanPairsPerPulse);
        }
        if (!(visibility >= 0 && visibility <= 1)) {
            throw new IllegalArgumentException("visibility must be in [0, 1], got " + visibility);
        }
    }
}
