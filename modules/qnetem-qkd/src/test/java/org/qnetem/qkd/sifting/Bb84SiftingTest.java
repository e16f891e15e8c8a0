package org.qnetem.qkd.sifting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.qnetem.physics.batch.BatchSample;
import org.qnetem.physics.batch.Bb84BatchSampler;
import org.qnetem.physics.batch.DetectionBatch;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.physics.batch.PhotonBatch;
import org.qnetem.physics.channel.FibreChannel;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.detector.ThresholdDetector;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.physics.source.PulseStates;
import org.qnetem.physics.source.WeakCoherentSource;
import org.qnetem.qkd.message.SiftAnnouncement;
import org.qnetem.qkd.message.SiftResponse;

/** Alice's and Bob's engines, fed by the real sampler, sift to halves that differ exactly where the channel erred. */
class Bb84SiftingTest {

    private static final String LINK = "ALICE-BOB";
    private static final WeakCoherentSource SOURCE = new WeakCoherentSource(1e9, new double[] {0.5, 0.1, 2e-4},
            new double[] {0.8, 0.15, 0.05}, 0.7);
    private static final Bb84BatchSampler SAMPLER = new Bb84BatchSampler(SOURCE, FibreChannel.smf28(25, 0.2, 0),
            new Receiver(1.0, ThresholdDetector.gated(0.1, 6e-7), 0.02, 0.7));

    private final Bb84Transmitter alice = new Bb84Transmitter(LINK, SOURCE, 99);
    private final Bb84Receiver bob = new Bb84Receiver(LINK);

    private BatchSample transmit(long sequence, long pulses) {
        PhotonBatch batch = alice.emit(sequence, sequence * pulses * 1000, pulses);
        return SAMPLER.sample(batch, new StreamKey(99, LINK, "channel", sequence));
    }

    @Test
    void bothEndsKeepTheMatchedBasesAndDifferOnlyWhereTheChannelErred() {
        BatchSample sample = transmit(0, 2_000_000);
        SiftAnnouncement announcement = bob.onDetections(sample.detections());
        Bb84Transmitter.Sifted aliceSide = alice.onSiftAnnouncement(announcement);
        SiftedBlock bobSide = bob.onSiftResponse(aliceSide.response());
        SiftedBlock aliceBlock = aliceSide.block();

        assertEquals(sample.truth().matchedBasis(), aliceBlock.length());
        assertEquals(aliceBlock.length(), bobSide.length());
        assertEquals(sample.truth().matchedBasisErrors(), aliceBlock.bits().hammingDistance(bobSide.bits()));
        assertEquals(aliceBlock.bases(), bobSide.bases());
        assertArrayEquals(aliceBlock.intensityClasses(), bobSide.intensityClasses());
        assertTrue(aliceBlock.length() > 10_000, "enough bits for the comparison to mean something");
        assertEquals(0, alice.batchesAwaitingSifting());
        assertEquals(0, bob.batchesAwaitingResponse());
    }

    @Test
    void aliceAnnouncesTheIntensityClassesAndBasisMatchesOfHerOwnPulses() {
        BatchSample sample = transmit(4, 500_000);
        DetectionBatch detections = sample.detections();
        SiftResponse response = alice.onSiftAnnouncement(bob.onDetections(detections)).response();
        PulseStates states = new PulseStates(SOURCE, new StreamKey(99, LINK, Bb84Transmitter.PULSE_STATE_PURPOSE, 4));
        for (int i = 0; i < detections.count(); i++) {
            int state = states.stateOf(detections.pulseIndex(i));
            assertEquals(PulseStates.intensityClass(state), response.intensityClass(i));
            assertEquals(PulseStates.basis(state) == detections.bases().bit(i), response.basisMatches().get(i));
        }
    }

    /**
     * Both ends against a plain detection-by-detection reference, on batches whose detection counts are
     * and are not whole words (and are empty or tiny), so that the word-at-a-time code is pinned to it.
     */
    @Test
    void siftingIsTheDetectionByDetectionDefinition() {
        long[] pulseCounts = {0, 1, 300, 5_000, 11_000, 200_000, 1_000_000};
        for (int s = 0; s < pulseCounts.length; s++) {
            long sequence = 10 + s;
            DetectionBatch detections = transmit(sequence, pulseCounts[s]).detections();
            Bb84Transmitter.Sifted aliceSide = alice.onSiftAnnouncement(bob.onDetections(detections));
            SiftedBlock bobSide = bob.onSiftResponse(aliceSide.response());

            PulseStates states = new PulseStates(SOURCE,
                    new StreamKey(99, LINK, Bb84Transmitter.PULSE_STATE_PURPOSE, sequence));
            int n = detections.count();
            PackedBits.Builder matches = new PackedBits.Builder(n);
            PackedBits.Builder aliceBits = new PackedBits.Builder(n);
            PackedBits.Builder bobBits = new PackedBits.Builder(n);
            PackedBits.Builder bases = new PackedBits.Builder(n);
            byte[] classes = new byte[n];
            ByteArrayOutputStream keptClasses = new ByteArrayOutputStream();
            for (int i = 0; i < n; i++) {
                int state = states.stateOf(detections.pulseIndex(i));
                boolean match = PulseStates.basis(state) == detections.bases().bit(i);
                matches.append(match);
                classes[i] = (byte) PulseStates.intensityClass(state);
                if (match) {
                    aliceBits.append(PulseStates.bit(state) == 1);
                    bobBits.append(detections.outcomes().get(i));
                    bases.append(PulseStates.basis(state) == 1);
                    keptClasses.write(classes[i]);
                }
            }
            assertEquals(new SiftResponse(LINK, sequence, matches.build(), classes), aliceSide.response());
            PackedBits keptBases = bases.build();
            assertEquals(new SiftedBlock(LINK, sequence, aliceBits.build(), keptBases, keptClasses.toByteArray()),
                    aliceSide.block());
            assertEquals(new SiftedBlock(LINK, sequence, bobBits.build(), keptBases, keptClasses.toByteArray()),
                    bobSide);
        }
    }

    @Test
    void batchesMaySiftInAnyOrder() {
        BatchSample first = transmit(0, 200_000);
        BatchSample second = transmit(1, 200_000);
        SiftAnnouncement a1 = bob.onDetections(second.detections());
        SiftAnnouncement a0 = bob.onDetections(first.detections());
        SiftedBlock b0 = bob.onSiftResponse(alice.onSiftAnnouncement(a0).response());
        SiftedBlock b1 = bob.onSiftResponse(alice.onSiftAnnouncement(a1).response());
        assertEquals(0, b0.batchSequence());
        assertEquals(1, b1.batchSequence());
        assertEquals(first.truth().matchedBasis(), b0.length());
        assertEquals(second.truth().matchedBasis(), b1.length());
    }

    @Test
    void protocolViolationsAreRefused() {
        BatchSample sample = transmit(0, 100_000);
        assertThrows(IllegalStateException.class, () -> alice.emit(0, 0, 10), "a batch sequence used twice");
        assertThrows(IllegalStateException.class, () -> alice.onSiftAnnouncement(
                new SiftAnnouncement(LINK, 9, new long[0], PackedBits.empty())), "an announcement for no batch");
        assertThrows(IllegalStateException.class, () -> alice.onSiftAnnouncement(
                new SiftAnnouncement(LINK, 0, new long[] {100_000}, PackedBits.of(new long[] {1}, 1))),
                "a pulse beyond the batch");
        bob.onDetections(sample.detections());
        assertThrows(IllegalStateException.class, () -> bob.onDetections(sample.detections()), "detections twice");
        assertThrows(IllegalStateException.class, () -> bob.onSiftResponse(
                new SiftResponse(LINK, 0, PackedBits.empty(), new byte[0])), "an answer of the wrong length");
        assertThrows(IllegalArgumentException.class, () -> new Bb84Receiver("OTHER").onDetections(sample.detections()));
    }
}
