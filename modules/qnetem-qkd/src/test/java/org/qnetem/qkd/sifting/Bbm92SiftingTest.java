package org.qnetem.qkd.sifting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qnetem.qkd.sifting.Bbm92Link.LINK;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.qnetem.physics.batch.Bbm92Arm;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.physics.batch.PairSample;
import org.qnetem.physics.batch.PairTruth;
import org.qnetem.qkd.message.SiftAnnouncement;
import org.qnetem.qkd.message.SiftResponse;

/** Both ends of a BBM92 link, fed by the pair sampler, sift to halves that differ exactly where the pairs erred. */
class Bbm92SiftingTest {

    private static final Bbm92Link REFERENCE = Bbm92Link.pulsedReference();

    @Test
    void halvesKeepTheMatchedCoincidencesAndDifferWhereTheGroundTruthSays() {
        for (long sequence = 0; sequence < 4; sequence++) {
            PairSample sample = REFERENCE.sample(sequence, 20_000_000);
            Bbm92Link.Halves halves = Bbm92Link.sift(sample);
            PairTruth truth = sample.truth();
            assertEquals(truth.matchedBasis(), halves.alice().length());
            assertEquals(truth.matchedBasis(), halves.bob().length());
            assertEquals(truth.matchedBasisErrors(), halves.alice().bits().hammingDistance(halves.bob().bits()));
            assertEquals(halves.alice().bases(), halves.bob().bases());
            assertArrayEquals(new byte[halves.alice().length()], halves.alice().intensityClasses());
            assertArrayEquals(new byte[halves.bob().length()], halves.bob().intensityClasses());
            assertEquals(sequence, halves.bob().batchSequence());
            assertTrue(halves.alice().length() > 1_000, "enough bits for the comparison to mean something");
        }
    }

    @ParameterizedTest
    @EnumSource(Bbm92Arm.BasisChoice.class)
    void withoutNoiseTheHalvesAreIdentical(Bbm92Arm.BasisChoice choice) {
        Bbm92Link link = Bbm92Link.noiseless(choice);
        long sifted = 0;
        for (long sequence = 0; sequence < 8; sequence++) {
            PairSample sample = link.sample(sequence, 100_000_000_000L);
            Bbm92Link.Halves halves = Bbm92Link.sift(sample);
            assertEquals(halves.alice(), new SiftedBlock(LINK, sequence, halves.bob().bits(), halves.bob().bases(),
                    halves.bob().intensityClasses()));
            assertEquals(sample.truth().coincidences(), sample.truth().trueCoincidences(), "no accidentals drawn");
            sifted += halves.alice().length();
        }
        assertTrue(sifted > 5_000, sifted + " sifted bits");
    }

    /** Bob's light, Alice's announcement and whole batches may each arrive in either order. */
    @Test
    void eitherEndMayHearFirstAndBatchesSiftInAnyOrder() {
        PairSample first = REFERENCE.sample(0, 5_000_000);
        PairSample second = REFERENCE.sample(1, 5_000_000);
        Bbm92Announcer announcer = new Bbm92Announcer(LINK);
        Bbm92Responder responder = new Bbm92Responder(LINK);
        SiftAnnouncement a1 = announcer.onDetections(second.alice());
        SiftAnnouncement a0 = announcer.onDetections(first.alice());
        assertEquals(Optional.empty(), responder.onSiftAnnouncement(a1), "announcement before Bob's light");
        assertEquals(1, responder.batchesAwaitingDetections());
        assertEquals(Optional.empty(), responder.onDetections(first.bob()), "Bob's light before the announcement");
        assertEquals(1, responder.batchesAwaitingAnnouncement());
        Bbm92Responder.Sifted b1 = responder.onDetections(second.bob()).orElseThrow();
        Bbm92Responder.Sifted b0 = responder.onSiftAnnouncement(a0).orElseThrow();
        assertEquals(0, responder.batchesAwaitingAnnouncement() + responder.batchesAwaitingDetections());
        SiftedBlock alice1 = announcer.onSiftResponse(b1.response());
        SiftedBlock alice0 = announcer.onSiftResponse(b0.response());
        assertEquals(0, announcer.batchesAwaitingResponse());
        assertEquals(Bbm92Link.sift(first), new Bbm92Link.Halves(alice0, b0.block()), "order changes nothing");
        assertEquals(Bbm92Link.sift(second), new Bbm92Link.Halves(alice1, b1.block()));
    }

    /** A batch whose sifting failed is forgotten by both ends, whichever of its parts had arrived. */
    @Test
    void discardedBatchesAreForgottenAtBothEnds() {
        Bbm92Announcer announcer = new Bbm92Announcer(LINK);
        Bbm92Responder responder = new Bbm92Responder(LINK);
        PairSample first = REFERENCE.sample(0, 5_000_000);
        announcer.onDetections(first.alice());
        announcer.onDetections(REFERENCE.sample(1, 5_000_000).alice());
        SiftAnnouncement third = announcer.onDetections(REFERENCE.sample(2, 5_000_000).alice());
        assertEquals(Optional.empty(), responder.onDetections(first.bob()));
        assertEquals(Optional.empty(), responder.onSiftAnnouncement(third));

        assertTrue(responder.discard(0), "Bob's light of batch 0 was waiting");
        assertTrue(responder.discard(2), "Alice's announcement of batch 2 was waiting");
        assertFalse(responder.discard(1), "nothing of batch 1 is in");
        assertEquals(0, responder.batchesAwaitingAnnouncement() + responder.batchesAwaitingDetections());
        assertTrue(announcer.discard(1));
        assertFalse(announcer.discard(1), "discarding again changes nothing");
        assertEquals(2, announcer.batchesAwaitingResponse());
    }

    @Test
    void theAnnouncerRefusesBadInput() {
        PairSample sample = REFERENCE.sample(0, 1_000_000);
        Bbm92Announcer announcer = new Bbm92Announcer(LINK);
        assertThrows(IllegalArgumentException.class, () -> new Bbm92Announcer("OTHER").onDetections(sample.alice()));
        SiftAnnouncement announcement = announcer.onDetections(sample.alice());
        assertThrows(IllegalStateException.class, () -> announcer.onDetections(sample.alice()), "detections twice");
        int n = announcement.count();
        assertThrows(IllegalStateException.class, () -> announcer.onSiftResponse(
                new SiftResponse(LINK, 7, PackedBits.empty(), new byte[0])), "a response for no batch");
        assertThrows(IllegalStateException.class, () -> announcer.onSiftResponse(
                new SiftResponse(LINK, 0, PackedBits.empty(), new byte[0])), "a response of the wrong length");
        byte[] decoy = new byte[n];
        decoy[n - 1] = 1;
        assertThrows(IllegalStateException.class, () -> announcer.onSiftResponse(
                new SiftResponse(LINK, 0, zeros(n), decoy)), "an intensity class");
        assertThrows(IllegalArgumentException.class, () -> announcer.onSiftResponse(
                new SiftResponse("OTHER", 0, zeros(n), new byte[n])), "another link's response");
        SiftedBlock block = announcer.onSiftResponse(new SiftResponse(LINK, 0, zeros(n), new byte[n]));
        assertEquals(0, block.length(), "refused responses leave the batch waiting for the right one");
        assertThrows(IllegalStateException.class, () -> announcer.onSiftResponse(
                new SiftResponse(LINK, 0, zeros(n), new byte[n])), "a batch answered twice");
    }

    @Test
    void theResponderRefusesBadInput() {
        PairSample sample = REFERENCE.sample(0, 1_000_000);
        SiftAnnouncement announcement = new Bbm92Announcer(LINK).onDetections(sample.alice());
        Bbm92Responder responder = new Bbm92Responder(LINK);
        assertThrows(IllegalArgumentException.class, () -> new Bbm92Responder("OTHER").onDetections(sample.bob()));
        assertThrows(IllegalArgumentException.class,
                () -> new Bbm92Responder("OTHER").onSiftAnnouncement(announcement));
        assertThrows(IllegalStateException.class, () -> responder.onSiftAnnouncement(new SiftAnnouncement(LINK, 0,
                new long[] {5, 5}, zeros(2))), "pulses that do not ascend");
        responder.onDetections(sample.bob());
        assertThrows(IllegalStateException.class, () -> responder.onDetections(sample.bob()), "detections twice");
        assertThrows(IllegalStateException.class, () -> responder.onSiftAnnouncement(new SiftAnnouncement(LINK, 0,
                new long[] {1_000_000}, zeros(1))), "a pulse beyond the batch");
        assertEquals(1, responder.batchesAwaitingAnnouncement(), "Bob's detections wait for a good announcement");
        responder.onSiftAnnouncement(new SiftAnnouncement(LINK, 3, new long[0], PackedBits.empty()));
        assertThrows(IllegalStateException.class, () -> responder.onSiftAnnouncement(
                new SiftAnnouncement(LINK, 3, new long[0], PackedBits.empty())), "an announcement twice");
        assertTrue(responder.onSiftAnnouncement(announcement).isPresent());
    }

    private static PackedBits zeros(int n) {
        PackedBits.Builder bits = new PackedBits.Builder(n);
        for (int i = 0; i < n; i++) {
            bits.append(false);
        }
        return bits.build();
    }
}
