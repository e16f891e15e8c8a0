package org.qnetem.physics.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qnetem.physics.channel.FibreChannel;
import org.qnetem.physics.channel.SatellitePass;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.detector.ThresholdDetector;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.physics.source.ContinuousPairSource;
import org.qnetem.physics.source.EntangledPairSource;
import org.qnetem.physics.source.WeakCoherentSource;

class Bbm92BatchSamplerTest {

    private static final Receiver RECEIVER = new Receiver(0.9, ThresholdDetector.gated(0.5, 1e-5), 0.01, 0.5);
    private static final Bbm92Scenario PASSIVE_PULSED = new Bbm92Scenario(new EntangledPairSource(1e9, 0.3, 0.97),
            Bbm92Scenario.arm(3, RECEIVER, Bbm92Arm.BasisChoice.PASSIVE),
            Bbm92Scenario.arm(5, RECEIVER, Bbm92Arm.BasisChoice.PASSIVE));
    private static final Bbm92Scenario CW_AT_ALICE = Bbm92Scenario.continuous(12, false);

    @Test
    void sameKeysGiveTheSameSample() {
        for (Bbm92Scenario link : new Bbm92Scenario[] {PASSIVE_PULSED, CW_AT_ALICE}) {
            PairSample first = link.sample(7, 2_000_000);
            assertTrue(first.truth().coincidences() > 100, first.truth().toString());
            assertEquals(first, link.sample(7, 2_000_000));
        }
    }

    @Test
    void anotherKeyGivesAnotherSample() {
        PhotonBatch batch = PASSIVE_PULSED.batch(7, 1_000_000);
        PairSample a = PASSIVE_PULSED.sampler().sample(batch, Bbm92Scenario.key(7));
        PairSample b = PASSIVE_PULSED.sampler().sample(batch, Bbm92Scenario.key(8));
        assertNotEquals(a.alice(), b.alice());
        assertNotEquals(a.bob(), b.bob());
    }

    @Test
    void recordsAgreeWithTheGroundTruth() {
        for (Bbm92Scenario link : new Bbm92Scenario[] {PASSIVE_PULSED, CW_AT_ALICE}) {
            PairSample sample = link.sample(3, 3_000_000);
            DetectionBatch alice = sample.alice();
            DetectionBatch bob = sample.bob();
            long coincidences = 0;
            long matched = 0;
            long errors = 0;
            int j = 0;
            for (int i = 0; i < alice.count(); i++) {
                while (j < bob.count() && bob.pulseIndex(j) < alice.pulseIndex(i)) {
                    j++;
                }
                if (j < bob.count() && bob.pulseIndex(j) == alice.pulseIndex(i)) {
                    coincidences++;
                    if (alice.bases().bit(i) == bob.bases().bit(j)) {
                        matched++;
                        errors += alice.outcomes().bit(i) ^ bob.outcomes().bit(j);
                    }
                }
            }
            PairTruth truth = sample.truth();
            assertEquals(alice.count(), truth.aliceDetections());
            assertEquals(bob.count(), truth.bobDetections());
            assertEquals(coincidences, truth.coincidences());
            assertEquals(matched, truth.matchedBasis());
            assertEquals(errors, truth.matchedBasisErrors());
            assertTrue(truth.trueCoincidences() <= coincidences && truth.trueCoincidences() > 0);
        }
    }

    @Test
    void eachEndShowsItsOwnDelayAndTheBatchFields() {
        PhotonBatch batch = CW_AT_ALICE.batch(9, 100_000);
        PairSample sample = CW_AT_ALICE.sampler().sample(batch, Bbm92Scenario.key(9));
        // Alice sits at the source; Bob is 12 dB = 60 km of fibre away: 60 × 1.468 / c ≈ 293.8 µs.
        assertEquals(batch.emissionTimePs(), sample.alice().arrivalTimePs());
        assertEquals(batch.emissionTimePs() + 293_803_000, sample.bob().arrivalTimePs(), 1_000);
        for (DetectionBatch side : new DetectionBatch[] {sample.alice(), sample.bob()}) {
            assertEquals("A-B", side.linkId());
            assertEquals(9, side.sequence());
            assertEquals(100_000, side.pulseCount());
        }
    }

    @Test
    void noPairsReachAStationTheSatelliteHasNotRisenOver() {
        // The source on the satellite, Alice at its own receiver, Bob on the ground: before the pass
        // Bob sees only his dark counts, so no coincidence is true; at culmination pairs arrive.
        long culmination = 600_000_000_000_000L;
        SatellitePass pass = SatellitePass.micius(60, culmination);
        Bbm92Scenario link = new Bbm92Scenario(new EntangledPairSource(1e8, 0.2, 0.97),
                Bbm92Scenario.arm(0, RECEIVER, Bbm92Arm.BasisChoice.ACTIVE),
                new Bbm92Arm(pass, RECEIVER, Bbm92Arm.BasisChoice.ACTIVE));
        Bbm92BatchSampler sampler = link.sampler();
        long pulses = 2_000_000;
        long beforeRise = pass.geometry().riseTimePs() - 1_000_000_000_000L;
        PairSample dark = sampler.sample(new PhotonBatch("SAT-GS", 0, beforeRise, pulses, link.source(),
                new StreamKey(1, "SAT", "pulse-state", 0)), Bbm92Scenario.key(0));
        assertEquals(0, dark.truth().trueCoincidences());
        assertEquals(1 - Math.pow(1 - 1e-5, 2), sampler.expectationAt(beforeRise).bobDetectionProbability(), 1e-15);
        // 2 detectors × 10^-5 × 2·10^6 pulses: 40 expected dark counts, ± 6.3.
        assertTrue(dark.bob().count() < 80, "dark counts: " + dark.bob().count());
        PairSample overhead = sampler.sample(new PhotonBatch("SAT-GS", 1, culmination, pulses, link.source(),
                new StreamKey(1, "SAT", "pulse-state", 1)), Bbm92Scenario.key(1));
        assertTrue(overhead.truth().trueCoincidences() > 100, overhead.truth().toString());
        assertTrue(overhead.bob().arrivalTimePs() - culmination > 1_600_000_000L, "slant-range delay");
    }

    @Test
    void nothingIsRecordedWithoutPairsOrDarkCounts() {
        Receiver quiet = new Receiver(1.0, ThresholdDetector.gated(1.0, 0), 0, 0.5);
        Bbm92Arm arm = Bbm92Scenario.arm(0, quiet, Bbm92Arm.BasisChoice.ACTIVE);
        Bbm92Scenario vacuum = new Bbm92Scenario(new EntangledPairSource(1e9, 0, 1), arm, arm);
        PairSample sample = vacuum.sample(1, 1_000_000_000_000L);
        assertEquals(new PairTruth(0, 0, 0, 0, 0, 0), sample.truth());
        assertEquals(0, PASSIVE_PULSED.sample(1, 0).alice().count());
    }

    @Test
    void certainDetectionsMarkEveryPulse() {
        // μ = 10 on a lossless link and dark counts of 0.9999 per gate: a pulse without any detection has
        // probability 36^-1 · 10^-16, which rounds away, so every pulse is drawn.
        Receiver saturated = new Receiver(1.0, ThresholdDetector.gated(1.0, 0.9999), 0, 0.5);
        Bbm92Arm arm = Bbm92Scenario.arm(0, saturated, Bbm92Arm.BasisChoice.ACTIVE);
        Bbm92Scenario blinding = new Bbm92Scenario(new EntangledPairSource(1e9, 10, 1), arm, arm);
        PairSample sample = blinding.sample(2, 10_000);
        assertEquals(10_000, sample.truth().coincidences());
        assertEquals(9_999, sample.bob().pulseIndex(9_999));
    }

    @Test
    void foreignSourcesAreRejected() {
        Bbm92BatchSampler sampler = PASSIVE_PULSED.sampler();
        PhotonBatch other = new PhotonBatch("A-B", 0, 0, 1000, new EntangledPairSource(1e9, 0.2, 0.97),
                new StreamKey(1, "EPS", "pulse-state", 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sampler.sample(other, Bbm92Scenario.key(0)));
        assertTrue(e.getMessage().contains("this sampler models"), e.getMessage());
        Bbm92Arm arm = PASSIVE_PULSED.alice();
        assertThrows(IllegalArgumentException.class,
                () -> new Bbm92BatchSampler(WeakCoherentSource.single(1e9, 0.5), arm, arm));
        assertThrows(IllegalArgumentException.class,
                () -> new Bbm92BatchSampler(new EntangledPairSource(1e9, 11, 1), arm, arm));
        Bbm92Arm perfect = Bbm92Scenario.arm(0, new Receiver(1.0, ThresholdDetector.gated(1.0, 0), 0, 0.5),
                Bbm92Arm.BasisChoice.ACTIVE);
        Bbm92BatchSampler bright = new Bbm92BatchSampler(new ContinuousPairSource(1e9, 1000, 10, 1), perfect, perfect);
        assertThrows(IllegalArgumentException.class, () -> bright.expectationAt(0));
    }

    @Test
    void armsDescribeTheirPath() {
        Bbm92Arm arm = new Bbm92Arm(FibreChannel.smf28(50, 0.2, 0), RECEIVER, Bbm92Arm.BasisChoice.ACTIVE);
        assertEquals(0.1 * 0.9 * 0.5, arm.efficiencyAt(0), 1e-15);
        assertThrows(NullPointerException.class, () -> new Bbm92Arm(null, RECEIVER, Bbm92Arm.BasisChoice.ACTIVE));
    }
}
