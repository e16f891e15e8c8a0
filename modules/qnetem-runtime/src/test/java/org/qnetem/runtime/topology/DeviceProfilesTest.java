package org.qnetem.runtime.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceProfilesTest {

    /** Surefire runs in the module directory; the shipped profiles live at the repository root. */
    private static final List<Path> SHIPPED = List.of(Path.of("../../config/profiles"));

    @TempDir
    Path temp;

    @Test
    void gysIsExactlyTheReferenceSet() {
        DeviceProfile gys = DeviceProfiles.load("gys-2004", SHIPPED);
        assertEquals("gys-2004", gys.name());
        assertEquals(Path.of("../../config/profiles/gys-2004.conf").toString(), gys.source());
        assertEquals(OptionalDouble.of(0.21), gys.fibre().attenuationDbPerKm());
        assertEquals(OptionalDouble.empty(), gys.fibre().extraLossDb());
        assertEquals(OptionalDouble.of(2e6), gys.weakCoherentSource().clockHz());
        assertEquals(List.of(), gys.weakCoherentSource().intensities());
        assertEquals(OptionalDouble.of(0.045), gys.receiver().efficiency());
        assertEquals(OptionalDouble.of(1.7e-6), gys.receiver().backgroundYield());
        assertEquals(OptionalDouble.of(0.033), gys.receiver().misalignment());
        assertEquals(OptionalDouble.empty(), gys.receiver().afterpulseProbability());
        assertEquals(OptionalDouble.of(1.22), gys.postProcessing().errorCorrectionEfficiency());
        assertEquals(OptionalDouble.of(0.5), gys.postProcessing().siftFactor());
        assertEquals(Optional.empty(), gys.pairSource());
    }

    @Test
    void limGivesDarkCountsPerDetector() {
        DeviceProfile lim = DeviceProfiles.load("lim-2014-ingaas", SHIPPED);
        assertEquals(OptionalDouble.of(1.2e-6), lim.receiver().backgroundYield());
        assertEquals(OptionalDouble.of(0.04), lim.receiver().afterpulseProbability());
        assertEquals(OptionalDouble.of(0.005), lim.receiver().misalignment());
        assertEquals(OptionalDouble.empty(), lim.weakCoherentSource().clockHz());
    }

    @Test
    void everyShippedProfileLoads() throws IOException {
        try (var files = Files.list(SHIPPED.get(0))) {
            List<Path> profiles = files.filter(f -> f.toString().endsWith(".conf")).toList();
            assertEquals(5, profiles.size(), profiles.toString());
            profiles.forEach(DeviceProfiles::load);
        }
        DeviceProfile toshiba = DeviceProfiles.load("toshiba-1ghz-ingaas", SHIPPED);
        assertEquals(OptionalDouble.of(1e9), toshiba.weakCoherentSource().clockHz());
        assertEquals(OptionalDouble.of(0.2), toshiba.receiver().efficiency());
        DeviceProfile spdc = DeviceProfiles.load("spdc-pair-source", SHIPPED);
        assertEquals(new DeviceProfile.PairSource(1e7, 0.5, 0.98, 0.5, 0.1), spdc.pairSource().orElseThrow());
        assertEquals(OptionalDouble.of(100), spdc.receiver().darkCountRateHz());
    }

    @Test
    void aPathIsReadAsAFileAndNamesTheProfile() throws IOException {
        Path file = temp.resolve("my-link.conf");
        Files.writeString(file, "profile { receiver { optics-efficiency = 0.5, detector-efficiency = 0.2 } }");
        DeviceProfile profile = DeviceProfiles.load(file.toString(), List.of());
        assertEquals("my-link", profile.name());
        assertEquals(0.1, profile.receiver().efficiency().orElseThrow(), 1e-15);
    }

    @Test
    void theFirstDirectoryOnTheSearchPathWins() throws IOException {
        Files.createDirectories(temp.resolve("a"));
        Files.writeString(temp.resolve("a/gys-2004.conf"), "profile { description = \"shadow\" }");
        assertEquals("shadow", DeviceProfiles.load("gys-2004", List.of(temp.resolve("a"), SHIPPED.get(0)))
                .description());
    }

    @Test
    void anUnknownNameListsTheProfilesThereAre() {
        DeviceProfileException e = assertThrows(DeviceProfileException.class,
                () -> DeviceProfiles.load("gys-2005", SHIPPED));
        assertEquals("gys-2005: no such profile in [../../config/profiles]; available: gys-2004, lim-2014-ingaas,"
                + " snspd-1ghz, spdc-pair-source, toshiba-1ghz-ingaas", e.getMessage());
    }

    @Test
    void aNameMustLookLikeOne() {
        DeviceProfileException e = assertThrows(DeviceProfileException.class,
                () -> DeviceProfiles.load("GYS 2004", SHIPPED));
        assertTrue(e.getMessage().startsWith("GYS 2004: not a profile name"), e.getMessage());
    }

    @Test
    void aMissingFileIsOneProblem() {
        DeviceProfileException e = assertThrows(DeviceProfileException.class,
                () -> DeviceProfiles.load(temp.resolve("none.conf")));
        assertEquals(List.of(temp.resolve("none.conf") + ": file not found"), e.problems());
    }

    @Test
    void everyProblemIsReportedWithPathAndLine() {
        String text = String.join("\n",
                "profile {",
                "  fibre { attenuation-db-per-km = -0.2 }",
                "  receiver {",
                "    detector-efficiency = 1.5",
                "    background-yield = 1e-6",
                "    dark-count-per-gate = 5e-7",
                "    misalignement = 0.01",
                "  }",
                "  pair-source { brightness-pairs-per-s = 1e7, visibility = \"high\", coincidence-window-ns = 0.5 }",
                "  post-processing { error-correction-efficiency = 0.9 }",
                "}");
        DeviceProfileException e = assertThrows(DeviceProfileException.class,
                () -> DeviceProfiles.parse(text, "bad.conf"));
        assertEquals(List.of(
                "bad.conf: profile.fibre.attenuation-db-per-km: must be >= 0, got -0.2 (line 2)",
                "bad.conf: profile.receiver.misalignement: unknown key 'misalignement'; allowed keys:"
                        + " optics-efficiency, detector-efficiency, dark-count-per-gate, background-yield, dark-count-rate-hz,"
                        + " misalignment, afterpulse-probability (line 7)",
                "bad.conf: profile.receiver.detector-efficiency: must be in (0, 1], got 1.5 (line 4)",
                "bad.conf: profile.receiver.background-yield: give background-yield (Y_0 of both detectors) or"
                        + " dark-count-per-gate (p_dc of each), not both (line 5)",
                "bad.conf: profile.pair-source.visibility: expected a number, got string \"high\" (line 9)",
                "bad.conf: profile.pair-source.timing-spread-ns: missing required key (line 9)",
                "bad.conf: profile.pair-source: a continuously pumped pair source needs"
                        + " receiver.dark-count-rate-hz (line 9)",
                "bad.conf: profile.post-processing.error-correction-efficiency: must be >= 1, got 0.9 (line 10)"),
                e.problems());
    }

    @Test
    void aSyntaxErrorIsAFileProblem() {
        DeviceProfileException e = assertThrows(DeviceProfileException.class,
                () -> DeviceProfiles.parse("profile { fibre { ", "broken.conf"));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).startsWith("broken.conf: syntax error: "), e.getMessage());
    }

    @Test
    void theFileHoldsOnlyAProfile() {
        DeviceProfileException e = assertThrows(DeviceProfileException.class,
                () -> DeviceProfiles.parse("topology { name = \"x\" }", "t.conf"));
        assertEquals(List.of("t.conf: topology: unknown key 'topology'; allowed keys: profile (line 1)",
                "t.conf: profile: missing required key (line 1)"), e.problems());
    }
}
