package org.qnetem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qnetem.physics.model.DecoyBb84Asymptotic;
import org.qnetem.physics.model.GainModel;
import org.qnetem.physics.model.LinkBudget;

/** {@code qnetem rate}; profiles are found by name through QNETEM_HOME, which the build sets to the repository. */
class RateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final CommandUnderTest command = new CommandUnderTest();

    private int qnetem(String... args) {
        return command.execute(args);
    }

    private JsonNode rate(String... args) throws IOException {
        String[] all = new String[args.length + 2];
        all[0] = "rate";
        System.arraycopy(args, 0, all, 1, args.length);
        all[all.length - 1] = "--json";
        assertEquals(0, qnetem(all), command.err());
        return JSON.readTree(command.out());
    }

    /** Issue 3's acceptance: O1, 142 ± 1 km (REFERENCE's script: 142.2 km). */
    @Test
    void gysMaximumDistanceWithInfiniteDecoys() throws IOException {
        JsonNode result = rate("--protocol", "decoy-bb84", "--profile", "gys-2004", "--decoy", "infinite",
                "--max-distance");
        assertEquals(142, result.get("max_distance_km").asDouble(), 1);
        assertEquals(142.2, result.get("max_distance_km").asDouble(), 0.05);
        assertFalse(result.has("gain"), "no length was asked for, so no rates: " + result);
    }

    /** Issue 3's acceptance: O2, 140.6 ± 1 km with a vacuum and a weak decoy. */
    @Test
    void gysMaximumDistanceWithVacuumAndWeakDecoy() throws IOException {
        JsonNode result = rate("--protocol", "decoy-bb84", "--profile", "gys-2004", "--decoy", "vacuum-weak",
                "--mu", "0.48", "--nu", "0.05", "--max-distance");
        assertEquals(140.6, result.get("max_distance_km").asDouble(), 1);
        assertEquals(140.6, result.get("max_distance_km").asDouble(), 0.05);
    }

    /** Rows of REFERENCE's GYS table [C], through the command: R_inf, R_vac+weak, and b/s at 2 MHz. */
    @ParameterizedTest(name = "{0} km")
    @CsvSource({"0, 2.555e-3, 2.414e-3", "60, 1.361e-4, 1.281e-4", "120, 4.819e-6, 4.369e-6",
        "140, 2.653e-7, 7.378e-8"})
    void gysTableRows(String km, double infinite, double vacuumWeak) throws IOException {
        JsonNode best = rate("--protocol", "decoy-bb84", "--profile", "gys-2004", "--km", km);
        assertRelative(infinite, best.get("secret_key_rate_per_pulse").asDouble(), 0.01);
        assertEquals(2e6 * best.get("secret_key_rate_per_pulse").asDouble(), best.get("secret_key_rate_bps").asDouble(),
                1e-9);
        GainModel link = LinkBudget.gys2004().atKm(Double.parseDouble(km));
        double mu = best.get("mu").asDouble();
        assertEquals(link.gain(mu), best.get("gain").asDouble(), 0);
        assertEquals(link.qber(mu), best.get("qber").asDouble(), 0);
        command.clear();
        JsonNode decoys = rate("--protocol", "decoy-bb84", "--profile", "gys-2004", "--km", km, "--decoy",
                "vacuum-weak", "--mu", "0.48", "--nu", "0.05");
        assertRelative(vacuumWeak, decoys.get("secret_key_rate_per_pulse").asDouble(), 0.01);
        assertEquals(0.48, decoys.get("mu").asDouble(), 0);
    }

    /** Explicit options beat the profile: GYS with a better receiver and afterpulsing. */
    @Test
    void optionsOverrideTheProfile() throws IOException {
        JsonNode result = rate("--protocol", "decoy-bb84", "--profile", "gys-2004", "--km", "50", "--eta-bob", "0.1",
                "--pdc", "1e-6", "--pap", "0.02", "--sift-factor", "0.8", "--mu", "0.5", "--clock-hz", "1e9");
        LinkBudget budget = new LinkBudget(0.21, 0, 0.1, 2e-6, 0.033, 0.02);
        double expected = new DecoyBb84Asymptotic(1.22, 0.8, false).infiniteDecoy(budget.atKm(50), 0.5)
                .secretBitsPerPulse();
        assertEquals(expected, result.get("secret_key_rate_per_pulse").asDouble(), expected * 1e-12);
        assertEquals(10.5, result.get("loss_db").asDouble(), 1e-12);
        assertEquals(expected * 1e9, result.get("secret_key_rate_bps").asDouble(), expected * 1e-3);
    }

    @Test
    void lossInDecibelsInsteadOfKilometres() throws IOException {
        JsonNode byLoss = rate("--protocol", "decoy-bb84", "--profile", "toshiba-1ghz-ingaas", "--loss-db", "10");
        command.clear();
        JsonNode byKm = rate("--protocol", "decoy-bb84", "--profile", "toshiba-1ghz-ingaas", "--km", "50");
        assertEquals(byKm.get("secret_key_rate_bps").asDouble(), byLoss.get("secret_key_rate_bps").asDouble(), 1e-6);
        // REFERENCE §4.2's illustrative 1 GHz InGaAs set: 5.2 Mb/s at 50 km.
        assertRelative(5.2e6, byKm.get("secret_key_rate_bps").asDouble(), 0.01);
        assertTrue(byLoss.get("km").isNull());
    }

    /** REFERENCE §4.3 at 100 km: 8.28e-5 bit/pulse from blocks of 1e9 (finite-key optimiser, within 5 %). */
    @Test
    void finiteKeyWithTheLimProfile() throws IOException {
        JsonNode result = rate("--protocol", "decoy-bb84", "--profile", "lim-2014-ingaas", "--km", "100",
                "--block-bits", "1e9", "--clock-hz", "1e9");
        assertEquals("finite-key", result.get("model").asText());
        assertRelative(8.28e-5, result.get("secret_key_rate_per_pulse").asDouble(), 0.05);
        assertEquals(3, result.get("intensities").size());
        assertEquals(2e-4, result.get("intensities").get(2).asDouble(), 0);
        assertTrue(result.get("basis_bias_x").asDouble() > 0.9);
    }

    /** REFERENCE §4.5b at 20 dB: QBER 1.24 %, 6.4 kb/s; a CW source has no per-pulse figures. */
    @Test
    void continuousPairSourceProfile() throws IOException {
        JsonNode result = rate("--protocol", "bbm92", "--profile", "spdc-pair-source", "--loss-db", "20");
        assertEquals("continuous", result.get("model").asText());
        assertEquals(0.0124, result.get("qber").asDouble(), 0.00005);
        assertRelative(6.4e3, result.get("secret_key_rate_bps").asDouble(), 0.01);
        assertTrue(result.get("gain").isNull());
        assertTrue(result.get("secret_key_rate_per_pulse").isNull());
    }

    /** REFERENCE §4.5a at 100 km, from options alone: 2.9e-6 bit/pulse at λ ≈ 0.05. */
    @Test
    void pulsedPairSourceFromOptions() throws IOException {
        JsonNode result = rate("--protocol", "bbm92", "--km", "100", "--alpha", "0.21", "--eta-bob", "0.145",
                "--y0", "1.7e-6", "--ed", "0.015", "--f", "1.22", "--clock-hz", "1e8");
        assertRelative(2.9e-6, result.get("secret_key_rate_per_pulse").asDouble(), 0.02);
        assertEquals(0.1, result.get("mean_pairs_per_pulse").asDouble(), 0.01);
        assertEquals(0.0578, result.get("qber").asDouble(), 0.0005);
    }

    @Test
    void theTableNamesModelProfileAndFigures() {
        assertEquals(0, qnetem("rate", "--protocol", "decoy-bb84", "--profile", "gys-2004", "--km", "50",
                "--max-distance"), command.err());
        String table = command.out();
        assertTrue(table.startsWith("decoy-bb84, asymptotic, infinite decoy (GLLP), profile gys-2004"), table);
        assertTrue(table.contains("fibre                 50 km, 10.50 dB"), table);
        assertTrue(table.contains("secret key rate       445.2 bit/s at 2 MHz"), table);
        assertTrue(table.contains("maximum distance      142.21 km (29.86 dB)"), table);
    }

    @Test
    void badValuesAndCombinationsAreUsageErrors() {
        assertUsage("Invalid value for option '--protocol': expected decoy-bb84 or bbm92, got 'bb84'",
                "--protocol", "bb84", "--km", "10");
        assertUsage("Missing required option: '--protocol=decoy-bb84|bbm92'", "--km", "10");
        assertUsage("Invalid value for option '--km': must be >= 0, got -1.0",
                "--protocol", "decoy-bb84", "--profile", "gys-2004", "--km", "-1");
        assertUsage("give the link as --km or --loss-db, or ask for --max-distance",
                "--protocol", "decoy-bb84", "--profile", "gys-2004");
        assertUsage("give --km or --loss-db, not both",
                "--protocol", "decoy-bb84", "--profile", "gys-2004", "--km", "10", "--loss-db", "2");
        assertUsage("needs --eta-bob, as no --profile is given", "--protocol", "decoy-bb84", "--km", "10");
        assertUsage("needs --clock-hz, as profile lim-2014-ingaas does not set source.clock-hz",
                "--protocol", "decoy-bb84", "--profile", "lim-2014-ingaas", "--km", "10");
        assertUsage("--decoy vacuum-weak needs the weak decoy intensity",
                "--protocol", "decoy-bb84", "--profile", "gys-2004", "--km", "10", "--decoy", "vacuum-weak");
        assertUsage("signal intensity must exceed the weak decoy's 0.05, got 0.01", "--protocol", "decoy-bb84",
                "--profile", "gys-2004", "--km", "10", "--decoy", "vacuum-weak", "--mu", "0.01", "--nu", "0.05");
        assertUsage("--mu does not apply with --block-bits", "--protocol", "decoy-bb84", "--profile", "gys-2004",
                "--km", "10", "--block-bits", "1e6", "--mu", "0.5");
        assertUsage("--block-bits does not apply to --protocol bbm92",
                "--protocol", "bbm92", "--profile", "gys-2004", "--km", "10", "--block-bits", "1e6");
        assertUsage("--mu does not apply to a continuously pumped pair source",
                "--protocol", "bbm92", "--profile", "spdc-pair-source", "--km", "10", "--mu", "0.1");
        assertUsage("profile spdc-pair-source describes an entangled-pair source; use --protocol bbm92",
                "--protocol", "decoy-bb84", "--profile", "spdc-pair-source", "--km", "10");
        assertUsage("--max-distance needs a fibre attenuation above 0 dB/km",
                "--protocol", "decoy-bb84", "--profile", "gys-2004", "--max-distance", "--alpha", "0");
    }

    @Test
    void anInvalidProfileIsRefusedWithFilePathAndReason() throws IOException {
        Path bad = temp.resolve("bad.conf");
        Files.writeString(bad, "profile {\n  receiver { misalignment = 0.7 }\n}\n");
        assertEquals(Qnetem.EXIT_USAGE, qnetem("rate", "--protocol", "decoy-bb84", "--profile", bad.toString(),
                "--km", "10"));
        assertTrue(command.err().contains(bad + ": profile.receiver.misalignment: must be in [0, 0.5], got 0.7"
                + " (line 2)"), command.err());
        assertEquals(Qnetem.EXIT_USAGE, qnetem("rate", "--protocol", "decoy-bb84", "--profile", "gys-2005",
                "--km", "10"));
        assertTrue(command.err().contains("gys-2005: no such profile"), command.err());
        assertFalse(command.err().contains("\tat "), "no stack trace: " + command.err());
    }

    private void assertUsage(String message, String... args) {
        command.clear();
        String[] all = new String[args.length + 1];
        all[0] = "rate";
        System.arraycopy(args, 0, all, 1, args.length);
        assertEquals(Qnetem.EXIT_USAGE, qnetem(all), String.join(" ", args) + ": " + command.err());
        assertTrue(command.err().contains(message), command.err());
        assertTrue(command.err().contains("Usage: qnetem rate"), command.err());
        assertFalse(command.err().contains("\tat "), "no stack trace: " + command.err());
    }

    private static void assertRelative(double expected, double actual, double tolerance) {
        assertTrue(Math.abs(actual - expected) <= tolerance * Math.abs(expected),
                () -> "expected " + expected + " within " + tolerance * 100 + " %, got " + actual);
    }
}
