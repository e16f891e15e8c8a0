package org.qnetem.runtime.topology;

import static org.qnetem.runtime.topology.NumberRange.above;
import static org.qnetem.runtime.topology.NumberRange.aboveUpTo;
import static org.qnetem.runtime.topology.NumberRange.atLeast;
import static org.qnetem.runtime.topology.NumberRange.atLeastBelow;
import static org.qnetem.runtime.topology.NumberRange.closed;

import java.util.Arrays;
import java.util.Optional;
import org.qnetem.physics.batch.Bbm92Arm.BasisChoice;
import org.qnetem.physics.batch.Bbm92BatchSampler;
import org.qnetem.physics.channel.DownlinkBudget;
import org.qnetem.physics.channel.FibreChannel;
import org.qnetem.physics.channel.SatellitePass;
import org.qnetem.physics.channel.SatellitePassGeometry;
import org.qnetem.physics.detector.DetectorTiming;
import org.qnetem.physics.detector.FreeRunningTiming;
import org.qnetem.physics.detector.GatedTiming;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.detector.ThresholdDetector;
import org.qnetem.physics.source.ContinuousPairSource;
import org.qnetem.physics.source.EntangledPairSource;
import org.qnetem.physics.source.SourceDescriptor;
import org.qnetem.physics.source.WeakCoherentSource;

/**
 * Reads a link's {@code fibre}, {@code source} and {@code receiver} sections into the physics records
 * they describe. The checks repeat the records' own so that the user sees the setting's path and line.
 */
final class LinkPhysicsReader {

    /** Standard single-mode fibre at 1550 nm. */
    private static final double DEFAULT_ATTENUATION_DB_PER_KM = 0.2;
    private static final SatellitePassGeometry MICIUS_PASS = SatellitePass.micius(90, 0).geometry();
    private static final double MICIUS_ALTITUDE_KM = MICIUS_PASS.altitudeKm();
    private static final double MICIUS_MIN_ELEVATION_DEG = Math.toDegrees(MICIUS_PASS.minElevationRad());
    /** Pass times in seconds are kept to a million (11.6 days), whose picoseconds fit a long. */
    private static final double MAX_PASS_TIME_S = 1e6;
    private static final double DEFAULT_BASIS_BIAS_X = 0.5;
    private static final double DEFAULT_OPTICS_EFFICIENCY = 1.0;
    /** A typical polarisation or phase drift after compensation. */
    private static final double DEFAULT_MISALIGNMENT = 0.01;
    private static final String GATED = "gated";
    private static final String FREE_RUNNING = "free-running";
    private static final String[] GATED_KEYS = {"dark-count-per-gate", "dead-time-gates"};
    private static final String[] FREE_RUNNING_KEYS = {"dark-count-rate-hz", "dead-time-ps"};
    private static final String PULSED = "pulsed";
    private static final String CONTINUOUS = "continuous";
    private static final String[] PULSED_KEYS = {"clock-hz", "mean-pairs-per-pulse"};
    private static final String[] CONTINUOUS_KEYS = {"pair-rate-hz", "coincidence-window-ps", "timing-jitter-fwhm-ps"};
    private static final String PASSIVE = "passive";
    private static final String ACTIVE = "active";
    /** Probabilities are decimal fractions written by hand; allow for their rounding (message says 1e-9). */
    private static final double PROBABILITY_SUM_TOLERANCE = 1e-9;

    private LinkPhysicsReader() {
    }

    static Optional<FibreChannel> fibre(Section fibre) {
        fibre.allowOnly("length-km", "attenuation-db-per-km", "extra-loss-db", "group-index");
        double lengthKm = fibre.requiredNumber("length-km", atLeast(0));
        double attenuation = fibre.optionalNumber("attenuation-db-per-km", DEFAULT_ATTENUATION_DB_PER_KM, atLeast(0));
        double extraLoss = fibre.optionalNumber("extra-loss-db", 0, atLeast(0));
        double groupIndex = fibre.optionalNumber("group-index", FibreChannel.SMF28_GROUP_INDEX, atLeast(1));
        return fibre.build(() -> new FibreChannel(lengthKm, attenuation, extraLoss, groupIndex));
    }

    /**
     * A satellite link's {@code satellite} section: the orbit and pass schedule, and its {@code downlink}
     * budget. Defaults: a Micius-like pass ({@link SatellitePass#micius}: 500 km, tracked above 10 degrees) and
     * downlink ({@link DownlinkBudget#micius()}); the pass's maximum elevation and the first culmination's time
     * are required.
     */
    static Optional<SatelliteDownlink> satellite(Section satellite) {
        satellite.allowOnly("altitude-km", "max-elevation-deg", "min-elevation-deg", "first-culmination-s",
                "pass-interval-s", "downlink");
        double altitudeKm = satellite.optionalNumber("altitude-km", MICIUS_ALTITUDE_KM, above(0));
        double maxElevation = satellite.requiredNumber("max-elevation-deg", aboveUpTo(0, 90));
        double minElevation = satellite.optionalNumber("min-elevation-deg", MICIUS_MIN_ELEVATION_DEG, closed(0, 90));
        double firstCulminationS = satellite.requiredNumber("first-culmination-s",
                closed(-MAX_PASS_TIME_S, MAX_PASS_TIME_S));
        double intervalS = satellite.optionalNumber("pass-interval-s", 0, closed(0, MAX_PASS_TIME_S));
        Optional<DownlinkBudget> budget = satellite.optionalSection("downlink").flatMap(LinkPhysicsReader::downlink);
        if (budget.isEmpty()) {
            return Optional.empty();
        }
        return satellite.build(() -> new SatelliteDownlink(altitudeKm, maxElevation, minElevation,
                Math.round(firstCulminationS * 1e12), Math.round(intervalS * 1e12), budget.get()));
    }

    private static Optional<DownlinkBudget> downlink(Section downlink) {
        DownlinkBudget micius = DownlinkBudget.micius();
        downlink.allowOnly("wavelength-nm", "transmitter-aperture-m", "divergence-half-angle-urad",
                "receiver-aperture-m", "zenith-attenuation-db", "pointing-jitter-urad", "optics-loss-db");
        double wavelength = downlink.optionalNumber("wavelength-nm", micius.wavelengthNm(), above(0));
        double transmitter = downlink.optionalNumber("transmitter-aperture-m", micius.transmitterApertureM(), above(0));
        // Microradians as written; the defaults stay in radians, so they are exactly the Micius budget's.
        double divergenceUrad = downlink.optionalNumber("divergence-half-angle-urad", Double.NaN, above(0));
        double receiver = downlink.optionalNumber("receiver-aperture-m", micius.receiverApertureM(), above(0));
        double zenith = downlink.optionalNumber("zenith-attenuation-db", micius.zenithAttenuationDb(), atLeast(0));
        double jitterUrad = downlink.optionalNumber("pointing-jitter-urad", Double.NaN, atLeast(0));
        double optics = downlink.optionalNumber("optics-loss-db", micius.opticsLossDb(), atLeast(0));
        double divergence = downlink.has("divergence-half-angle-urad") ? divergenceUrad / 1e6
                : micius.divergenceHalfAngleRad();
        double jitter = downlink.has("pointing-jitter-urad") ? jitterUrad / 1e6 : micius.pointingJitterRad();
        return downlink.build(() -> new DownlinkBudget(wavelength, transmitter, divergence, receiver, zenith, jitter,
                optics));
    }

    static Optional<WeakCoherentSource> source(Section source) {
        source.allowOnly("clock-hz", "intensities", "probabilities", "basis-bias-x");
        double clockHz = source.requiredNumber("clock-hz", above(0));
        Optional<double[]> intensities = source.requiredNumbers("intensities", atLeast(0));
        Optional<double[]> probabilities = source.requiredNumbers("probabilities", closed(0, 1));
        double basisBiasX = source.optionalNumber("basis-bias-x", DEFAULT_BASIS_BIAS_X, closed(0, 1));
        boolean classCountValid = intensities.filter(mus -> hasValidClassCount(source, mus)).isPresent();
        if (classCountValid && probabilities.isPresent()) {
            checkProbabilities(source, intensities.get().length, probabilities.get());
        }
        return source.build(() -> new WeakCoherentSource(clockHz, intensities.orElseThrow(),
                probabilities.orElseThrow(), basisBiasX));
    }

    /** A link's source and where it sits on the fibre, in km from node a (decoy BB84: 0, at a). */
    record PlacedSource(SourceDescriptor source, double positionKm) {
    }

    /**
     * A link's {@code pair-source} section: a pulsed SPDC source ({@link EntangledPairSource}) or a CW one
     * ({@link ContinuousPairSource}), placed on a span of {@code spanKm} (NaN when the fibre is unreadable:
     * then the position is not checked).
     */
    static Optional<PlacedSource> pairSource(Section pairSource, double spanKm) {
        pairSource.allowOnly("kind", "position-km", "clock-hz", "mean-pairs-per-pulse", "pair-rate-hz",
                "coincidence-window-ps", "timing-jitter-fwhm-ps", "visibility");
        boolean spanKnown = !Double.isNaN(spanKm);
        double positionKm = pairSource.optionalNumber("position-km", spanKnown ? spanKm / 2 : 0,
                spanKnown ? closed(0, spanKm) : atLeast(0));
        double visibility = pairSource.requiredNumber("visibility", closed(0, 1));
        Optional<String> kind = pairSource.requiredString("kind");
        Optional<java.util.function.Supplier<SourceDescriptor>> source = kind.flatMap(name -> switch (name) {
            case PULSED -> {
                onlyForPairSource(pairSource, CONTINUOUS, CONTINUOUS_KEYS);
                double clockHz = pairSource.requiredNumber("clock-hz", above(0));
                double meanPairs = pairSource.requiredNumber("mean-pairs-per-pulse",
                        closed(0, Bbm92BatchSampler.MAX_MEAN_PAIRS_PER_PULSE));
                yield Optional.of(() -> new EntangledPairSource(clockHz, meanPairs, visibility));
            }
            case CONTINUOUS -> {
                onlyForPairSource(pairSource, PULSED, PULSED_KEYS);
                double pairRateHz = pairSource.requiredNumber("pair-rate-hz", atLeast(0));
                long windowPs = pairSource.requiredWholeNumber("coincidence-window-ps", atLeast(1));
                double jitterPs = pairSource.optionalNumber("timing-jitter-fwhm-ps", 0, atLeast(0));
                yield Optional.of(() -> new ContinuousPairSource(pairRateHz, windowPs, jitterPs, visibility));
            }
            default -> {
                pairSource.reportAt("kind", "pair-source kind '" + name + "' is not known; known: " + PULSED + ", "
                        + CONTINUOUS);
                yield Optional.empty();
            }
        });
        if (source.isEmpty()) {
            return Optional.empty();
        }
        return pairSource.build(() -> new PlacedSource(source.get().get(), positionKm));
    }

    /**
     * How the receivers pick their basis ({@code basis-choice}, BBM92 only, default passive). Decoy BB84's
     * receiver picks actively; BBM92's receivers ({@code built}, once read) model neither dead time nor afterpulsing, so both must be off.
     */
    static Optional<BasisChoice> basisChoice(Section receiver, boolean bbm92, Optional<Receiver> built) {
        if (!bbm92) {
            if (receiver.has("basis-choice")) {
                receiver.reportAt("basis-choice", "only for bbm92 links (a decoy-bb84 receiver chooses actively)");
                return Optional.empty();
            }
            return Optional.of(BasisChoice.ACTIVE);
        }
        built.ifPresent(read -> {
            String why = " on a bbm92 link: its pair sampler models neither dead time nor afterpulsing";
            if (read.detector().timing().deadSlots(1e12) > 0) {
                receiver.reportAt(receiver.has("dead-time-ps") ? "dead-time-ps" : "dead-time-gates", "must be 0" + why);
            }
            if (read.detector().afterpulseProbability() > 0) {
                receiver.reportAt("afterpulse-probability", "must be 0" + why);
            }
        });
        return receiver.optionalString("basis-choice", PASSIVE).flatMap(name -> switch (name) {
            case PASSIVE -> Optional.of(BasisChoice.PASSIVE);
            case ACTIVE -> Optional.of(BasisChoice.ACTIVE);
            default -> {
                receiver.reportAt("basis-choice", "basis choice '" + name + "' is not known; known: " + PASSIVE
                        + ", " + ACTIVE);
                yield Optional.<BasisChoice>empty();
            }
        });
    }

    static Optional<Receiver> receiver(Section receiver) {
        receiver.allowOnly("optics-efficiency", "detector-efficiency", "detector-mode", "dark-count-per-gate",
                "dead-time-gates", "dark-count-rate-hz", "dead-time-ps", "afterpulse-probability", "timing-jitter-ps",
                "misalignment", "basis-bias-x", "basis-choice");
        double opticsEfficiency = receiver.optionalNumber("optics-efficiency", DEFAULT_OPTICS_EFFICIENCY,
                aboveUpTo(0, 1));
        double detectorEfficiency = receiver.requiredNumber("detector-efficiency", aboveUpTo(0, 1));
        Optional<DetectorTiming> timing = receiver.optionalString("detector-mode", GATED)
                .flatMap(mode -> timing(receiver, mode));
        double afterpulseProbability = receiver.optionalNumber("afterpulse-probability", 0, atLeastBelow(0, 1));
        double timingJitterPs = receiver.optionalNumber("timing-jitter-ps", 0, atLeast(0));
        double misalignment = receiver.optionalNumber("misalignment", DEFAULT_MISALIGNMENT, closed(0, 0.5));
        double basisBiasX = receiver.optionalNumber("basis-bias-x", DEFAULT_BASIS_BIAS_X, closed(0, 1));
        return receiver.build(() -> new Receiver(opticsEfficiency, new ThresholdDetector(detectorEfficiency,
                timing.orElseThrow(), afterpulseProbability, timingJitterPs), misalignment, basisBiasX));
    }

    /** Gated detectors count dark counts and dead time in gates, free-running ones in Hz and picoseconds. */
    private static Optional<DetectorTiming> timing(Section receiver, String mode) {
        if (mode.equals(GATED)) {
            onlyFor(receiver, FREE_RUNNING, FREE_RUNNING_KEYS);
            double darkCountPerGate = receiver.requiredNumber("dark-count-per-gate", atLeastBelow(0, 1));
            long deadTimeGates = receiver.optionalWholeNumber("dead-time-gates", 0, 0);
            return receiver.build(() -> new GatedTiming(darkCountPerGate, deadTimeGates));
        }
        if (mode.equals(FREE_RUNNING)) {
            onlyFor(receiver, GATED, GATED_KEYS);
            double darkCountRateHz = receiver.requiredNumber("dark-count-rate-hz", atLeast(0));
            long deadTimePs = receiver.optionalWholeNumber("dead-time-ps", 0, 0);
            return receiver.build(() -> new FreeRunningTiming(darkCountRateHz, deadTimePs));
        }
        receiver.reportAt("detector-mode", "detector mode '" + mode + "' is not known; known: " + GATED + ", "
                + FREE_RUNNING);
        return Optional.empty();
    }

    private static void onlyFor(Section receiver, String mode, String... keys) {
        for (String key : keys) {
            if (receiver.has(key)) {
                receiver.reportAt(key, "only for " + mode + " detectors (set detector-mode = " + mode + ")");
            }
        }
    }

    private static void onlyForPairSource(Section pairSource, String kind, String... keys) {
        for (String key : keys) {
            if (pairSource.has(key)) {
                pairSource.reportAt(key, "only for " + kind + " pair sources (set kind = " + kind + ")");
            }
        }
    }

    private static boolean hasValidClassCount(Section source, double[] intensities) {
        if (intensities.length == 0) {
            source.reportAt("intensities", "must list at least one intensity");
            return false;
        }
        if (intensities.length > WeakCoherentSource.MAX_CLASSES) {
            source.reportAt("intensities", "at most " + WeakCoherentSource.MAX_CLASSES
                    + " intensities (a signal and two decoys), got " + intensities.length);
            return false;
        }
        return true;
    }

    private static void checkProbabilities(Section source, int intensityCount, double[] probabilities) {
        if (probabilities.length != intensityCount) {
            source.reportAt("probabilities", "needs one probability per intensity: " + intensityCount
                    + " intensities, " + probabilities.length + " probabilities");
            return;
        }
        double sum = Arrays.stream(probabilities).sum();
        if (Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
            source.reportAt("probabilities", "must sum to 1 (within 1e-9), got " + sum);
        }
    }
}
