package org.qnetem.qkd.sifting;

import java.util.List;
import org.qnetem.physics.batch.DetectionBatch;
import org.qnetem.qkd.message.SiftAnnouncement;
import org.qnetem.qkd.message.SiftResponse;

/**
 * A receiving end that sifts by announcing its clicks: it announces every click of a batch (pulse
 * index and basis) and, when the other end answers click by click whether the bases matched, keeps
 * its outcomes there. Decoy BB84's receiver ({@link Bb84Receiver}) and BBM92's announcing end
 * ({@link Bbm92Announcer}) are such ends.
 */
public interface ClickAnnouncer {

    SiftAnnouncement onDetections(DetectionBatch detections);

    /** This end's sifted half of the batch the response answers. */
    SiftedBlock onSiftResponse(SiftResponse response);

    /** Forgets a batch that will not be sifted. Returns whether it was awaiting a response. */
    boolean discard(long sequence);

    /** Number of announced batches the other end has not yet answered. */
    int batchesAwaitingResponse();

    /** Whether batch {@code sequence} was announced and awaits its response. */
    boolean awaits(long sequence);

    /** The announced batches awaiting a response, in batch order. */
    List<Long> awaiting();
}
