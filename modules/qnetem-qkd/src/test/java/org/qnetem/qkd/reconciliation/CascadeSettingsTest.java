package org.qnetem.qkd.reconciliation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CascadeSettingsTest {

    @Test
    void blocksStartAtFirstBlockErrorsOverQberAndGrowUpToTheWidestCut() {
        CascadeSettings settings = new CascadeSettings(1, 6, 0.8, 4, 16);
        assertArrayEquals(new int[] {40, 160, 640, 2560, 10240, 40960}, settings.blockSizes(1_000_000, 0.02));
        assertArrayEquals(new int[] {40, 160, 640, 2560, 6250, 6250}, settings.blockSizes(100_000, 0.02));
        assertArrayEquals(new int[] {625, 625, 625, 625, 625, 625}, settings.blockSizes(10_000, 0.0),
                "no expected errors: every pass is a confirmation");
        assertArrayEquals(new int[] {1, 1}, new CascadeSettings(1, 2, 0.8, 4, 16).blockSizes(3, 0.4));
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CascadeSettings(1, 0, 0.8, 4, 16));
        assertThrows(IllegalArgumentException.class, () -> new CascadeSettings(1, 128, 0.8, 4, 16));
        assertThrows(IllegalArgumentException.class, () -> new CascadeSettings(1, 6, 0, 4, 16));
        assertThrows(IllegalArgumentException.class, () -> new CascadeSettings(1, 6, Double.NaN, 4, 16));
        assertThrows(IllegalArgumentException.class, () -> new CascadeSettings(1, 6, 0.8, 0, 16));
        assertThrows(IllegalArgumentException.class, () -> new CascadeSettings(1, 6, 0.8, 4, 1));
        CascadeSettings settings = CascadeSettings.defaults(1);
        assertThrows(IllegalArgumentException.class, () -> settings.blockSizes(0, 0.02));
        assertThrows(IllegalArgumentException.class, () -> settings.blockSizes(1000, 0.5));
        assertThrows(IllegalArgumentException.class, () -> settings.blockSizes(1000, -0.01));
    }
}
