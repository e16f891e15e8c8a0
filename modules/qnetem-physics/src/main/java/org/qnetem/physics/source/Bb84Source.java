package org.qnetem.physics.source;

/**
 * A prepare-and-measure BB84 transmitter: each pulse independently picks intensity class k with
 * probability {@link #probability}, the X basis with probability {@link #basisBiasX} and a uniformly
 * random bit, and carries {@link #photonNumber} photons in that state.
 */
public sealed interface Bb84Source extends SourceDescriptor permits WeakCoherentSource, SinglePhotonSource {

    /** Class indices are packed in two bits of a pulse state. */
    int MAX_CLASSES = 3;

    int classCount();

    double probability(int k);

    double basisBiasX();

    /** Photon-number distribution of a class-k pulse. */
    PhotonNumber photonNumber(int k);
}
