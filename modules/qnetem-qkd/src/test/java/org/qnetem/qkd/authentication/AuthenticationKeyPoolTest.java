package org.qnetem.qkd.authentication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.qnetem.physics.batch.PackedBits;

/** Bootstrapping, the slot layout and the accounting of the pool. */
class AuthenticationKeyPoolTest {

    /** 16 bytes of hash key and 64 bytes (4 pads) of pad stream. */
    private static final String EIGHTY_BYTES = "0123456789abcdef".repeat(10);

    @Test
    void hexAndBytesGiveTheSameKeys() {
        byte[] bytes = HexFormat.of().parseHex(EIGHTY_BYTES);
        Authenticator fromHex = new Authenticator(AuthenticationKeyPool.fromHex(EIGHTY_BYTES.toUpperCase()),
                Direction.A_TO_B);
        Authenticator fromBytes = new Authenticator(AuthenticationKeyPool.fromBytes(bytes), Direction.B_TO_A);
        byte[] m = {1, 2, 3};
        assertEquals(AuthenticationVerdict.AUTHENTIC, fromBytes.verify(m, fromHex.tag(m)));
    }

    @Test
    void theHashKeyTakesTwoWordsAndThePadsAlternateBetweenDirections() {
        AuthenticationKeyPool pool = AuthenticationKeyPool.fromHex(EIGHTY_BYTES);
        assertEquals(640, pool.suppliedBits());
        assertEquals(128, pool.consumedBits());
        assertEquals(2, pool.availablePads(Direction.A_TO_B));
        assertEquals(2, pool.availablePads(Direction.B_TO_A));
        assertEquals(256, pool.availableBits(Direction.B_TO_A));

        pool.takePad(Direction.A_TO_B);
        pool.takePad(Direction.A_TO_B);
        assertEquals(0, pool.availablePads(Direction.A_TO_B));
        assertEquals(2, pool.availablePads(Direction.B_TO_A), "one direction's use leaves the other's pads");
        assertEquals(384, pool.consumedBits());
        assertEquals(256, pool.consumedBits(Direction.A_TO_B));
    }

    @Test
    void padsComeFromTheStreamInSlotOrder() {
        AuthenticationKeyPool pool = AuthenticationKeyPool.fromHex("00".repeat(16));
        long[] stream = {11, 12, 21, 22, 31, 32, 41, 42};
        pool.replenish(PackedBits.of(stream, 512));
        AuthenticationKeyPool.Pad bToA = pool.takePad(Direction.B_TO_A);
        AuthenticationKeyPool.Pad aToB0 = pool.takePad(Direction.A_TO_B);
        AuthenticationKeyPool.Pad aToB1 = pool.takePad(Direction.A_TO_B);
        assertEquals(new AuthenticationKeyPool.Pad(0, 21, 22), bToA);
        assertEquals(new AuthenticationKeyPool.Pad(0, 11, 12), aToB0);
        assertEquals(new AuthenticationKeyPool.Pad(1, 31, 32), aToB1);
    }

    @Test
    void partialReplenishmentsJoinIntoWholePads() {
        AuthenticationKeyPool pool = AuthenticationKeyPool.fromHex("00".repeat(16));
        pool.replenish(PackedBits.of(new long[] {5, 7}, 100));
        assertEquals(0, pool.availablePads(Direction.A_TO_B));
        pool.replenish(PackedBits.of(new long[] {-1L}, 28));
        assertEquals(1, pool.availablePads(Direction.A_TO_B));
        AuthenticationKeyPool.Pad pad = pool.takePad(Direction.A_TO_B);
        assertEquals(5, pad.first());
        assertEquals(7 | (((1L << 28) - 1) << 36), pad.second());
        assertEquals(128 + 100 + 28, pool.suppliedBits());
    }

    @Test
    void manyPadsThroughTheBufferStayInOrder() {
        AuthenticationKeyPool pool = AuthenticationKeyPool.fromHex("00".repeat(16));
        long next = 0;
        for (int round = 0; round < 300; round++) {
            long[] words = new long[20];
            for (int w = 0; w < words.length; w++) {
                words[w] = next++;
            }
            pool.replenish(PackedBits.of(words, 1280));
            for (int i = 0; i < 5; i++) {
                AuthenticationKeyPool.Pad a = pool.takePad(Direction.A_TO_B);
                assertEquals(4 * a.sequence(), a.first());
                AuthenticationKeyPool.Pad b = pool.takePad(Direction.B_TO_A);
                assertEquals(4 * b.sequence() + 2, b.first());
            }
        }
        assertEquals(0, pool.availablePads(Direction.A_TO_B));
    }

    @Test
    void oneIdleDirectionKeepsItsPads() {
        AuthenticationKeyPool pool = AuthenticationKeyPool.fromHex("00".repeat(16));
        for (int round = 0; round < 100; round++) {
            pool.replenish(PackedBits.of(new long[] {round, round, -round, -round}, 256));
            pool.takePad(Direction.A_TO_B);
        }
        assertEquals(100, pool.availablePads(Direction.B_TO_A));
        for (int i = 0; i < 100; i++) {
            assertEquals(-i, pool.takePad(Direction.B_TO_A).first());
        }
    }

    @Test
    void aWordOfAllOnesIsSkippedForTheHashKey() {
        AuthenticationKeyPool pool = AuthenticationKeyPool.fromHex("ff".repeat(8) + "00".repeat(16) + "11".repeat(16));
        assertEquals(192, pool.consumedBits());
        assertEquals(1, pool.availablePads(Direction.A_TO_B));
        assertEquals(0x1111_1111_1111_1111L, pool.takePad(Direction.A_TO_B).first());
    }

    @Test
    void refusesBadPreSharedKeysWithoutEchoingThem() {
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
                () -> AuthenticationKeyPool.fromHex("abc"));
        assertFalse(odd.getMessage().contains("abc"));
        IllegalArgumentException notHex = assertThrows(IllegalArgumentException.class,
                () -> AuthenticationKeyPool.fromHex("00".repeat(16) + "zz"));
        assertEquals("pre-shared key: not a hex digit at position 32", notHex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AuthenticationKeyPool.fromHex("00".repeat(15)));
        assertThrows(IllegalArgumentException.class,
                () -> AuthenticationKeyPool.fromHex("ff".repeat(8) + "00".repeat(8)),
                "too short once a word is skipped");
    }

    @Test
    void printsCountsButNoKeyBits() {
        AuthenticationKeyPool pool = AuthenticationKeyPool.fromHex("00".repeat(16));
        pool.replenish(PackedBits.of(new long[] {0x5eed_5eedL, 0x5eed_5eedL}, 128));
        String text = pool.toString() + pool.takePad(Direction.A_TO_B);
        assertFalse(text.contains(Long.toString(0x5eed_5eedL)) || text.contains("5eed"), text);
    }
}
