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
        long[] pulses = announcement.pulseIndices();
        int n = pulses.length;
        for (long pulse : pulses) {
            if (pulse >= batch.pulseCount()) {
                throw new IllegalStateException("link " + linkId + ": batch " + batch.sequence() + " has "
                        + batch.pulseCount() + " pulses, but pulse " + pulse + " was announced");
            }
        }
        // Sixty-four detections at a time, one word of Bob's bases: their states come four Philox blocks
        // at a time (about 16 ns a detection, most of the cost), and nothing branches on a random
        // choice. The kept detections are appended without branching too: each detection writes at
        // position 'kept' (its bits masked by whether it matched) and advances it by 0 or 1.
        PulseStates states = new PulseStates(source, batch.pulseStateKey());
        PackedBits bobBases = announcement.bases();
        long[] matches = new long[PackedBits.wordsFor(n)];
        long[] keyBits = new long[matches.length];
        long[] keyBases = new long[matches.length];
        byte[] classes = new byte[n];
        byte[] keyClasses = new byte[n];
        int[] wordStates = new int[Long.SIZE];
        int kept = 0;
        for (int w = 0; w < matches.length; w++) {
            int from = w * Long.SIZE;
            int count = Math.min(Long.SIZE, n - from);
            states.statesOf(pulses, from, count, wordStates);
            long bobX = bobBases.word(w);
            long matchWord = 0;
            for (int j = 0; j < count; j++) {
                int state = wordStates[j];
                int basis = PulseStates.basis(state);
                int match = ~(basis ^ (int) (bobX >>> j)) & 1;
                byte intensityClass = (byte) PulseStates.intensityClass(state);
                matchWord |= (long) match << j;
                classes[from + j] = intensityClass;
                // kept <= from + j: these writes stay inside the arrays, and a mismatch's are overwritten
                // or or-ed with 0.
                keyBits[kept >>> 6] |= (long) (PulseStates.bit(state) & match) << kept;
                keyBases[kept >>> 6] |= (long) (basis & match) << kept;
                keyClasses[kept] = intensityClass;
                kept += match;
            }
            matches[w] = matchWord;
        }
        SiftResponse response = new SiftResponse(linkId, batch.sequence(), PackedBits.of(matches, n), classes);
        SiftedBlock block = new SiftedBlock(linkId, batch.sequence(), PackedBits.of(keyBits, kept),
                PackedBits.of(keyBases, kept), Arrays.copyOf(keyClasses, kept));
        return new Sifted(response, block);
    }

    /** Alice's answer to Bob and her own half of the sifted bits. */
    public record Sifted(SiftResponse response, SiftedBlock block) {
    }
}
