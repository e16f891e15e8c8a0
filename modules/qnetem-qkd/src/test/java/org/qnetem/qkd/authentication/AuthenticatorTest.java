package org.qnetem.qkd.authentication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.qnetem.physics.batch.PackedBits;

/** Two ends of a link, each with its own pool from the same pre-shared key. */
class AuthenticatorTest {

    private static final String PRE_SHARED = "00112233445566778899aabbccddeeff0f1e2d3c4b5a69788796a5b4c3d2e1f0"
            + "13579bdf02468ace".repeat(40);

    private final SplittableRandom random = new SplittableRandom(31);
    private final Authenticator alice = new Authenticator(AuthenticationKeyPool.fromHex(PRE_SHARED), Direction.A_TO_B);
    private final Authenticator bob = new Authenticator(AuthenticationKeyPool.fromHex(PRE_SHARED), Direction.B_TO_A);

    private byte[] message(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    @Test
    void messagesInBothDirectionsAreAuthentic() {
        for (int i = 0; i < 5; i++) {
            byte[] toBob = message(100 + i);
            assertEquals(AuthenticationVerdict.AUTHENTIC, bob.verify(toBob, alice.tag(toBob)));
            byte[] toAlice = message(7 * i);
            assertEquals(AuthenticationVerdict.AUTHENTIC, alice.verify(toAlice, bob.tag(toAlice)));
        }
    }

    @Test
    void aTamperedMessageFails() {
        byte[] original = message(16_384);
        AuthenticationTag tag = alice.tag(original);
        byte[] flipped = original.clone();
        flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
        assertEquals(AuthenticationVerdict.TAG_MISMATCH, bob.verify(flipped, tag));

        byte[] next = message(64);
        AuthenticationTag nextTag = alice.tag(next);
        assertEquals(AuthenticationVerdict.TAG_MISMATCH, bob.verify(Arrays.copyOf(next, 65), nextTag), "appended byte");

        byte[] third = message(64);
        AuthenticationTag thirdTag = alice.tag(third);
        assertEquals(AuthenticationVerdict.TAG_MISMATCH, bob.verify(Arrays.copyOf(third, 63), thirdTag), "cut byte");

        byte[] fourth = message(64);
        assertEquals(AuthenticationVerdict.AUTHENTIC, bob.verify(fourth, alice.tag(fourth)),
                "a failed check spends its pad at both ends, so the ends stay in step");
    }

    @Test
    void aTamperedTagFails() {
        byte[] m = message(200);
        AuthenticationTag tag = alice.tag(m);
        assertEquals(AuthenticationVerdict.TAG_MISMATCH,
                bob.verify(m, new AuthenticationTag(tag.sequence(), tag.first() ^ 1, tag.second())));
        byte[] n = message(200);
        AuthenticationTag nTag = alice.tag(n);
        assertEquals(AuthenticationVerdict.TAG_MISMATCH,
                bob.verify(n, new AuthenticationTag(nTag.sequence(), nTag.first(), nTag.second() ^ Long.MIN_VALUE)));
    }

    @Test
    void aReplayedTagFails() {
        byte[] m = message(300);
        AuthenticationTag tag = alice.tag(m);
        assertEquals(AuthenticationVerdict.AUTHENTIC, bob.verify(m, tag));
        assertEquals(AuthenticationVerdict.REPLAYED, bob.verify(m, tag));
        byte[] later = message(300);
        AuthenticationTag laterTag = alice.tag(later);
        assertEquals(AuthenticationVerdict.TAG_MISMATCH, bob.verify(m, new AuthenticationTag(laterTag.sequence(),
                tag.first(), tag.second())), "an old tag renumbered to the current message meets another pad");
    }

    @Test
    void aTagUnderAnotherMessagesNumberFails() {
        byte[] first = message(50);
        byte[] second = message(50);
        AuthenticationTag firstTag = alice.tag(first);
        AuthenticationTag secondTag = alice.tag(second);
        assertEquals(AuthenticationVerdict.TAG_MISMATCH,
                bob.verify(second, new AuthenticationTag(firstTag.sequence(), secondTag.first(), secondTag.second())),
                "the second message's tag under the first message's number");
    }

    @Test
    void aMessageAfterLostOnesIsAuthenticAndTheLostOnesPadsAreBurnt() {
        byte[] lost = message(50);
        byte[] second = message(50);
        byte[] third = message(50);
        AuthenticationTag lostTag = alice.tag(lost);
        AuthenticationTag secondTag = alice.tag(second);
        AuthenticationTag thirdTag = alice.tag(third);
        assertEquals(AuthenticationVerdict.AUTHENTIC, bob.verify(second, secondTag));
        assertEquals(AuthenticationVerdict.REPLAYED, bob.verify(lost, lostTag), "a lost message's number is spent");
        assertEquals(AuthenticationVerdict.AUTHENTIC, bob.verify(third, thirdTag));
    }

    @Test
    void aTagFromTheOtherDirectionFails() {
        byte[] m = message(80);
        AuthenticationTag aliceTag = alice.tag(m);
        assertEquals(AuthenticationVerdict.TAG_MISMATCH, alice.verify(m, aliceTag), "reflected back to its sender");
        AuthenticationTag bobTag = bob.tag(m);
        assertEquals(aliceTag.sequence(), bobTag.sequence());
        assertNotEquals(aliceTag, bobTag, "same message, same number, other direction: another pad");
    }

    @Test
    void theSamePadIsNeverUsedTwice() {
        byte[] m = message(10);
        AuthenticationTag first = alice.tag(m);
        AuthenticationTag second = alice.tag(m);
        assertEquals(first.sequence() + 1, second.sequence());
        assertNotEquals(first.first(), second.first());
        assertNotEquals(first.second(), second.second());
    }

    @Test
    void aDifferentPreSharedKeyFails() {
        Authenticator stranger = new Authenticator(AuthenticationKeyPool.fromHex("ff" + PRE_SHARED.substring(2)),
                Direction.A_TO_B);
        byte[] m = message(40);
        assertEquals(AuthenticationVerdict.TAG_MISMATCH, bob.verify(m, stranger.tag(m)));
    }

    /**
     * A conversation with fibre latency: each end's outgoing messages sit in a queue before the other
     * end reads them, so sends and receives interleave differently at the two ends, and both ends
     * replenish from the same QKD output at different moments.
     */
    @Test
    void interleavedConversationsStayInStepAndConsumptionTotalsMatch() {
        AuthenticationKeyPool alicePool = AuthenticationKeyPool.fromHex(PRE_SHARED);
        AuthenticationKeyPool bobPool = AuthenticationKeyPool.fromHex(PRE_SHARED);
        Authenticator a = new Authenticator(alicePool, Direction.A_TO_B);
        Authenticator b = new Authenticator(bobPool, Direction.B_TO_A);
        Deque<byte[][]> toBob = new ArrayDeque<>();
        Deque<byte[][]> toAlice = new ArrayDeque<>();
        Deque<PackedBits> aliceRefills = new ArrayDeque<>();
        Deque<PackedBits> bobRefills = new ArrayDeque<>();
        int delivered = 0;
        for (int step = 0; step < 20_000; step++) {
            switch (random.nextInt(6)) {
                case 0 -> send(a, toBob);
                case 1 -> send(b, toAlice);
                case 2 -> delivered += deliver(b, toBob);
                case 3 -> delivered += deliver(a, toAlice);
                case 4 -> {
                    PackedBits qkdOutput = randomBits(random.nextInt(1, 3_000));
                    aliceRefills.add(qkdOutput);
                    bobRefills.add(qkdOutput);
                    alicePool.replenish(aliceRefills.poll());
                }
                default -> {
                    if (!bobRefills.isEmpty()) {
                        bobPool.replenish(bobRefills.poll());
                    }
                }
            }
        }
        while (!bobRefills.isEmpty()) {
            bobPool.replenish(bobRefills.poll());
        }
        while (!toBob.isEmpty() || !toAlice.isEmpty()) {
            delivered += deliver(b, toBob) + deliver(a, toAlice);
        }
        assertTrue(delivered > 3_000, "enough traffic: " + delivered);
        for (Direction d : Direction.values()) {
            assertEquals(alicePool.nextSequence(d), bobPool.nextSequence(d));
            assertEquals(alicePool.consumedBits(d), bobPool.consumedBits(d));
            assertEquals(alicePool.availablePads(d), bobPool.availablePads(d));
        }
        assertEquals(alicePool.consumedBits(), bobPool.consumedBits());
        assertEquals(alicePool.suppliedBits(), bobPool.suppliedBits());
        long messages = alicePool.nextSequence(Direction.A_TO_B) + alicePool.nextSequence(Direction.B_TO_A);
        assertEquals(delivered, messages);
        assertEquals(128 + messages * Authenticator.PAD_BITS_PER_MESSAGE, alicePool.consumedBits());
    }

    private void send(Authenticator from, Deque<byte[][]> channel) {
        if (from.pool().availablePads(from.outgoing()) == 0) {
            return;
        }
        byte[] m = message(random.nextInt(0, 2_000));
        AuthenticationTag tag = from.tag(m);
        long[] wire = {tag.sequence(), tag.first(), tag.second()};
        channel.add(new byte[][] {m, PackedBits.of(wire, 192).toBytes()});
    }

    private int deliver(Authenticator to, Deque<byte[][]> channel) {
        if (channel.isEmpty() || to.pool().availablePads(to.outgoing().reverse()) == 0) {
            return 0;
        }
        byte[][] frame = channel.poll();
        long[] t = PackedBits.fromBytes(frame[1], 192).toWords();
        assertEquals(AuthenticationVerdict.AUTHENTIC, to.verify(frame[0], new AuthenticationTag(t[0], t[1], t[2])));
        return 1;
    }

    private PackedBits randomBits(int length) {
        long[] words = new long[PackedBits.wordsFor(length)];
        for (int w = 0; w < words.length; w++) {
            words[w] = random.nextLong();
        }
        return PackedBits.of(words, length);
    }

    @Test
    void runningDryIsATypedFailureThatConsumesNothing() {
        AuthenticationKeyPool pool = AuthenticationKeyPool.fromHex(PRE_SHARED.substring(0, 32));
        Authenticator end = new Authenticator(pool, Direction.A_TO_B);
        assertEquals(0, pool.availablePads(Direction.A_TO_B));
        AuthenticationKeyExhaustedException dry = assertThrows(AuthenticationKeyExhaustedException.class,
                () -> end.tag(message(10)));
        assertEquals(Direction.A_TO_B, dry.direction());
        assertEquals(0, dry.sequence());
        assertEquals(0, pool.nextSequence(Direction.A_TO_B));
        assertEquals(128, pool.consumedBits());

        pool.replenish(randomBits(128));
        assertEquals(1, pool.availablePads(Direction.A_TO_B));
        assertEquals(0, end.tag(message(10)).sequence());
        assertThrows(AuthenticationKeyExhaustedException.class, () -> end.tag(message(10)));
        assertThrows(AuthenticationKeyExhaustedException.class,
                () -> end.verify(message(10), new AuthenticationTag(0, 0, 0)), "no pad for b->a either");
    }

    @Test
    void theForgeryBoundIsComputed() {
        double p = (1L << 61) - 1;
        assertEquals(Math.pow(4_097 / p, 2), Authenticator.forgeryProbability(16_384), 1e-42);
        assertTrue(Authenticator.forgeryProbability(1 << 20) < 1e-25);
        assertEquals(128, Authenticator.PAD_BITS_PER_MESSAGE);
    }
}
