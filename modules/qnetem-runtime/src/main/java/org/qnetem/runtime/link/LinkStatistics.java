package org.qnetem.runtime.link;

import org.qnetem.runtime.fault.LinkObservations;
import org.qnetem.runtime.serialization.InternalMessage;

/**
 * What a link measured over a run. Sifted counts and errors come from comparing the two ends' actual
 * sifted bits; the ground-truth counts come from the channel sampler, which knows what Alice sent.
 *
 * @param siftLengthMismatches batches whose two sifted halves differed in length (a protocol fault)
 * @param keys                 the key blocks; null until the run's end
 * @param observations         the link's events and Eve's share of each delivered block so far
 */
public record LinkStatistics(String linkId, long batches, long pulses, long detections, long doubleClicks,
                             long siftedBits, long siftedErrors, long groundTruthMatched,
                             long groundTruthMatchedErrors, long siftLengthMismatches, KeyStatistics keys,
                             LinkObservations observations)
        implements InternalMessage {

    public LinkStatistics(String linkId, long batches, long pulses, long detections, long doubleClicks,
                          long siftedBits, long siftedErrors, long groundTruthMatched, long groundTruthMatchedErrors,
                          long siftLengthMismatches, KeyStatistics keys) {
        this(linkId, batches, pulses, detections, doubleClicks, siftedBits, siftedErrors, groundTruthMatched,
                groundTruthMatchedErrors, siftLengthMismatches, keys, LinkObservations.NONE);
    }

    LinkStatistics withObservations(LinkObservations next) {
        return new LinkStatistics(linkId, batches, pulses, detections, doubleClicks, siftedBits, siftedErrors,
                groundTruthMatched, groundTruthMatchedErrors, siftLengthMismatches, keys, next);
    }

    public static LinkStatistics empty(String linkId) {
        return new LinkStatistics(linkId, 0, 0, 0, 0, 0, 0, 0, 0, 0, null);
    }

    LinkStatistics withKeys(KeyStatistics keyStatistics) {
        return new LinkStatistics(linkId, batches, pulses, detections, doubleClicks, siftedBits, siftedErrors,
                groundTruthMatched, groundTruthMatchedErrors, siftLengthMismatches, keyStatistics, observations);
    }

    public double qber() {
        return siftedBits == 0 ? Double.NaN : (double) siftedErrors / siftedBits;
    }

    /** Binomial standard error of {@link #qber()}. */
    public double qberStandardError() {
        double q = qber();
        return Math.sqrt(q * (1 - q) / siftedBits);
    }

    LinkStatistics plusBatch(long batchPulses, long batchDetections, long batchDoubleClicks, long matched,
                             long matchedErrors) {
        return new LinkStatistics(linkId, batches + 1, pulses + batchPulses, detections + batchDetections,
                doubleClicks + batchDoubleClicks, siftedBits, siftedErrors, groundTruthMatched + matched,
                groundTruthMatchedErrors + matchedErrors, siftLengthMismatches, keys, observations);
    }

    LinkStatistics plusSifted(long bits, long errors) {
        return new LinkStatistics(linkId, batches, pulses, detections, doubleClicks, siftedBits + bits,
                siftedErrors + errors, groundTruthMatched, groundTruthMatchedErrors, siftLengthMismatches, keys,
                observations);
    }

    LinkStatistics plusSiftLengthMismatch() {
        return new LinkStatistics(linkId, batches, pulses, detections, doubleClicks, siftedBits, siftedErrors,
                groundTruthMatched, groundTruthMatchedErrors, siftLengthMismatches + 1, keys, observations);
    }
}
