package org.qnetem.qkd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qnetem.physics.attack.Attack;
import org.qnetem.physics.attack.InterceptResend;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.physics.model.Bb84Expectation;
import org.qnetem.qkd.authentication.Authenticator;
import org.qnetem.qkd.authentication.Direction;
import org.qnetem.qkd.message.ClassicalMessage;
import org.qnetem.qkd.message.KeyConfirmation;
import org.qnetem.qkd.message.ParityResponse;

/** Alice's and Bob's decoy-BB84 engines, joined in memory through the physics sampler. */
class DecoyBb84ProtocolTest {

    private static final long BATCH_PULSES = 1_000_000;

    /**
     * 10^5-bit blocks keep a thousand blocks cheap. Their ~29,000 secret bits do not pay for the
     * ~40,000 bits that authenticating Cascade's ~150 round trips costs, so the pre-shared key is large.
     */
    private static final PostProcessingSettings SMALL_BLOCKS = PostProcessingSettings.defaults()
            .withKeyBlockBits(100_000).withPreSharedKeyBits(1L << 26);

    @ParameterizedTest(name = "{0} km")
    @CsvSource({"5, 340", "25, 330", "40, 330"})
    void bothEndsDeliverBitIdenticalKeysBlockAfterBlock(double km, int blocks) {
        InMemoryLink link = new InMemoryLink(InMemoryLink.HUNDRED_KILOBIT_BLOCKS, km, Attack.NONE, SMALL_BLOCKS, 11)
                .runUntilBlocks(blocks, BATCH_PULSES, 100_000);

        assertEquals(blocks, link.bobOutcomes.size());
        List<KeyBlock> bobKeys = link.keyBlocks(link.bobOutcomes);
        List<KeyBlock> aliceKeys = link.keyBlocks(link.aliceOutcomes);
        assertTrue(bobKeys.size() >= blocks * 9 / 10, bobKeys.size() + " of " + blocks + " blocks gave key");
        assertEquals(bobKeys.size(), aliceKeys.size());
        for (int i = 0; i < bobKeys.size(); i++) {
            KeyBlock bob = bobKeys.get(i);
            KeyBlock alice = aliceKeys.get(i);
            assertEquals(bob.blockId(), alice.blockId());
            assertEquals(bob.secretKey(), alice.secretKey(), "block " + bob.blockId());
            assertEquals(bob.secretLength(), alice.secretLength());
            assertEquals(bob.counts(), alice.counts());
            assertEquals(bob.keyQber(), alice.keyQber());
            assertEquals(bob.authenticationRefillBits(), alice.authenticationRefillBits());
            assertTrue(bob.secretKey().length() > 0);
        }
        long distinct = bobKeys.stream().map(KeyBlock::secretKey).distinct().count();
        assertEquals(bobKeys.size(), distinct, "every block's key is fresh");
    }

    @Test
    void eachBlocksSecretLengthIsTheFiniteKeyFormulaOnItsOwnCounts() {
        InMemoryLink link = new InMemoryLink(InMemoryLink.HUNDRED_KILOBIT_BLOCKS, 25, Attack.NONE, SMALL_BLOCKS, 5)
                .runUntilBlocks(20, BATCH_PULSES, 10_000);
        assertEquals(20, link.keyBlocks(link.bobOutcomes).size());
        DecoyBb84SecureLength formula = new DecoyBb84SecureLength(link.source, SMALL_BLOCKS);
        long siftedInBlocks = 0;
        long lastBatch = -1;
        for (KeyBlock block : link.keyBlocks(link.bobOutcomes)) {
            assertEquals(formula.evaluate(block.counts(), block.leakedBits()), block.secretLength());
            assertEquals(block.secretLength().length(),
                    block.deliveredKey().length() + block.authenticationRefillBits());
            assertTrue(block.counts().keyBits() >= SMALL_BLOCKS.keyBlockBits());
            siftedInBlocks += block.counts().keyBits() + block.counts().testBits();
            lastBatch = block.lastBatch();
        }
        long siftedByTruth = 0;
        for (int batch = 0; batch <= lastBatch; batch++) {
            siftedByTruth += link.truths.get(batch).matchedBasis();
        }
        assertEquals(siftedByTruth, siftedInBlocks, "every sifted bit of the blocks' batches is counted once");
    }

    @ParameterizedTest(name = "{0} km")
    @CsvSource({"10", "50", "100"})
    void meanSecretKeyRateIsWithinTenPercentOfTheAnalyticExpectation(double km) {
        PostProcessingSettings settings = PostProcessingSettings.defaults();
        InMemoryLink link = new InMemoryLink(km, Attack.NONE, settings, 3).runUntilBlocks(3, 10 * BATCH_PULSES,
                100_000);
        List<KeyBlock> blocks = link.keyBlocks(link.bobOutcomes);
        assertEquals(3, blocks.size());
        long secretBits = blocks.stream().mapToLong(b -> b.secretLength().length()).sum();
        long pulses = (blocks.get(2).lastBatch() - blocks.get(0).firstBatch() + 1) * 10 * BATCH_PULSES;
        ExpectedKeyRate expected = ExpectedKeyRate.decoyBb84(link.source,
                new Bb84Expectation(link.source, link.fibre, link.receiver), settings, ExpectedKeyRate.CASCADE_EFFICIENCY);
        double measuredPerPulse = (double) secretBits / pulses;
        double expectedPerPulse = expected.secretBitsPerBlock() / expected.pulsesPerBlock();
        assertEquals(expectedPerPulse, measuredPerPulse, 0.1 * expectedPerPulse,
                "secret bits per pulse at " + km + " km");
    }

    @Test
    void aParityAlteredInFlightFailsAuthenticationAndDiscardsItsBlockAtBothEnds() {
        InMemoryLink link = new InMemoryLink(InMemoryLink.HUNDRED_KILOBIT_BLOCKS, 25, Attack.NONE, SMALL_BLOCKS, 9);
        link.channel.alterAToB(sealed -> sealed.message() instanceof ParityResponse response
                && response.batchSequence() == 1 && response.round() == 3
                ? new SealedMessage(flipFirst(response), sealed.tag()) : sealed);
        link.runUntilBlocks(3, BATCH_PULSES, 10_000);

        for (Map<Long, BlockOutcome> end : List.of(link.aliceOutcomes, link.bobOutcomes)) {
            AbortedBlock aborted = assertInstanceOf(AbortedBlock.class, end.get(1L));
            assertEquals(BlockStage.ERROR_CORRECTION, aborted.stage());
            assertTrue(aborted.reason().contains("authentication failed (TAG_MISMATCH)"), aborted.reason());
            assertInstanceOf(KeyBlock.class, end.get(2L), "the next block is unaffected");
        }
        assertEquals(link.keyBlocks(link.aliceOutcomes).stream().map(KeyBlock::secretKey).toList(),
                link.keyBlocks(link.bobOutcomes).stream().map(KeyBlock::secretKey).toList());
    }

    /**
     * An insider who holds the pre-shared key re-tags every message from Alice, so her alterations
     * pass authentication while the pool is still the pre-shared key (before the first block refills
     * it). Cascade's consistency checks or verification must still stop the first block.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"parity", "verification tag"})
    void anAuthenticatedButCorruptedMessageStillNeverYieldsAMismatchedKey(String target) {
        Authenticator insider = new Authenticator(LinkAuthentication.provisioned(13, InMemoryLink.LINK,
                SMALL_BLOCKS.preSharedKeyBits(), Direction.A_TO_B, new RecordEncoder()).pool(), Direction.A_TO_B);
        RecordEncoder encoder = new RecordEncoder();
        InMemoryLink link = new InMemoryLink(InMemoryLink.HUNDRED_KILOBIT_BLOCKS, 25, Attack.NONE, SMALL_BLOCKS, 13);
        link.channel.alterAToB(sealed -> {
            ClassicalMessage altered = corrupt(sealed.message(), target);
            return new SealedMessage(altered, insider.tag(encoder.encode(altered)));
        });
        link.runUntilBlocks(1, BATCH_PULSES, 10_000);

        assertTrue(link.keyBlocks(link.aliceOutcomes).isEmpty());
        assertTrue(link.keyBlocks(link.bobOutcomes).isEmpty());
        AbortedBlock aborted = assertInstanceOf(AbortedBlock.class, link.bobOutcomes.get(0L));
        assertTrue(aborted.stage() == BlockStage.ERROR_CORRECTION || aborted.stage() == BlockStage.VERIFICATION,
                aborted.toString());
        assertInstanceOf(AbortedBlock.class, link.aliceOutcomes.get(0L));
    }

    private static ClassicalMessage corrupt(ClassicalMessage message, String target) {
        if (target.equals("parity") && message instanceof ParityResponse response && response.round() == 2) {
            return flipFirst(response);
        }
        if (target.equals("verification tag") && message instanceof KeyConfirmation c) {
            return new KeyConfirmation(c.linkId(), c.batchSequence(), c.verificationFirstPoint(),
                    c.verificationSecondPoint(), c.tagFirst() ^ 1, c.tagSecond(), c.toeplitzSeed(), c.secretLength(),
                    c.authenticationRefillBits());
        }
        return message;
    }

    private static ParityResponse flipFirst(ParityResponse response) {
        long[] words = response.parities().toWords();
        words[0] ^= 1;
        return new ParityResponse(response.linkId(), response.batchSequence(), response.round(),
                PackedBits.of(words, response.parities().length()));
    }

    @Test
    void interceptResendPushesTheQberPastTheThresholdAndEveryBlockAbortsWithItsReason() {
        InMemoryLink link = new InMemoryLink(InMemoryLink.HUNDRED_KILOBIT_BLOCKS, 25, new InterceptResend(0.6),
                SMALL_BLOCKS, 7)
                .runUntilBlocks(10, BATCH_PULSES, 10_000);

        assertEquals(10, link.bobOutcomes.size());
        assertTrue(link.keyBlocks(link.bobOutcomes).isEmpty());
        assertTrue(link.keyBlocks(link.aliceOutcomes).isEmpty());
        for (Map<Long, BlockOutcome> end : List.of(link.aliceOutcomes, link.bobOutcomes)) {
            for (BlockOutcome outcome : end.values()) {
                AbortedBlock aborted = assertInstanceOf(AbortedBlock.class, outcome);
                assertEquals(BlockStage.PARAMETER_ESTIMATION, aborted.stage());
                assertTrue(aborted.reason().contains("exceeds the abort threshold 11.000 %"), aborted.reason());
            }
        }
    }
}
