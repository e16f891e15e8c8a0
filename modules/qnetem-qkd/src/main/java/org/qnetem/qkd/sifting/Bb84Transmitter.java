package org.qnetem.qkd.sifting;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.physics.batch.PhotonBatch;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.physics.source.PulseStates;
import org.qnetem.physics.source.WeakCoherentSource;
import org.qnetem.qkd.message.SiftAnnouncement;
import org.qnetem.qkd.message.SiftResponse;

/**
 * Alice's BB84 engine. It draws every pulse's state (intensity class, basis, bit) from a counter-based
 * stream it never discloses, and later answers Bob's announcement of clicked pulses and his bases
 * with basis matches and intensity classes. It sees only its own choices and Bob's public messages.
 */
public final class Bb84Transmitter {

    /** Purpose name of the stream Alice's device draws pulse states from. */
    public static final String PULSE_STATE_PURPOSE = "tx-pulse-state";

    private final String linkId;
    private final WeakCoherentSource source;
    private final StreamKey stateKeys;
    private final Map<Long, PhotonBatch> awaitingSifting = new HashMap<>();

    public Bb84Transmitter(String linkId, WeakCoherentSource source, long runSeed) {
        this.linkId = linkId;
        this.source = source;
        this.stateKeys = new StreamKey(runSeed, linkId, PULSE_STATE_PURPOSE, 0);
    }

    /** Emits a batch; its pulse states are kept (as a stream key) until Bob's announcement arrives. */
    public PhotonBatch emit(long sequence, long emissionTimePs, long pulseCount) {
        PhotonBatch batch = new PhotonBatch(linkId, sequence, emissionTimePs, pulseCount, source,
                stateKeys.withSequence(sequence));
        if (awaitingSifting.putIfAbsent(sequence, batch) != null) {
            throw new IllegalStateException("link " + linkId + ": batch " + sequence + " emitted twice");
        }
        return batch;
    }

    /** Number of emitted batches Bob has not yet announced. */
    public int batchesAwaitingSifting() {
        return awaitingSifting.size();
    }

    /** Forgets a batch that will not be sifted. Returns whether it was awaiting sifting. */
    public boolean discard(long sequence) {
        return awaitingSifting.remove(sequence) != null;
    }

    public Sifted onSiftAnnouncement(SiftAnnouncement announcement) {
        PhotonBatch batch = awaitingSifting.remove(announcement.batchSequence());
        if (batch == null) {
            throw new IllegalStateException("link " + linkId + ": announcement for batch "
                    + announcement.batchSequence() + ", which is not awaiting sifting");
        }
        PulseStates states = new PulseStates(source, batch.pulseStateKey());
        int n = announcement.count();
        PackedBits.Builder matches = new PackedBits.Builder(n);
        PackedBits.Builder keyBits = new PackedBits.Builder(n);
        PackedBits.Builder keyBases = new PackedBits.Builder(n);
        byte[] classes = new byte[n];
        byte[] keyClasses = new byte[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            long pulse = announcement.pulseIndex(i);
            if (pulse >= batch.pulseCount()) {
                throw new IllegalStateException("link " + linkId + ": batch " + batch.sequence() + " has "
                        + batch.pulseCount() + " pulses, but pulse " + pulse + " was announced");
            }
            int state = states.stateOf(pulse);
            int basis = PulseStates.basis(state);
            boolean match = basis == announcement.bases().bit(i);
            matches.append(match);
            classes[i] = (byte) PulseStates.intensityClass(state);
            if (match) {
                keyBits.append(PulseStates.bit(state) == 1);
                keyBases.append(basis == 1);
                keyClasses[kept++] = classes[i];
            }
        }
        SiftResponse response = new SiftResponse(linkId, batch.sequence(), matches.build(), classes);
        SiftedBlock block = new SiftedBlock(linkId, batch.sequence(), keyBits.build(), keyBases.build(),
                Arrays.copyOf(keyClasses, kept));
        return new Sifted(response, block);
    }

    /** Alice's answer to Bob and her own half of the sifted bits. */
    public record Sifted(SiftResponse response, SiftedBlock block) {
    }
}
