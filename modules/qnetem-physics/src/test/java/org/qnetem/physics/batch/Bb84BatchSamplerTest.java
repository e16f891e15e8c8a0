package org.qnetem.physics.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.physics.source.EntangledPairSource;
import org.qnetem.physics.source.WeakCoherentSource;

class Bb84BatchSamplerTest {

    private static final Bb84Scenario LINK = Bb84Scenario.decoyLink(25, 6e-7);

    @Test
    void sameKeysGiveTheSameSample() {
        BatchSample first = LINK.sample(7, 1_000_000);
        BatchSample again = LINK.sample(7, 1_000_000);
        assertTrue(first.detections().count() > 0);
        assertEquals(first, again);
    }

    @Test
    void anotherChannelSequenceGivesAnotherSample() {
        PhotonBatch batch = LINK.batch(7, 1_000_000);
        DetectionBatch a = LINK.sampler().sample(batch, Bb84Scenario.channelKey(7)).detections();
        DetectionBatch b = LINK.sampler().sample(batch, Bb84Scenario.channelKey(8)).detections();
        assertNotEquals(a, b);
    }

    @Test
    void batchFieldsAreCarriedAndDelayed() {
        PhotonBatch batch = LINK.batch(9, 100_000);
        DetectionBatch detections = LINK.sampler().sample(batch, Bb84Scenario.channelKey(9)).detections();
        assertEquals("A-B", detections.linkId());
        assertEquals(9, detections.sequence());
        assertEquals(100_000, detections.pulseCount());
        // 25 km at group index 1.468: 25 × 1.468 / c ≈ 122.4 us.
        assertEquals(batch.emissionTimePs() + LINK.channel().delayPs(), detections.arrivalTimePs());
        assertEquals(122_418_000, LINK.channel().delayPs(), 1_000);
    }

    @Test
    void nothingClicksWithoutLightOrDarkCounts() {
        Bb84Scenario dark = Bb84Scenario.lossless(WeakCoherentSource.single(1e9, 0), 0);
        BatchSample sample = dark.sample(1, 1_000_000_000_000L);
        assertEquals(0, sample.detections().count());
        assertEquals(new GroundTruth(0, 0, 0, 0, new long[1]), sample.truth());
    }

    @Test
    void anEmptyBatchHasNoDetections() {
        assertEquals(0, LINK.sample(1, 0).detections().count());
    }

    @Test
    void certainClicksMarkEveryPulse() {
        // μ = 50 on a lossless link: P = 1 − e^−50 rounds to 1, so every pulse is a candidate and kept.
        Bb84Scenario bright = Bb84Scenario.lossless(WeakCoherentSource.single(1e9, 50), 0);
        DetectionBatch detections = bright.sample(2, 10_000).detections();
        assertEquals(10_000, detections.count());
        for (int d = 0; d < detections.count(); d++) {
            assertEquals(d, detections.pulseIndex(d));
        }
    }

    @Test
    void aBatchFromAnotherSourceIsRejected() {
        WeakCoherentSource other = WeakCoherentSource.single(1e9, 0.5);
        StreamKey key = new StreamKey(1, "A", "pulse-state", 0);
        PhotonBatch foreign = new PhotonBatch("A-B", 0, 0, 1000, other, key);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LINK.sampler().sample(foreign, Bb84Scenario.channelKey(0)));
        assertTrue(e.getMessage().contains("this sampler models"), e.getMessage());
        PhotonBatch entangled = new PhotonBatch("A-B", 0, 0, 1000, new EntangledPairSource(1e9, 0.01, 0.98), key);
        assertThrows(IllegalArgumentException.class,
                () -> LINK.sampler().sample(entangled, Bb84Scenario.channelKey(0)));
    }

    @Test
    void groundTruthCopiesItsArray() {
        long[] perClass = {1, 2};
        GroundTruth truth = new GroundTruth(3, 2, 0, 0, perClass);
        perClass[0] = 99;
        truth.detectionsPerClass()[1] = 99;
        assertEquals(1, truth.detectionsOfClass(0));
        assertEquals(2, truth.detectionsOfClass(1));
        assertFalse(truth.equals(new GroundTruth(3, 2, 0, 0, new long[] {1, 3})));
    }
}
