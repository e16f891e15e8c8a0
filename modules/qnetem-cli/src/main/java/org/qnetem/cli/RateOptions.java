package org.qnetem.cli;

import picocli.CommandLine.Option;

/**
 * The options of {@code qnetem rate}, exactly as given: a null option was not given, so the profile's
 * value or the default applies. Ranges are checked by {@link RateInputs}.
 */
final class RateOptions {

    @Option(names = "--protocol", required = true, paramLabel = "decoy-bb84|bbm92",
            description = "decoy-bb84 (weak coherent pulses and decoy states) or bbm92 (entangled pairs, source"
                    + " halfway between the users).")
    String protocol;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Device profile: a name under $QNETEM_HOME/config/profiles or ./config/profiles (e.g."
                    + " gys-2004, toshiba-1ghz-ingaas), or a .conf file. Options given override its values.")
    String profile;

    @Option(names = "--km", paramLabel = "L", description = "Fibre length in km (bbm92: between the two users).")
    Double km;

    @Option(names = "--loss-db", paramLabel = "D",
            description = "Total channel loss in dB, instead of --km (bbm92: split evenly between the arms).")
    Double lossDb;

    @Option(names = "--alpha", paramLabel = "A", description = "Fibre attenuation in dB/km. Default: 0.2.")
    Double alpha;

    @Option(names = "--eta-bob", paramLabel = "E",
            description = "Receiver efficiency, optics and detector (bbm92: each user's).")
    Double etaBob;

    @Option(names = "--y0", paramLabel = "Y",
            description = "Background yield Y_0 per pulse, both detectors together (bbm92: each user's).")
    Double y0;

    @Option(names = "--pdc", paramLabel = "P", description = "Dark-count probability per gate of each of two"
            + " detectors, instead of --y0: Y_0 = 2 P.")
    Double pdc;

    @Option(names = "--pap", paramLabel = "P", description = "Afterpulse probability (decoy-bb84 only). Default: 0.")
    Double pap;

    @Option(names = "--ed", paramLabel = "E", description = "Misalignment error e_d. Default: 0.01.")
    Double ed;

    @Option(names = "--f", paramLabel = "F", description = "Error-correction efficiency f_EC. Default: 1.16.")
    Double f;

    @Option(names = "--mu", paramLabel = "M", description = "Signal intensity (bbm92: mean pairs per pulse)."
            + " Default: the profile source's first intensity, else the value that maximises the rate.")
    Double mu;

    @Option(names = "--nu", paramLabel = "N", description = "Weak decoy intensity, for --decoy vacuum-weak."
            + " Default: the profile source's second intensity.")
    Double nu;

    @Option(names = "--clock-hz", paramLabel = "C", description = "Pulse rate in Hz.")
    Double clockHz;

    @Option(names = "--decoy", paramLabel = "infinite|vacuum-weak",
            description = "Decoy states of the asymptotic decoy-bb84 model. Default: infinite.")
    String decoy;

    @Option(names = "--sift-factor", paramLabel = "Q", description = "Fraction of pulses whose bases match:"
            + " 0.5 for standard BB84, about q_x^2 for efficient BB84. Default: 0.5.")
    Double siftFactor;

    @Option(names = "--block-bits", paramLabel = "N", description = "Finite-key decoy-bb84 (Lim et al. 2014) with"
            + " blocks of N key-basis detections; basis bias, intensities and their probabilities are optimised.")
    Double blockBits;

    @Option(names = "--max-distance", description = "Also find the longest fibre that still gives key.")
    boolean maxDistance;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;
}
