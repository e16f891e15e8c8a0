package org.qnetem.runtime.topology;

/** Topology texts for tests; line numbers in expected messages refer to {@link #MINIMAL}. */
final class TopologyTexts {

    /** The smallest valid two-node topology: every optional setting left out. */
    static final String MINIMAL = """
            topology {
              name = "t"
              nodes = [
                { id = "ALICE" }
                { id = "BOB" }
              ]
              links = [
                {
                  a = "ALICE"
                  b = "BOB"
                  fibre { length-km = 25 }
                  source { clock-hz = 1e9, intensities = [0.5, 0.1, 0.0002], probabilities = [0.8, 0.15, 0.05] }
                  receiver { detector-efficiency = 0.1, dark-count-per-gate = 6e-7 }
                }
              ]
            }
            """;

    /** The smallest valid BBM92 topology, line for line like {@link #MINIMAL}: a CW pair source, defaults elsewhere. */
    static final String MINIMAL_BBM92 = """
            topology {
              name = "t"
              nodes = [
                { id = "ALICE", roles = [endpoint, entanglement-source] }
                { id = "BOB" }
              ]
              links = [
                {
                  a = "ALICE"
                  b = "BOB", protocol = bbm92
                  fibre { length-km = 10 }
                  pair-source { kind = continuous, pair-rate-hz = 1e7, coincidence-window-ps = 500, visibility = 0.98 }
                  receiver { optics-efficiency = 0.5, detector-efficiency = 0.8, detector-mode = free-running, dark-count-rate-hz = 25 }
                }
              ]
            }
            """;

    private TopologyTexts() {
    }

    /** {@link #MINIMAL} with one fragment replaced, failing loudly if the fragment is not there. */
    static String minimalWith(String fragment, String replacement) {
        if (!MINIMAL.contains(fragment)) {
            throw new IllegalArgumentException("not in the minimal topology: " + fragment);
        }
        return MINIMAL.replace(fragment, replacement);
    }

    /** {@link #MINIMAL_BBM92} with one fragment replaced, failing loudly if the fragment is not there. */
    static String minimalBbm92With(String fragment, String replacement) {
        if (!MINIMAL_BBM92.contains(fragment)) {
            throw new IllegalArgumentException("not in the minimal BBM92 topology: " + fragment);
        }
        return MINIMAL_BBM92.replace(fragment, replacement);
    }
}
