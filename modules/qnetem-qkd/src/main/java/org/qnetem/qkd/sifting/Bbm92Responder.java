package org.qnetem.qkd.sifting;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.qnetem.physics.batch.DetectionBatch;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.qkd.message.SiftAnnouncement;
import org.qnetem.qkd.message.SiftResponse;

/**
 * Bob's end of a BBM92 link. Given Alice's announcement of her clicks and his own detections of the same
 * batch, it answers, click by click, whether he detected that pulse too (a coincidence) in the same
 * basis, and keeps his outcomes there. Each end's light and Alice's message travel different paths,
 * so the two may arrive in either order; the batch is sifted when both are in.
 *
 * <p>Bob's bit is kept as recorded. The physics module reports each receiver's outcome so that the
 * two photons of a pair, measured in the same basis without noise, give equal bits in both bases: a
 * |ψ⁻⟩ source anti-correlates the raw detectors in Z and X alike, and the sampler labels Bob's
 * detectors with that flip already applied (his photon reaches detector (basis, label ⊕ f), f the
 * visibility error). So no further transform is needed; a double click was squashed to a random bit
 * by the receiver, as {@link DetectionBatch} says.
 */
public final class Bbm92Responder {

    private final String linkId;
    private final Map<Long, DetectionBatch> awaitingAnnouncement = new HashMap<>();
    private final Map<Long, SiftAnnouncement> awaitingDetections = new HashMap<>();

    public Bbm92Responder(String linkId) {
        this.linkId = linkId;
    }

    /** Bob's answer to Alice and his own half of the sifted bits. */
    public record Sifted(SiftResponse response, SiftedBlock block) {
    }

    /** Bob's detections of a batch: sifted now if Alice's announcement is already in. */
    public Optional<Sifted> onDetections(DetectionBatch detections) {
        requireLink(detections.linkId(), "detections");
        long sequence = detections.sequence();
        if (awaitingAnnouncement.containsKey(sequence)) {
            throw new IllegalStateException("link " + linkId + ": Bob's detections of batch " + sequence
                    + " arrived twice");
        }
        awaitingAnnouncement.put(sequence, detections);
        SiftAnnouncement announcement = awaitingDetections.remove(sequence);
        return announcement == null ? Optional.empty() : Optional.of(siftWaiting(announcement));
    }

    /** Alice's announcement of a batch: sifted now if Bob's detections are already in. */
    public Optional<Sifted> onSiftAnnouncement(SiftAnnouncement announcement) {
        requireLink(announcement.linkId(), "announcement");
        long sequence = announcement.batchSequence();
        if (awaitingDetections.containsKey(sequence)) {
            throw new IllegalStateException("link " + linkId + ": Alice's announcement of batch " + sequence
                    + " arrived twice");
        }
        requireAscending(announcement);
        if (!awaitingAnnouncement.containsKey(sequence)) {
            awaitingDetections.put(sequence, announcement);
            return Optional.empty();
        }
        return Optional.of(siftWaiting(announcement));
    }

    /**
     * Forgets a batch that will not be sifted: its detections or announcement, whichever is in. Returns
     * whether either was. Whatever of it arrives later is not refused here, so the caller drops it.
     */
    public boolean discard(long sequence) {
        boolean detections = awaitingAnnouncement.remove(sequence) != null;
        boolean announcement = awaitingDetections.remove(sequence) != null;
        return detections || announcement;
    }

    /** Batches whose detections are in but whose announcement is not. */
    public int batchesAwaitingAnnouncement() {
        return awaitingAnnouncement.size();
    }

    /** Batches whose announcement is in but whose detections are not. */
    public int batchesAwaitingDetections() {
        return awaitingDetections.size();
    }

    /** Sifts the batch whose detections wait; an announcement beyond the batch is dropped, they wait on. */
    private Sifted siftWaiting(SiftAnnouncement announcement) {
        DetectionBatch detections = awaitingAnnouncement.get(announcement.batchSequence());
        requireWithinBatch(announcement, detections);
        awaitingAnnouncement.remove(announcement.batchSequence());
        return sift(announcement, detections);
    }

    /** Both lists ascend, so one merge pass finds the coincidences. */
    private Sifted sift(SiftAnnouncement announcement, DetectionBatch detections) {
        int n = announcement.count();
        PackedBits.Builder matches = new PackedBits.Builder(n);
        PackedBits.Builder bobKept = new PackedBits.Builder(detections.count());
        PackedBits aliceBases = announcement.bases();
        PackedBits bobBases = detections.bases();
        int j = 0;
        for (int i = 0; i < n; i++) {
            long pulse = announcement.pulseIndex(i);
            while (j < detections.count() && detections.pulseIndex(j) < pulse) {
                bobKept.append(false);
                j++;
            }
            boolean match = j < detections.count() && detections.pulseIndex(j) == pulse
                    && aliceBases.get(i) == bobBases.get(j);
            matches.append(match);
            if (match) {
                bobKept.append(true);
                j++;
            }
        }
        while (bobKept.length() < detections.count()) {
            bobKept.append(false);
        }
        long sequence = detections.sequence();
        SiftResponse response = new SiftResponse(linkId, sequence, matches.build(), new byte[n]);
        return new Sifted(response, SiftedBlocks.keep(linkId, sequence, detections, bobKept.build()));
    }

    private void requireLink(String other, String what) {
        if (!other.equals(linkId)) {
            throw new IllegalArgumentException("BBM92 responder of link " + linkId + " got " + what + " of link "
                    + other);
        }
    }

    private void requireAscending(SiftAnnouncement announcement) {
        long previous = -1;
        for (int i = 0; i < announcement.count(); i++) {
            long pulse = announcement.pulseIndex(i);
            if (pulse <= previous) {
                throw new IllegalStateException("link " + linkId + ": announcement of batch "
                        + announcement.batchSequence() + " lists pulse " + pulse + " after " + previous
                        + "; pulses must ascend");
            }
            previous = pulse;
        }
    }

    private void requireWithinBatch(SiftAnnouncement announcement, DetectionBatch detections) {
        int n = announcement.count();
        if (n > 0 && announcement.pulseIndex(n - 1) >= detections.pulseCount()) {
            throw new IllegalStateException("link " + linkId + ": batch " + detections.sequence() + " has "
                    + detections.pulseCount() + " pulses, but Alice announced pulse " + announcement.pulseIndex(n - 1));
        }
    }
}
