package org.qnetem.qkd.sifting;

import java.util.List;
import org.qnetem.physics.batch.DetectionBatch;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.qkd.message.SiftAnnouncement;
import org.qnetem.qkd.message.SiftResponse;

/**
 * Bob's BB84 engine: it sees only his detector's clicks (pulse index, basis, outcome) and Alice's
 * public answers. It announces clicks and bases, and keeps the outcomes where the bases matched.
 */
public final class Bb84Receiver implements ClickAnnouncer {

    private final String linkId;
    private final AnnouncedBatches announced;

    public Bb84Receiver(String linkId) {
        this.linkId = linkId;
        this.announced = new AnnouncedBatches(linkId, "receiver");
    }

    @Override
    public SiftAnnouncement onDetections(DetectionBatch detections) {
        return announced.announce(detections);
    }

    /** Number of announced batches Alice has not yet answered. */
    @Override
    public int batchesAwaitingResponse() {
        return announced.size();
    }

    @Override
    public boolean awaits(long sequence) {
        return announced.get(sequence) != null;
    }

    @Override
    public List<Long> awaiting() {
        return announced.sequences();
    }

    /** Forgets a batch that will not be sifted. Returns whether it was awaiting a response. */
    @Override
    public boolean discard(long sequence) {
        return announced.remove(sequence) != null;
    }

    @Override
    public SiftedBlock onSiftResponse(SiftResponse response) {
        DetectionBatch detections = announced.remove(response.batchSequence());
        if (detections == null) {
            throw new IllegalStateException("link " + linkId + ": response for batch " + response.batchSequence()
                    + ", which is not awaiting one");
        }
        int n = detections.count();
        if (response.count() != n) {
            throw new IllegalStateException("link " + linkId + ": batch " + response.batchSequence() + " had " + n
                    + " detections but Alice answered " + response.count());
        }
        // Word by word, visiting only the kept detections: no branch on a random bit.
        PackedBits matches = response.basisMatches();
        PackedBits outcomes = detections.outcomes();
        PackedBits ownBases = detections.bases();
        byte[] announcedClasses = response.intensityClasses();
        int kept = matches.bitCount();
        PackedBits.Builder bits = new PackedBits.Builder(kept);
        PackedBits.Builder bases = new PackedBits.Builder(kept);
        byte[] classes = new byte[kept];
        int k = 0;
        for (int w = 0; w < PackedBits.wordsFor(n); w++) {
            long outcomeWord = outcomes.word(w);
            long basisWord = ownBases.word(w);
            for (long rest = matches.word(w); rest != 0; rest &= rest - 1) {
                int j = Long.numberOfTrailingZeros(rest);
                bits.appendLowBit(outcomeWord >>> j);
                bases.appendLowBit(basisWord >>> j);
                classes[k++] = announcedClasses[w * Long.SIZE + j];
            }
        }
        return new SiftedBlock(linkId, response.batchSequence(), bits.build(), bases.build(), classes);
    }
}
