package org.qnetem.qkd.sifting;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qnetem.physics.batch.DetectionBatch;
import org.qnetem.qkd.message.SiftAnnouncement;

/**
 * The batches an announcing end has announced and whose response it awaits, shared by BB84's receiver
 * and BBM92's announcer; each engine sifts a response its own way.
 */
final class AnnouncedBatches {

    private final String linkId;
    private final String end;
    private final Map<Long, DetectionBatch> awaitingResponse = new HashMap<>();

    /** @param end how error messages name this end, e.g. "receiver" */
    AnnouncedBatches(String linkId, String end) {
        this.linkId = linkId;
        this.end = end;
    }

    SiftAnnouncement announce(DetectionBatch detections) {
        if (!detections.linkId().equals(linkId)) {
            throw new IllegalArgumentException(end + " of link " + linkId + " got detections of link "
                    + detections.linkId());
        }
        if (awaitingResponse.putIfAbsent(detections.sequence(), detections) != null) {
            throw new IllegalStateException("link " + linkId + ": " + end + "'s detections of batch "
                    + detections.sequence() + " arrived twice");
        }
        return new SiftAnnouncement(linkId, detections.sequence(), detections.pulseIndices(), detections.bases());
    }

    DetectionBatch get(long sequence) {
        return awaitingResponse.get(sequence);
    }

    DetectionBatch remove(long sequence) {
        return awaitingResponse.remove(sequence);
    }

    List<Long> sequences() {
        return awaitingResponse.keySet().stream().sorted().toList();
    }

    int size() {
        return awaitingResponse.size();
    }
}
