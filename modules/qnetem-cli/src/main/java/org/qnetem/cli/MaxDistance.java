package org.qnetem.cli;

import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;
import org.qnetem.physics.model.LossLimit;

/** Adds the longest fibre that still gives key to a rate report, by bisection on the channel loss. */
final class MaxDistance {

    private MaxDistance() {
    }

    static void add(RateReport report, RateInputs inputs, DoubleUnaryOperator boundAtLossDb) {
        if (!(inputs.attenuationDbPerKm() > 0)) {
            throw new RateInputException("--max-distance needs a fibre attenuation above 0 dB/km (--alpha)");
        }
        OptionalDouble maxLossDb = LossLimit.maxLossDb(boundAtLossDb);
        if (maxLossDb.isEmpty() || inputs.kmAtLossDb(maxLossDb.getAsDouble()) <= 0) {
            report.put("max_distance_km", 0.0).row("maximum distance", "none: no key even at 0 km");
        } else if (Double.isInfinite(maxLossDb.getAsDouble())) {
            report.put("max_distance_km", null)
                    .row("maximum distance", "unbounded: still key at %.0f dB of loss", LossLimit.MAX_LOSS_DB);
        } else {
            double km = inputs.kmAtLossDb(maxLossDb.getAsDouble());
            report.put("max_distance_km", km).put("max_distance_loss_db", maxLossDb.getAsDouble())
                    .row("maximum distance", "%.2f km (%.2f dB)", km, maxLossDb.getAsDouble());
        }
    }
}
