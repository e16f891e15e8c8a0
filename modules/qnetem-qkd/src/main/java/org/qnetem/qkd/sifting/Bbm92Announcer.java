package org.qnetem.qkd.sifting;

import java.util.List;
import org.qnetem.physics.batch.DetectionBatch;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.qkd.message.SiftAnnouncement;
import org.qnetem.qkd.message.SiftResponse;

/**
 * Alice's end of a BBM92 link: a receiver like Bob's, wherever the pair source sits. It announces every
 * click of a batch (pulse index and basis) and, once Bob answers which of them he also detected in the
 * same basis, keeps its outcomes there. It sees only its own detections and Bob's public answer.
 *
 * <p>Outcomes are kept as recorded: a double click was already squashed to a random bit by the
 * receiver (see {@link DetectionBatch}); Bob's bits need no transform either (see {@link Bbm92Responder}).
 */
public final class Bbm92Announcer implements ClickAnnouncer {

    private final String linkId;
    private final AnnouncedBatches announced;

    public Bbm92Announcer(String linkId) {
        this.linkId = linkId;
        this.announced = new AnnouncedBatches(linkId, "BBM92 announcer");
    }

    @Override
    public SiftAnnouncement onDetections(DetectionBatch detections) {
        return announced.announce(detections);
    }

    /** Number of announced batches Bob has not yet answered. */
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
        if (!response.linkId().equals(linkId)) {
            throw new IllegalArgumentException("BBM92 announcer of link " + linkId + " got a response of link "
                    + response.linkId());
        }
        DetectionBatch detections = announced.get(response.batchSequence());
        if (detections == null) {
            throw new IllegalStateException("link " + linkId + ": response for batch " + response.batchSequence()
                    + ", which is not awaiting one");
        }
        int n = detections.count();
        if (response.count() != n) {
            throw new IllegalStateException("link " + linkId + ": batch " + response.batchSequence() + " had " + n
                    + " detections but Bob answered " + response.count());
        }
        for (int i = 0; i < n; i++) {
            if (response.intensityClass(i) != 0) {
                throw new IllegalStateException("link " + linkId + ": BBM92 has no intensity classes, but Bob's "
                        + "response for batch " + response.batchSequence() + " gives class "
                        + response.intensityClass(i) + " at detection " + i);
            }
        }
        // Only a valid response consumes the batch, so a corrupt one can be followed by the right one.
        announced.remove(response.batchSequence());
        return SiftedBlocks.keep(linkId, response.batchSequence(), detections, response.basisMatches());
    }
}
