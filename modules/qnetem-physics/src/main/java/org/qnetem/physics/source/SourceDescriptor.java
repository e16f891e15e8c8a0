package org.qnetem.physics.source;

/** What a transmitter emits, described physically so a batch never lists its pulses. */
public sealed interface SourceDescriptor permits Bb84Source, EntangledPairSource, ContinuousPairSource {

    /** Pulses per second: laser pulses, pump pulses, or a CW source's coincidence windows. */
    double clockHz();
}
