package org.qnetem.cli;

import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoubleFunction;
import org.qnetem.physics.model.DecoyBb84Asymptotic;
import org.qnetem.physics.model.DecoyBb84FiniteKey;
import org.qnetem.physics.model.DecoyIntensities;
import org.qnetem.physics.model.FiniteKeyOptimiser;
import org.qnetem.physics.model.GainModel;
import org.qnetem.physics.model.KeyRate;
import org.qnetem.physics.model.LimFiniteKey;
import org.qnetem.physics.model.LinkBudget;
import org.qnetem.physics.model.PerIntensity;

/** {@code qnetem rate --protocol decoy-bb84}: the asymptotic GLLP models, or Lim et al.'s finite key. */
final class DecoyBb84Rates {

    /** Lim et al.'s weakest intensity, a vacuum decoy as a real intensity modulator makes it. */
    static final double WEAKEST_INTENSITY = 2e-4;

    private DecoyBb84Rates() {
    }

    static RateReport report(RateInputs inputs) {
        RateOptions options = inputs.options();
        inputs.profile().filter(p -> p.pairSource().isPresent()).ifPresent(p -> {
            throw new RateInputException("profile " + p.name() + " describes an entangled-pair source; use"
                    + " --protocol bbm92");
        });
        return options.blockBits != null ? finiteKey(inputs) : asymptotic(inputs);
    }

    private static RateReport asymptotic(RateInputs inputs) {
        RateOptions options = inputs.options();
        String decoy = options.decoy == null ? "infinite" : options.decoy;
        boolean infinite = decoy.equals("infinite");
        if (!infinite && !decoy.equals("vacuum-weak")) {
            throw new RateInputException("Invalid value for option '--decoy': expected infinite or vacuum-weak, got '"
                    + decoy + "'");
        }
        if (infinite) {
            RateInputs.reject(options.nu, "--nu", "applies to --decoy vacuum-weak only");
        }
        LinkBudget budget = inputs.linkBudget();
        DecoyBb84Asymptotic model = new DecoyBb84Asymptotic(inputs.errorCorrectionEfficiency(), inputs.siftFactor(),
                false);
        OptionalDouble mu = inputs.signalIntensity();
        double nu = infinite ? Double.NaN : inputs.weakDecoyIntensity();
        DoubleFunction<KeyRate> rate = lossDb -> {
            GainModel link = budget.atLossDb(lossDb);
            if (infinite) {
                return mu.isPresent() ? model.infiniteDecoy(link, mu.getAsDouble()) : model.infiniteDecoy(link);
            }
            return mu.isPresent() ? model.vacuumWeakDecoy(link, mu.getAsDouble(), nu) : model.vacuumWeakDecoy(link, nu);
        };
        RateReport report = new RateReport("decoy-bb84, asymptotic, " + (infinite ? "infinite decoy (GLLP)"
                : "vacuum + weak decoy (Ma et al. 2005)") + RateCommand.profileSuffix(inputs))
                .put("protocol", "decoy-bb84").put("model", infinite ? "infinite-decoy" : "vacuum-weak-decoy")
                .put("profile", inputs.profile().map(p -> p.name()).orElse(null));
        mu.ifPresent(given -> report.put("mu", given));
        if (!infinite) {
            report.put("nu", nu).row("weak decoy nu", "%s", RateReport.number(nu));
        }
        inputs.channelLossDb().ifPresent(lossDb -> {
            KeyRate at = rate.apply(lossDb);
            RateCommand.addLink(report, inputs, lossDb);
            report.put("mu", at.intensity())
                    .row("signal mu", "%.4f%s", at.intensity(), mu.isPresent() ? "" : " (optimised)");
            RateCommand.addRates(report, at.gain(), at.qber(), at.secretBitsPerPulse(), inputs.clockHz());
        });
        if (options.maxDistance) {
            MaxDistance.add(report, inputs, lossDb -> rate.apply(lossDb).bound());
        }
        return report;
    }

    private static RateReport finiteKey(RateInputs inputs) {
        RateOptions options = inputs.options();
        String why = "does not apply with --block-bits: the finite-key model optimises intensities and bases";
        RateInputs.reject(options.decoy, "--decoy", why);
        RateInputs.reject(options.mu, "--mu", why);
        RateInputs.reject(options.nu, "--nu", why);
        RateInputs.reject(options.siftFactor, "--sift-factor", why);
        LinkBudget budget = inputs.linkBudget();
        double blockBits = options.blockBits;
        LimFiniteKey security = LimFiniteKey.referenceSecurity();
        FiniteKeyOptimiser optimiser = new FiniteKeyOptimiser(
                new DecoyBb84FiniteKey(security, inputs.errorCorrectionEfficiency()), WEAKEST_INTENSITY);
        RateReport report = new RateReport("decoy-bb84, finite key (Lim et al. 2014), blocks of "
                + RateReport.number(blockBits) + " key bits, eps_sec " + RateReport.number(security.epsilonSecrecy())
                + ", eps_cor " + RateReport.number(security.epsilonCorrectness()) + RateCommand.profileSuffix(inputs))
                .put("protocol", "decoy-bb84").put("model", "finite-key")
                .put("profile", inputs.profile().map(p -> p.name()).orElse(null))
                .put("block_bits", blockBits).put("epsilon_sec", security.epsilonSecrecy())
                .put("epsilon_cor", security.epsilonCorrectness());
        inputs.channelLossDb().ifPresent(lossDb -> {
            FiniteKeyOptimiser.Optimum optimum = optimiser.optimise(budget.atLossDb(lossDb), blockBits);
            DecoyIntensities settings = optimum.settings();
            RateCommand.addLink(report, inputs, lossDb);
            report.put("basis_bias_x", optimum.basisBiasX())
                    .put("intensities", list(settings.intensities()))
                    .put("probabilities", list(settings.probabilities()))
                    .put("pulses_per_block", optimum.rate().pulses())
                    .put("secret_bits_per_block", optimum.rate().bound().secretKeyLength())
                    .row("basis bias q_x", "%.4f (optimised)", optimum.basisBiasX())
                    .row("intensities", "%s (optimised, last fixed)", numbers(settings.intensities()))
                    .row("probabilities", "%s (optimised)", numbers(settings.probabilities()))
                    .row("block", "%s pulses, %d secret bits", RateReport.number(optimum.rate().pulses()),
                            optimum.rate().bound().secretKeyLength());
            RateCommand.addRates(report, optimum.rate().gain(), optimum.rate().qberX(),
                    optimum.rate().secretBitsPerPulse(), inputs.clockHz());
        });
        if (options.maxDistance) {
            MaxDistance.add(report, inputs,
                    lossDb -> optimiser.optimise(budget.atLossDb(lossDb), blockBits).rate().boundPerPulse());
        }
        return report;
    }

    private static List<Double> list(PerIntensity values) {
        return List.of(values.k1(), values.k2(), values.k3());
    }

    private static String numbers(PerIntensity values) {
        return RateReport.number(values.k1()) + ", " + RateReport.number(values.k2()) + ", "
                + RateReport.number(values.k3());
    }
}
