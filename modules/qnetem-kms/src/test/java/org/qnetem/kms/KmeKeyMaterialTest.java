package org.qnetem.kms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qnetem.physics.random.StreamKey;

/**
 * A KME of a network without SAEs only counts its links' key, so a block may come without its bytes and counts
 * the same as with them; a KME of a network with SAEs refuses a block whose bytes are missing. Either way the
 * KME wipes the bytes it was given, once.
 */
class KmeKeyMaterialTest {

    private static final KmsSettings SETTINGS = new KmsSettings(8 * 2 * 4096, 4096, KmsSettings.DEFAULT_KEY_TTL, 256,
            128, 64, 1024, 0, 100_000);

    private static Kme kme(Map<String, String> saeKmes) {
        return new Kme("N0", SETTINGS, saeKmes, Map.of("L0", "N1"), new StreamKey(3, "N0", Kme.KEY_ID_PURPOSE, 0),
                () -> 0L, message -> { });
    }

    @Test
    void withoutSaesABlockWithoutItsBytesCountsAsTheSameBlockWithThem() {
        Kme withBytes = kme(Map.of());
        Kme countOnly = kme(Map.of());
        // Enough blocks to fill the share past its cap, so the overflow is compared too.
        for (long block = 0; block < 12; block++) {
            long bits = 8L * (3000 + 7 * block);
            withBytes.onKeyBlock("L0", block, new byte[(int) (bits / 8)], bits);
            countOnly.onKeyBlock("L0", block, new byte[0], bits);
        }
        KmePool counted = countOnly.pools().get(0);
        assertEquals(withBytes.pools(), countOnly.pools());
        assertEquals(8L * (12 * 3000 + 7 * 66), counted.suppliedBits());
        assertTrue(counted.overflowBits() > 0, "past the cap: " + counted);
    }

    @Test
    void theCallersBytesAreWipedWhetherTheBlockGoesToItsPoolAtOnceOrIsHeld() {
        Kme kme = kme(Map.of("alice", "N0", "bob", "N1"));
        byte[] now = filled(3000);
        kme.onKeyBlock("L0", 0, now, 8 * 3000);
        assertArrayEquals(new byte[3000], now, "added to the pool at once");
        kme.holdLink("L0", true);
        byte[] held = filled(3000);
        kme.onKeyBlock("L0", 1, held, 8 * 3000);
        assertArrayEquals(new byte[3000], held, "held: the hold keeps its own copy");
        assertEquals(8L * 3000, kme.pools().get(0).suppliedBits(), "the held block is not in the pool yet");
    }

    private static byte[] filled(int bytes) {
        byte[] key = new byte[bytes];
        Arrays.fill(key, (byte) 0x5a);
        return key;
    }

    @Test
    void withSaesABlockWithoutItsBytesIsRefusedNamingKmeLinkAndBlock() {
        Kme kme = kme(Map.of("alice", "N0", "bob", "N1"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> kme.onKeyBlock("L0", 5, new byte[0], 8 * 3000));
        assertEquals("KME N0: block 5 of link L0 came with 0 bits of key material for 24000 bits; a network with"
                + " SAEs keeps its key, so every block must carry it", refused.getMessage());
        kme.onKeyBlock("L0", 5, new byte[3000], 8 * 3000);
        assertEquals(8L * 3000, kme.pools().get(0).suppliedBits());
    }
}
