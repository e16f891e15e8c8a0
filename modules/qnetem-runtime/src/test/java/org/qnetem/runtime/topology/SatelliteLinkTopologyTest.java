package org.qnetem.runtime.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qnetem.physics.channel.DownlinkBudget;
import org.qnetem.physics.channel.SatellitePass;

/** Satellite links in the topology format: what they read as, and each bad input with its path and line. */
class SatelliteLinkTopologyTest {

    private static final String FILE = "sat.conf";
    private static final long SECOND_PS = 1_000_000_000_000L;

    /** A Micius-like downlink to a ground station; the pass culminates at 60 degrees, 200 s in, then daily. */
    static final String SATELLITE = """
            topology {
              name = "sat"
              nodes = [
                { id = "SAT", roles = [trusted-relay] }
                { id = "GS", roles = [ground-station] }
              ]
              links = [
                {
                  a = "SAT", b = "GS", kind = satellite
                  satellite { max-elevation-deg = 60, first-culmination-s = 200, pass-interval-s = 86400 }
                  source { clock-hz = 1e8, intensities = [0.8, 0.1, 0.0], probabilities = [0.5, 0.25, 0.25] }
                  receiver { detector-efficiency = 0.5, dark-count-per-gate = 1e-7 }
                }
              ]
            }
            """;

    static String satelliteWith(String fragment, String replacement) {
        if (!SATELLITE.contains(fragment)) {
            throw new IllegalArgumentException("not in the satellite topology: " + fragment);
        }
        return SATELLITE.replace(fragment, replacement);
    }

    private static List<String> problemsOf(String text) {
        TopologyException e = assertThrows(TopologyException.class, () -> TopologyLoader.parse(text, FILE));
        return e.problems();
    }

    @Test
    void readsAsAStatisticalDecoyBb84DownlinkWithMiciusDefaultsAndTheCulminationAsItsSpan() {
        LinkSpec link = TopologyLoader.parse(SATELLITE, FILE).links().get(0);
        assertTrue(link.isSatellite());
        assertEquals(Fidelity.STATISTICAL, link.fidelity(), "a satellite link defaults to statistical");
        assertEquals(Protocol.DECOY_BB84, link.protocol());
        SatelliteDownlink downlink = link.satellite();
        assertEquals(500, downlink.altitudeKm());
        assertEquals(10, downlink.minElevationDeg(), 1e-12);
        assertEquals(DownlinkBudget.micius(), downlink.budget());
        SatellitePass pass = SatellitePass.micius(60, 200 * SECOND_PS);
        assertEquals(pass.lossDbAt(200 * SECOND_PS), link.fibre().lossDb(), 1e-9);
        assertEquals(pass.geometry().slantRangeKmAt(200 * SECOND_PS), link.fibre().lengthKm(), 1e-9);
        assertEquals(1.0, link.fibre().groupIndex(), "the classical channel's delay is light's in vacuum");
        assertEquals(link, link.withFidelity(Fidelity.FULL), "--fidelity full leaves a satellite link statistical");
    }

    @Test
    void theLinkIsDarkBetweenPassesAndEachPassRepeatsTheFirst() {
        SatelliteDownlink downlink = TopologyLoader.parse(SATELLITE, FILE).links().get(0).satellite();
        SatellitePass first = downlink.passNear(0);
        long rise = first.geometry().riseTimePs();
        long set = first.geometry().setTimePs();
        assertEquals(0, downlink.transmittanceAt(rise - SECOND_PS));
        assertEquals(0, downlink.transmittanceAt(set + SECOND_PS));
        assertTrue(downlink.transmittanceAt(200 * SECOND_PS) > downlink.transmittanceAt(rise + SECOND_PS));
        long day = 86_400 * SECOND_PS;
        for (long t = rise; t <= set; t += 10 * SECOND_PS) {
            assertEquals(downlink.transmittanceAt(t), downlink.transmittanceAt(t + 3 * day), 1e-15, "at " + t);
        }
        assertEquals(0, downlink.transmittanceAt(200 * SECOND_PS + day / 2), "half a day later: no pass");
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            roles = [ground-station] | roles = [endpoint]                          | topology.links[0].b: a satellite link's node b receives the downlink, so node 'GS' needs the role ground-station (it has [endpoint]) (line 9)
            kind = satellite     | kind = satellite, fidelity = full                  | topology.links[0].fidelity: a satellite link runs at statistical fidelity only, not full (line 9)
            kind = satellite     | kind = satellite, fibre { length-km = 500 }        | topology.links[0].fibre: not for satellite links: a satellite link's channel is its 'satellite' section (line 9)
            kind = satellite     | kind = fibre, fibre { length-km = 5 }              | topology.links[0].satellite: only for links of kind = satellite (line 10)
            max-elevation-deg = 60, | max-elevation-deg = 95,                       | topology.links[0].satellite.max-elevation-deg: must be in (0, 90], got 95.0 (line 10)
            pass-interval-s = 86400 | pass-interval-s = 300                         | topology.links[0].satellite: pass interval 300.0 s is shorter than one pass (436.4 s above 10.0 degrees): passes would overlap (line 10)
            pass-interval-s = 86400 | pass-interval-s = 86400, downlink { divergence-half-angle-urad = 0.5 } | topology.links[0].satellite.downlink: divergence half-angle must be at least the diffraction limit 1.8037560217081473E-6 rad of a 0.3 m aperture at 850.0 nm, got 5.0E-7 (line 10)
            first-culmination-s = 200, | altitude-km = 500,                          | topology.links[0].satellite.first-culmination-s: missing required key (line 10)
            """)
    void reportsTheOnlyProblemWithItsFilePathReasonAndLine(String fragment, String replacement, String problem) {
        assertEquals(List.of(FILE + ": " + problem), problemsOf(satelliteWith(fragment, replacement)));
    }
}
