package org.qnetem.cli;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.DoublePredicate;
import org.qnetem.physics.model.LinkBudget;
import org.qnetem.runtime.topology.DeviceProfile;

/**
 * The settings of one {@code qnetem rate} call: each is the option if given, else the profile's value,
 * else a default (for the settings that have one). Options are range-checked on construction.
 */
final class RateInputs {

    /** SMF-28 at 1550 nm, as topologies assume. */
    static final double DEFAULT_ATTENUATION = 0.2;
    /** A typical misalignment after compensation, as topologies assume. */
    static final double DEFAULT_MISALIGNMENT = 0.01;
    /** Lim et al.'s f_EC, between GYS's 1.22 and good LDPC codes. */
    static final double DEFAULT_ERROR_CORRECTION = 1.16;
    /** Standard BB84: Bob's basis matches Alice's half the time. */
    static final double DEFAULT_SIFT_FACTOR = 0.5;

    private final RateOptions options;
    private final Optional<DeviceProfile> profile;

    RateInputs(RateOptions options, Optional<DeviceProfile> profile) {
        this.options = options;
        this.profile = profile;
        checkRanges();
        exclusive(options.km, "--km", options.lossDb, "--loss-db");
        exclusive(options.y0, "--y0", options.pdc, "--pdc");
        if (options.km == null && options.lossDb == null && !options.maxDistance) {
            throw new RateInputException("give the link as --km or --loss-db, or ask for --max-distance");
        }
    }

    RateOptions options() {
        return options;
    }

    Optional<DeviceProfile> profile() {
        return profile;
    }

    double attenuationDbPerKm() {
        return value(options.alpha, profile.map(p -> p.fibre().attenuationDbPerKm()), DEFAULT_ATTENUATION);
    }

    double extraLossDb() {
        return profile.map(p -> p.fibre().extraLossDb()).orElse(OptionalDouble.empty()).orElse(0);
    }

    /** The channel loss to evaluate at: --loss-db, or α·L plus the profile's extra loss; empty if neither given. */
    OptionalDouble channelLossDb() {
        if (options.lossDb != null) {
            return OptionalDouble.of(options.lossDb);
        }
        return options.km == null ? OptionalDouble.empty()
                : OptionalDouble.of(attenuationDbPerKm() * options.km + extraLossDb());
    }

    /** The fibre length whose loss is {@code lossDb}, for a maximum distance; needs α &gt; 0. */
    double kmAtLossDb(double lossDb) {
        return (lossDb - extraLossDb()) / attenuationDbPerKm();
    }

    double receiverEfficiency() {
        return required(options.etaBob, "--eta-bob", profile.map(p -> p.receiver().efficiency()),
                "receiver.detector-efficiency");
    }

    double backgroundYield() {
        Double fromOptions = options.pdc != null ? Double.valueOf(2 * options.pdc) : options.y0;
        return required(fromOptions, "--y0 or --pdc", profile.map(p -> p.receiver().backgroundYield()),
                "receiver.background-yield or dark-count-per-gate");
    }

    double misalignment() {
        return value(options.ed, profile.map(p -> p.receiver().misalignment()), DEFAULT_MISALIGNMENT);
    }

    double afterpulseProbability() {
        return value(options.pap, profile.map(p -> p.receiver().afterpulseProbability()), 0);
    }

    double errorCorrectionEfficiency() {
        return value(options.f, profile.map(p -> p.postProcessing().errorCorrectionEfficiency()),
                DEFAULT_ERROR_CORRECTION);
    }

    double siftFactor() {
        return value(options.siftFactor, profile.map(p -> p.postProcessing().siftFactor()), DEFAULT_SIFT_FACTOR);
    }

    double clockHz() {
        return required(options.clockHz, "--clock-hz", profile.map(p -> p.weakCoherentSource().clockHz()),
                "source.clock-hz");
    }

    /** The signal intensity: --mu, or the profile source's first intensity; empty means optimise it. */
    OptionalDouble signalIntensity() {
        return options.mu != null ? OptionalDouble.of(options.mu) : profileIntensity(0);
    }

    /** The weak decoy: --nu, or the profile source's second intensity. */
    double weakDecoyIntensity() {
        OptionalDouble nu = options.nu != null ? OptionalDouble.of(options.nu) : profileIntensity(1);
        if (nu.isEmpty()) {
            throw new RateInputException("--decoy vacuum-weak needs the weak decoy intensity: give --nu, or a"
                    + " --profile whose source lists two intensities");
        }
        return nu.getAsDouble();
    }

    LinkBudget linkBudget() {
        return new LinkBudget(attenuationDbPerKm(), extraLossDb(), receiverEfficiency(), backgroundYield(),
                misalignment(), afterpulseProbability());
    }

    /** Refuses an option that does not apply, naming why. */
    static void reject(Object option, String name, String why) {
        if (option != null) {
            throw new RateInputException(name + " " + why);
        }
    }

    private OptionalDouble profileIntensity(int index) {
        List<Double> intensities = profile.map(p -> p.weakCoherentSource().intensities()).orElse(List.of());
        return intensities.size() > index ? OptionalDouble.of(intensities.get(index)) : OptionalDouble.empty();
    }

    private static double value(Double option, Optional<OptionalDouble> fromProfile, double fallback) {
        return option != null ? option : fromProfile.orElse(OptionalDouble.empty()).orElse(fallback);
    }

    private double required(Double option, String name, Optional<OptionalDouble> fromProfile, String profileKey) {
        if (option != null) {
            return option;
        }
        OptionalDouble value = fromProfile.orElse(OptionalDouble.empty());
        if (value.isEmpty()) {
            String why = profile.map(p -> "profile " + p.name() + " does not set " + profileKey)
                    .orElse("no --profile is given");
            throw new RateInputException("needs " + name + ", as " + why);
        }
        return value.getAsDouble();
    }

    private void checkRanges() {
        check("--km", options.km, v -> v >= 0, ">= 0");
        check("--loss-db", options.lossDb, v -> v >= 0, ">= 0");
        check("--alpha", options.alpha, v -> v >= 0, ">= 0");
        check("--eta-bob", options.etaBob, v -> v > 0 && v <= 1, "in (0, 1]");
        check("--y0", options.y0, v -> v >= 0 && v < 1, "in [0, 1)");
        check("--pdc", options.pdc, v -> v >= 0 && v < 0.5, "in [0, 0.5)");
        check("--pap", options.pap, v -> v >= 0 && v < 1, "in [0, 1)");
        check("--ed", options.ed, v -> v >= 0 && v <= 0.5, "in [0, 0.5]");
        check("--f", options.f, v -> v >= 1, ">= 1");
        check("--mu", options.mu, v -> v > 0, "> 0");
        check("--nu", options.nu, v -> v > 0, "> 0");
        check("--clock-hz", options.clockHz, v -> v > 0, "> 0");
        check("--sift-factor", options.siftFactor, v -> v > 0 && v <= 1, "in (0, 1]");
        check("--block-bits", options.blockBits, v -> v >= 1, ">= 1");
    }

    private static void check(String name, Double value, DoublePredicate valid, String expectation) {
        if (value != null && !(Double.isFinite(value) && valid.test(value))) {
            throw new RateInputException("Invalid value for option '" + name + "': must be " + expectation
                    + ", got " + value);
        }
    }

    private static void exclusive(Object first, String firstName, Object second, String secondName) {
        if (first != null && second != null) {
            throw new RateInputException("give " + firstName + " or " + secondName + ", not both");
        }
    }
}
