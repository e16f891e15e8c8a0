package org.qnetem.physics.batch;

import java.util.Objects;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.physics.source.SourceDescriptor;

/**
 * {@code pulseCount} pulses sent on a link, described without listing them: the source, the emission
 * time of pulse 0 (emulated picoseconds; pulse i leaves at {@code emissionTimePs + i / clock}) and the
 * key of the stream from which the transmitter drew each pulse's state (intensity, basis, bit).
 */
public record PhotonBatch(String linkId, long sequence, long emissionTimePs, long pulseCount,
                          SourceDescriptor source, StreamKey pulseStateKey) {

    public PhotonBatch {
        Objects.requireNonNull(linkId, "linkId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(pulseStateKey, "pulseStateKey");
        if (sequence < 0) {
            throw new IllegalArgumentException("batch sequence must be >= 0, got " + sequence);
        }
        if (pulseCount < 0) {
            throw new IllegalArgumentException("pulse count must be >= 0, got " + pulseCount);
        }
    }

    /** Emulated duration of the batch in picoseconds. */
    public long durationPs() {
        return Math.round(pulseCount * 1e12 / source.clockHz());
    }
}
