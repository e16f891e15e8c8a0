package org.qnetem.physics.source;

/** What a transmitter emits, described physically so a batch never lists its pulses. */
public sealed interface SourceDescriptor permits Bb84Source, EntangledPairSource {

    /** Pulses (or pump pulses) per second. */
    double clockHz();
}
