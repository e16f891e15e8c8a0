package org.qnetem.physics.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.qnetem.physics.channel.FibreChannel;
import org.qnetem.physics.detector.FreeRunningTiming;
import org.qnetem.physics.detector.GatedTiming;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.detector.ThresholdDetector;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.physics.source.EntangledPairSource;
import org.qnetem.physics.source.SinglePhotonSource;
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
    void threadsSharingASamplerGetTheSameSamples() throws Exception {
        Bb84BatchSampler shared = Links.IN_GAAS.sampler();
        List<BatchSample> alone = Links.IN_GAAS.samples(0, 4, 2_000_000);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<BatchSample>> futures = new java.util.ArrayList<>();
            for (long s = 3; s >= 0; s--) {
                long sequence = s;
                futures.add(pool.submit(() -> shared.sample(Links.IN_GAAS.batch(sequence, 2_000_000),
                        Bb84Scenario.channelKey(sequence))));
            }
            for (int i = 0; i < 4; i++) {
                assertEquals(alone.get(3 - i), futures.get(i).get());
            }
        } finally {
            pool.shutdown();
        }
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
        assertEquals(new GroundTruth(new long[1], new long[1], new long[1], 0, 0, 0, 0, false), sample.truth());
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
    void certainClicksBehindADeadTimeComeEveryDeadTimePlusOne() {
        Receiver receiver = new Receiver(1.0, new ThresholdDetector(1.0, new GatedTiming(0, 3), 0, 0), 0.01, 0.5);
        Bb84Scenario bright = new Bb84Scenario(WeakCoherentSource.single(1e9, 50), FibreChannel.smf28(0, 0.2, 0),
                receiver);
        DetectionBatch detections = bright.sample(2, 10_000).detections();
        assertEquals(2_500, detections.count());
        for (int d = 0; d < detections.count(); d++) {
            assertEquals(4L * d, detections.pulseIndex(d));
        }
    }

    @Test
    void noTwoClicksFallWithinADeadTime() {
        long deadSlots = Links.IN_GAAS.receiver().detector().timing().deadSlots(1e9);
        for (BatchSample sample : Links.IN_GAAS.samples(0, 3, 2_000_000)) {
            DetectionBatch detections = sample.detections();
            long afterpulseSlots = 0;
            for (int d = 1; d < detections.count(); d++) {
                long gap = detections.pulseIndex(d) - detections.pulseIndex(d - 1);
                assertTrue(gap > deadSlots, "clicks " + gap + " slots apart");
                if (gap == deadSlots + 1) {
                    afterpulseSlots++;
                }
            }
            // Every afterpulse sits right after a dead time; photons land there too, but rarely.
            assertTrue(sample.truth().afterpulses() > 0);
            assertTrue(afterpulseSlots >= sample.truth().afterpulses());
        }
    }

    @Test
    void freeRunningDeadTimeCountsTheSlotsThatStartWithinIt() {
        // 10.5 ns at 1 GHz: slots 1..10 after a click start within the dead time, slot 11 after it.
        Receiver receiver = new Receiver(1.0,
                new ThresholdDetector(1.0, new FreeRunningTiming(0, 10_500), 0, 20), 0.01, 0.5);
        Bb84Scenario bright = new Bb84Scenario(WeakCoherentSource.single(1e9, 50), FibreChannel.smf28(0, 0.2, 0),
                receiver);
        DetectionBatch detections = bright.sample(2, 1_100).detections();
        assertEquals(100, detections.count());
        assertEquals(1_089, detections.pulseIndex(99));
    }

    @Test
    void aSinglePhotonSourceIsSampledPulseByPulse() {
        // Every pulse holds a photon and nothing is lost: every pulse clicks, never twice.
        SinglePhotonSource ideal = new SinglePhotonSource(1e9, 1.0, 0.5);
        BatchSample sample = Bb84Scenario.lossless(ideal, 0).sample(3, 10_000);
        assertEquals(10_000, sample.detections().count());
        assertEquals(0, sample.truth().doubleClicks());
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
    void groundTruthCopiesItsArraysAndSumsThem() {
        long[] perClass = {1, 2};
        GroundTruth truth = new GroundTruth(perClass, new long[] {1, 1}, new long[] {0, 1}, 0, 0, 0, 0, false);
        perClass[0] = 99;
        truth.detectionsPerClass()[1] = 99;
        assertEquals(1, truth.detectionsOfClass(0));
        assertEquals(2, truth.detectionsOfClass(1));
        assertEquals(3, truth.detections());
        assertEquals(2, truth.matchedBasis());
        assertEquals(0.5, truth.matchedBasisErrorRate());
        assertFalse(truth.equals(new GroundTruth(new long[] {1, 3}, new long[] {1, 1}, new long[] {0, 1}, 0, 0, 0, 0,
                false)));
        assertThrows(IllegalArgumentException.class,
                () -> new GroundTruth(new long[2], new long[1], new long[2], 0, 0, 0, 0, false));
    }
}
