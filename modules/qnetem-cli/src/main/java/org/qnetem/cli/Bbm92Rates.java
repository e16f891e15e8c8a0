package org.qnetem.cli;

import java.util.OptionalDouble;
import java.util.function.DoubleFunction;
import org.qnetem.physics.model.Bbm92Continuous;
import org.qnetem.physics.model.Bbm92Pulsed;
import org.qnetem.physics.model.KeyRate;
import org.qnetem.runtime.topology.DeviceProfile;

/**
 * {@code qnetem rate --protocol bbm92}, the source halfway between the users: the CW coincidence-window
 * model when the profile describes a continuously pumped pair source, else the pulsed thermal-source
 * model with the receiver settings on both sides.
 */
final class Bbm92Rates {

    private static final double SECONDS_PER_NS = 1e-9;

    private Bbm92Rates() {
    }

    static RateReport report(RateInputs inputs) {
        RateOptions options = inputs.options();
        String why = "does not apply to --protocol bbm92";
        RateInputs.reject(options.decoy, "--decoy", why);
        RateInputs.reject(options.nu, "--nu", why);
        RateInputs.reject(options.pap, "--pap", why);
        RateInputs.reject(options.blockBits, "--block-bits", why);
        return inputs.profile().flatMap(DeviceProfile::pairSource)
                .map(pairSource -> continuous(inputs, pairSource))
                .orElseGet(() -> pulsed(inputs));
    }

    private static RateReport pulsed(RateInputs inputs) {
        Bbm92Pulsed model = new Bbm92Pulsed(inputs.errorCorrectionEfficiency(), inputs.siftFactor());
        double efficiency = inputs.receiverEfficiency();
        double backgroundYield = inputs.backgroundYield();
        double misalignment = inputs.misalignment();
        OptionalDouble pairs = inputs.options().mu == null ? OptionalDouble.empty()
                : OptionalDouble.of(inputs.options().mu);
        DoubleFunction<KeyRate> rate = lossDb -> {
            Bbm92Pulsed.PairLink link = Bbm92Pulsed.PairLink.sourceInTheMiddle(lossDb, efficiency, backgroundYield,
                    misalignment);
            return pairs.isPresent() ? model.rate(link, pairs.getAsDouble()) : model.rate(link);
        };
        RateReport report = new RateReport("bbm92, pulsed SPDC source (Ma, Fung, Lo 2007), source halfway"
                + RateCommand.profileSuffix(inputs))
                .put("protocol", "bbm92").put("model", "pulsed")
                .put("profile", inputs.profile().map(DeviceProfile::name).orElse(null));
        inputs.channelLossDb().ifPresent(lossDb -> {
            KeyRate at = rate.apply(lossDb);
            RateCommand.addLink(report, inputs, lossDb);
            report.put("mean_pairs_per_pulse", at.intensity())
                    .row("mean pairs per pulse", "%.4f%s", at.intensity(), pairs.isPresent() ? "" : " (optimised)");
            RateCommand.addRates(report, at.gain(), at.qber(), at.secretBitsPerPulse(), inputs.clockHz());
        });
        if (inputs.options().maxDistance) {
            MaxDistance.add(report, inputs, lossDb -> rate.apply(lossDb).bound());
        }
        return report;
    }

    private static RateReport continuous(RateInputs inputs, DeviceProfile.PairSource source) {
        RateOptions options = inputs.options();
        String why = "does not apply to a continuously pumped pair source (profile "
                + inputs.profile().orElseThrow().name() + ")";
        RateInputs.reject(options.mu, "--mu", why);
        RateInputs.reject(options.y0, "--y0", why);
        RateInputs.reject(options.pdc, "--pdc", why);
        RateInputs.reject(options.ed, "--ed", why);
        RateInputs.reject(options.clockHz, "--clock-hz", why);
        Bbm92Continuous model = new Bbm92Continuous(inputs.errorCorrectionEfficiency(), inputs.siftFactor());
        double armEfficiency = source.couplingEfficiency() * inputs.receiverEfficiency();
        double darkCountRate = inputs.profile().orElseThrow().receiver().darkCountRateHz().orElseThrow();
        DoubleFunction<Bbm92Continuous.Rate> rate = lossDb -> model.rate(Bbm92Continuous.CwPairLink.sourceInTheMiddle(
                source.brightnessHz(), lossDb, armEfficiency, darkCountRate,
                source.coincidenceWindowNs() * SECONDS_PER_NS, source.timingSpreadNs() * SECONDS_PER_NS,
                source.visibility()));
        RateReport report = new RateReport("bbm92, CW SPDC source of " + RateReport.number(source.brightnessHz())
                + " pairs/s, " + RateReport.number(source.coincidenceWindowNs()) + " ns coincidence window (Neumann et"
                + " al. 2021), source halfway" + RateCommand.profileSuffix(inputs))
                .put("protocol", "bbm92").put("model", "continuous")
                .put("profile", inputs.profile().map(DeviceProfile::name).orElse(null));
        inputs.channelLossDb().ifPresent(lossDb -> {
            Bbm92Continuous.Rate at = rate.apply(lossDb);
            RateCommand.addLink(report, inputs, lossDb);
            // A CW source has no pulses: no gain per pulse, no key per pulse.
            report.put("gain", null).put("coincidence_rate_hz", at.coincidencesHz())
                    .put("qber", at.qber()).put("secret_key_rate_per_pulse", null)
                    .put("secret_key_rate_bps", at.secretBitsPerSecond())
                    .row("coincidences", "%s (%s accidental)", RateReport.si(at.coincidencesHz(), "/s"),
                            RateReport.si(at.accidentalCoincidencesHz(), "/s"))
                    .row("qber", "%.3f %%", 100 * at.qber())
                    .row("secret key rate", "%s", RateReport.si(at.secretBitsPerSecond(), "bit/s"));
        });
        if (options.maxDistance) {
            MaxDistance.add(report, inputs, lossDb -> rate.apply(lossDb).boundBps());
        }
        return report;
    }
}
