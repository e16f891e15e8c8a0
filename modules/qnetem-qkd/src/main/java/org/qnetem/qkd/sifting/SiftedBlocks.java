package org.qnetem.qkd.sifting;

import org.qnetem.physics.batch.DetectionBatch;
import org.qnetem.physics.batch.PackedBits;

/** Builds one end's BBM92 sifted block from its own detections. */
final class SiftedBlocks {

    private SiftedBlocks() {
    }

    /**
     * The outcomes and bases of the detections whose bit in {@code kept} is set, in pulse order, all of
     * intensity class 0: a pair source has no decoy intensities.
     */
    static SiftedBlock keep(String linkId, long sequence, DetectionBatch detections, PackedBits kept) {
        int count = kept.bitCount();
        PackedBits.Builder bits = new PackedBits.Builder(count);
        PackedBits.Builder bases = new PackedBits.Builder(count);
        PackedBits outcomes = detections.outcomes();
        PackedBits detectionBases = detections.bases();
        for (int i = 0; i < kept.length(); i++) {
            if (kept.get(i)) {
                bits.append(outcomes.get(i));
                bases.append(detectionBases.get(i));
            }
        }
        return new SiftedBlock(linkId, sequence, bits.build(), bases.build(), new byte[count]);
    }
}
