package org.qnetem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetem.runtime.clock.ClockMode;
import org.qnetem.runtime.clock.ClockSettings;
import org.qnetem.runtime.clock.ClockSummary;
import org.qnetem.runtime.link.BlockRecord;
import org.qnetem.runtime.link.KeyStatistics;
import org.qnetem.runtime.link.LinkStatistics;

class StatusLineTest {

    private static final long SECOND_PS = 1_000_000_000_000L;
    private static final long EPOCH_PS = 50_000_000_000L;

    private static LinkStatistics link(String id, long blocks, long aborted, long secretBits) {
        KeyStatistics keys = new KeyStatistics(blocks, aborted, 0, 0, 0, secretBits, 0, secretBits, 0, 0, 0, "",
                new BlockRecord[0], new BlockRecord[0]);
        return new LinkStatistics(id, 0, 0, 0, 0, 0, 0, 0, 0, 0, keys);
    }

    @Test
    void sumsEveryLinksBlocksSecretBitsAndAbortsInFastMode() {
        ClockSettings clock = new ClockSettings(ClockMode.FAST, 1, 60 * SECOND_PS, EPOCH_PS);
        ClockSummary soFar = new ClockSummary(250, 12_500_000_000_000L, 5_000_000_000L, 0);
        String line = StatusLine.describe(soFar, clock,
                List.of(link("A-B", 3, 1, 1_000_000), link("B-C", 2, 0, 500_000)));
        assertEquals("emulated 12.500 / 60.000 s  wall 5.0 s  RTF 2.50  keys 5 blocks, 1.500e+06 secret bits"
                + "  alarms 1", line);
    }

    @Test
    void realtimeModeShowsTheLagBehindThePacedWallClock() {
        // Speed 2: 4 emulated s are due after 2 wall s; the epoch ended at 2.06 s, 60 ms late.
        ClockSettings clock = new ClockSettings(ClockMode.REALTIME, 2, 10 * SECOND_PS, EPOCH_PS);
        ClockSummary soFar = new ClockSummary(80, 4 * SECOND_PS, 2_060_000_000L, 70_000_000L);
        String line = StatusLine.describe(soFar, clock, null);
        assertEquals("emulated 4.000 / 10.000 s  wall 2.1 s  RTF 1.94  lag 60.0 ms (max 70.0)", line);
    }

    @Test
    void aTerminalLineIsRewrittenInPlaceAndWipedOnClose() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StatusLine status = new StatusLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), true,
                new ClockSettings(ClockMode.FAST, 1, SECOND_PS, EPOCH_PS));
        status.onEpoch(new ClockSummary(1, EPOCH_PS, 1_000_000, 0), SECOND_PS);
        assertEquals("", bytes.toString(StandardCharsets.UTF_8), "on a terminal only the refresher prints");
        status.show("long line");
        status.show("short");
        status.close();
        assertEquals("\rlong line\rshort    \r     \r", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void elsewhereItPrintsWholeLinesAtEachTenthOfTheRun() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StatusLine status = new StatusLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), false,
                new ClockSettings(ClockMode.FAST, 1, SECOND_PS, EPOCH_PS));
        for (int epoch = 1; epoch <= 20; epoch++) {
            status.onEpoch(new ClockSummary(epoch, epoch * EPOCH_PS, epoch * 1_000_000L, 0), SECOND_PS);
        }
        status.close();
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(printed.contains("\r"), printed);
        // Tenths 0 (after the first epoch) to 10 (the end).
        assertEquals(11, printed.lines().count(), printed);
        assertTrue(printed.lines().allMatch(line -> line.startsWith("emulated ")), printed);
    }
}
