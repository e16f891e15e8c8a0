package org.qnetem.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.qnetem.runtime.topology.DeviceProfile;
import org.qnetem.runtime.topology.DeviceProfileException;
import org.qnetem.runtime.topology.DeviceProfiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "rate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Link budget from the analytic models: gain, QBER, secret key per pulse and in bit/s, and"
                + " optionally the longest fibre that still gives key.",
            "decoy-bb84: asymptotic GLLP with infinitely many decoys or a vacuum and a weak decoy (Ma et al."
                + " 2005), or with --block-bits the finite-key bound of Lim et al. 2014 (eps_sec 1e-10, eps_cor"
                + " 1e-15, weakest intensity 2e-4). bbm92: pulsed thermal SPDC source (Ma, Fung, Lo 2007), or"
                + " the CW coincidence-window model for a profile with a pair-source section.",
            "Detector dead time is not modelled: rates at low loss are upper references."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed", "2:bad input (option, value, or profile)"})
final class RateCommand implements Callable<Integer> {

    @Mixin
    private RateOptions options;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Optional<DeviceProfile> profile;
        try {
            profile = Optional.ofNullable(options.profile).map(DeviceProfiles::load);
        } catch (DeviceProfileException e) {
            err.println("qnetem rate: invalid profile");
            err.println(e.getMessage());
            return Qnetem.EXIT_USAGE;
        }
        RateReport report;
        try {
            RateInputs inputs = new RateInputs(options, profile);
            report = switch (options.protocol) {
                case "decoy-bb84" -> DecoyBb84Rates.report(inputs);
                case "bbm92" -> Bbm92Rates.report(inputs);
                default -> throw new RateInputException("Invalid value for option '--protocol': expected decoy-bb84"
                        + " or bbm92, got '" + options.protocol + "'");
            };
        } catch (RateInputException | IllegalArgumentException e) {
            // Inputs within their own ranges can still make an impossible link, e.g. --mu below --nu.
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        spec.commandLine().getOut().print(options.json ? report.json() : report.table());
        spec.commandLine().getOut().flush();
        return 0;
    }

    static String profileSuffix(RateInputs inputs) {
        return inputs.profile().map(p -> ", profile " + p.name()).orElse("");
    }

    /** The link's length (if given in km) and loss. */
    static void addLink(RateReport report, RateInputs inputs, double lossDb) {
        Double km = inputs.options().km;
        report.put("km", km).put("loss_db", lossDb);
        if (km != null) {
            report.row("fibre", "%s km, %.2f dB", RateReport.number(km), lossDb);
        } else {
            report.row("channel loss", "%.2f dB", lossDb);
        }
    }

    /** The four figures every pulsed model reports. */
    static void addRates(RateReport report, double gain, double qber, double bitsPerPulse, double clockHz) {
        report.put("gain", gain).put("qber", qber).put("secret_key_rate_per_pulse", bitsPerPulse)
                .put("clock_hz", clockHz).put("secret_key_rate_bps", bitsPerPulse * clockHz)
                .row("gain", "%.4e per pulse", gain)
                .row("qber", "%.3f %%", 100 * qber)
                .row("secret key rate", "%.4e bit/pulse", bitsPerPulse)
                .row("secret key rate", "%s at %s", RateReport.si(bitsPerPulse * clockHz, "bit/s"),
                        RateReport.si(clockHz, "Hz"));
    }
}
