package org.qnetem.qkd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.physics.batch.PairTruth;
import org.qnetem.qkd.authentication.Direction;
import org.qnetem.qkd.message.ClassicalMessage;
import org.qnetem.qkd.message.ErrorEstimate;
import org.qnetem.qkd.message.KeyConfirmation;
import org.qnetem.qkd.message.ParityRequest;
import org.qnetem.qkd.message.ParityResponse;
import org.qnetem.qkd.message.SiftAnnouncement;
import org.qnetem.qkd.message.SiftResponse;
import org.qnetem.qkd.message.TestBasisBits;

/**
 * The BBM92 engines joined in memory through the pair sampler, with REFERENCE §4.5b's CW source in the
 * middle of a link with no fibre loss (its 0 dB example: QBER 1.24 %). At seed 92, fifty 10^5-bit
 * blocks (1,253 batches, 12.5 emulated seconds) give 67,801–70,957 secret bits each (mean 68,642) at
 * test-basis QBERs of 1.17–1.31 % (mean 1.25 %), Cascade leaking about 10,300 bits (f_EC ≈ 1.07).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Bbm92ProtocolTest {

    /** 2·10^7 coincidence windows of 0.5 ns: 10 ms, about 8,000 sifted bits. */
    private static final long BATCH_WINDOWS = 20_000_000;
    private static final int BLOCKS = 50;

    /**
     * 10^5-bit blocks keep fifty blocks cheap. At this QBER they pay for their own authentication
     * (about 43,000 pad bits a block, both directions, against about 68,600 secret bits), so the
     * default pre-shared key is enough: after the first dozen blocks each tops the pool up again.
     */
    private static final PostProcessingSettings SMALL_BLOCKS = PostProcessingSettings.defaults()
            .withKeyBlockBits(100_000);

    private Bbm92InMemoryLink clean;
    private Bbm92InMemoryLink lowVisibility;
    private Bbm92InMemoryLink tampered;
    private final Tamper toAnnouncer = new Tamper()
            .first(SiftResponse.class, 5, m -> new SiftResponse(m.linkId(), m.batchSequence(),
                    flipFirst(m.basisMatches()), m.intensityClasses()))
            .first(ParityResponse.class, 1, m -> new ParityResponse(m.linkId(), m.batchSequence(), m.round(),
                    flipFirst(m.parities())))
            .first(KeyConfirmation.class, 3, m -> new KeyConfirmation(m.linkId(), m.batchSequence(),
                    m.verificationFirstPoint(), m.verificationSecondPoint(), m.tagFirst(), m.tagSecond(),
                    m.toeplitzSeed() + 1, m.secretLength(), m.authenticationRefillBits()))
            .first(ErrorEstimate.class, 5, m -> new ErrorEstimate(m.linkId(), m.batchSequence(),
                    new long[] {m.testErrors()[0] / 2}));
    private final Tamper toResponder = new Tamper()
            .first(SiftAnnouncement.class, 8, m -> new SiftAnnouncement(m.linkId(), m.batchSequence(),
                    m.pulseIndices(), flipFirst(m.bases())))
            .first(SiftAnnouncement.class, 9, m -> new SiftAnnouncement(m.linkId(), m.batchSequence(),
                    m.pulseIndices(), flipFirst(m.bases())))
            .first(ParityRequest.class, 2, m -> new ParityRequest(m.linkId(), m.batchSequence(), m.round() + 1,
                    m.passes(), m.starts(), m.lengths()))
            .first(TestBasisBits.class, 4, m -> new TestBasisBits(m.linkId(), m.batchSequence(), m.firstBatch(),
                    m.lastBatch(), m.discardedBatches(), flipFirst(m.bits())));

    /** The links are independent: the long one runs beside the two short ones, to keep the test quick. */
    @BeforeAll
    void runTheLinks() {
        CompletableFuture<Bbm92InMemoryLink> fifty = CompletableFuture.supplyAsync(
                () -> Bbm92InMemoryLink.continuousReference(0.98, 0, SMALL_BLOCKS, 92)
                        .runUntilBlocks(BLOCKS, BATCH_WINDOWS, 10_000));
        // V = 0.75 makes e_pol = 12.5 % > 11 %.
        lowVisibility = Bbm92InMemoryLink.continuousReference(0.75, 0, SMALL_BLOCKS, 7)
                .runUntilBlocks(3, BATCH_WINDOWS, 1_000);
        tampered = Bbm92InMemoryLink.continuousReference(0.98, 0, SMALL_BLOCKS, 5);
        tampered.channel.alterAToB(toAnnouncer);
        tampered.channel.alterBToA(toResponder);
        tampered.runUntilBlocks(7, BATCH_WINDOWS, 1_000);
        clean = fifty.join();
    }

    @Test
    void bothEndsDeliverBitIdenticalKeysBlockAfterBlock() {
        List<KeyBlock> announced = clean.keyBlocks(clean.announcerOutcomes());
        List<KeyBlock> responded = clean.keyBlocks(clean.responderOutcomes());
        assertEquals(BLOCKS, clean.announcerOutcomes().size());
        assertEquals(BLOCKS, announced.size(), "every block gives key at the announcing end");
        assertEquals(BLOCKS, responded.size(), "every block gives key at the responding end");
        for (int i = 0; i < BLOCKS; i++) {
            KeyBlock a = announced.get(i);
            KeyBlock r = responded.get(i);
            assertEquals(i, a.blockId());
            assertEquals(a.blockId(), r.blockId());
            assertEquals(a.secretKey(), r.secretKey(), "block " + a.blockId());
            assertEquals(a.secretLength(), r.secretLength());
            assertEquals(a.counts(), r.counts());
            assertEquals(a.keyQber(), r.keyQber());
            assertEquals(a.authenticationRefillBits(), r.authenticationRefillBits());
            assertTrue(a.deliveredKey().length() > 0);
        }
        assertEquals(BLOCKS, announced.stream().map(KeyBlock::secretKey).distinct().count(), "every block's key is fresh");
        assertTrue(announced.stream().mapToLong(KeyBlock::authenticationRefillBits).sum() > 0,
                "the link refilled its authentication pool from its own key");
        for (Direction direction : Direction.values()) {
            assertEquals(clean.responder.authentication().pool().availableBits(direction),
                    clean.announcer.authentication().pool().availableBits(direction), "both pools in step");
        }
        assertEquals(0, clean.announcer.blocksInProgress());
        assertEquals(0, clean.responder.blocksInProgress());
        assertEquals(0, clean.announcer.authentication().refusedMessages());
        assertEquals(0, clean.responder.authentication().refusedMessages());
    }

    @Test
    void eachBlocksSecretLengthIsTomamichelsBoundOnItsOwnCounts() {
        Bbm92SecureLength formula = new Bbm92SecureLength(SMALL_BLOCKS);
        long siftedInBlocks = 0;
        long testErrors = 0;
        long testBits = 0;
        for (KeyBlock block : clean.keyBlocks(clean.announcerOutcomes())) {
            SecretLength length = formula.evaluate(block.counts(), block.leakedBits());
            assertEquals(length, block.secretLength());
            assertEquals(List.of("n", "k", "q_tol", "mu", "leaked_ec", "security_cost"),
                    List.copyOf(length.terms().keySet()));
            assertEquals(block.counts().testQber(), length.terms().get("q_tol"));
            assertTrue(block.counts().keyBits() >= SMALL_BLOCKS.keyBlockBits());
            // Both receivers pick X and Z with probability ½: as many test bits as key bits, to a few %.
            assertEquals(1.0, (double) block.counts().testBits() / block.counts().keyBits(), 0.03);
            siftedInBlocks += block.counts().keyBits() + block.counts().testBits();
            testErrors += block.counts().testErrorCount();
            testBits += block.counts().testBits();
        }
        long lastBatch = clean.keyBlocks(clean.announcerOutcomes()).get(BLOCKS - 1).lastBatch();
        PairTruth truth = clean.truths.subList(0, (int) lastBatch + 1).stream().reduce(PairTruth::plus).orElseThrow();
        assertEquals(truth.matchedBasis(), siftedInBlocks, "every sifted bit of the blocks' batches is counted once");
        double qber = (double) testErrors / testBits;
        assertEquals(truth.qber(), qber, 0.001, "test-basis QBER against all matched-basis coincidences");
    }

    @Test
    void lowVisibilityPushesTheQberPastTheThresholdAndEveryBlockAbortsWithItsReason() {
        Bbm92InMemoryLink link = lowVisibility;
        assertEquals(3, link.announcerOutcomes().size());
        for (Map<Long, BlockOutcome> end : List.of(link.announcerOutcomes(), link.responderOutcomes())) {
            assertEquals(3, end.size());
            for (BlockOutcome outcome : end.values()) {
                AbortedBlock aborted = assertInstanceOf(AbortedBlock.class, outcome);
                assertEquals(BlockStage.PARAMETER_ESTIMATION, aborted.stage());
                assertTrue(aborted.reason().contains("exceeds the abort threshold 11.000 %"), aborted.reason());
            }
        }
    }

    /**
     * One message of each kind is altered in flight, its tag kept. Refused sift messages discard their
     * batches at both ends (block 0 still gives key without them); each refused block message aborts its
     * block at both ends; no block gives key at one end only or different keys at the two.
     */
    @Test
    void messagesAlteredInFlightAreRefusedAndCostOnlyTheirBatchOrBlock() {
        Bbm92InMemoryLink link = tampered;
        assertTrue(toAnnouncer.allUsed() && toResponder.allUsed(), "every alteration happened");
        assertEquals(4, link.announcer.authentication().refusedMessages());
        assertEquals(4, link.responder.authentication().refusedMessages());
        Map<Long, BlockOutcome> announced = link.announcerOutcomes();
        Map<Long, BlockOutcome> responded = link.responderOutcomes();
        assertEquals(7, announced.size());
        assertEquals(announced.keySet(), responded.keySet());
        Set<Long> aborted = Set.of(1L, 2L, 3L, 4L, 5L);
        for (long block : announced.keySet()) {
            BlockOutcome a = announced.get(block);
            BlockOutcome r = responded.get(block);
            if (aborted.contains(block)) {
                assertInstanceOf(AbortedBlock.class, a, "announcing end, block " + block);
                assertInstanceOf(AbortedBlock.class, r, "responding end, block " + block);
            } else {
                KeyBlock ka = assertInstanceOf(KeyBlock.class, a, "announcing end, block " + block);
                KeyBlock kr = assertInstanceOf(KeyBlock.class, r, "responding end, block " + block);
                assertEquals(ka.secretKey(), kr.secretKey(), "block " + block);
            }
        }
        KeyBlock first = (KeyBlock) announced.get(0L);
        long sifted = 0;
        for (long batch = first.firstBatch(); batch <= first.lastBatch(); batch++) {
            sifted += Set.of(5L, 8L, 9L).contains(batch) ? 0 : link.truths.get((int) batch).matchedBasis();
        }
        assertEquals(sifted, first.counts().keyBits() + first.counts().testBits(),
                "block 0 leaves out exactly the three discarded batches");
        assertEquals(BlockStage.PARAMETER_ESTIMATION, ((AbortedBlock) responded.get(4L)).stage());
        assertEquals(BlockStage.ERROR_CORRECTION, ((AbortedBlock) announced.get(1L)).stage());
        assertEquals(BlockStage.VERIFICATION, ((AbortedBlock) announced.get(3L)).stage());
        assertTrue(((AbortedBlock) responded.get(1L)).reason().startsWith("peer aborted: authentication failed"),
                ((AbortedBlock) responded.get(1L)).reason());
        assertEquals(0, link.announcer.blocksInProgress());
        assertEquals(0, link.responder.blocksInProgress());
    }

    /** Replaces the first message of each named kind and batch (or block) by its altered copy, tag kept. */
    private static final class Tamper implements UnaryOperator<SealedMessage> {

        private record Rule(Class<? extends ClassicalMessage> kind, long sequence,
                            UnaryOperator<ClassicalMessage> change, boolean[] used) {
        }

        private final List<Rule> rules = new ArrayList<>();

        <T extends ClassicalMessage> Tamper first(Class<T> kind, long sequence, UnaryOperator<T> change) {
            rules.add(new Rule(kind, sequence, m -> change.apply(kind.cast(m)), new boolean[1]));
            return this;
        }

        @Override
        public SealedMessage apply(SealedMessage sealed) {
            ClassicalMessage message = sealed.message();
            for (Rule rule : rules) {
                if (!rule.used[0] && rule.kind.isInstance(message) && message.batchSequence() == rule.sequence) {
                    rule.used[0] = true;
                    ClassicalMessage altered = rule.change.apply(message);
                    assertTrue(!altered.equals(message), "alteration changes " + message);
                    return new SealedMessage(altered, sealed.tag());
                }
            }
            return sealed;
        }

        boolean allUsed() {
            return rules.stream().allMatch(rule -> rule.used[0]);
        }
    }

    private static PackedBits flipFirst(PackedBits bits) {
        long[] words = bits.toWords();
        words[0] ^= 1;
        return PackedBits.of(words, bits.length());
    }
}
