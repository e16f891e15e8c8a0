package org.qnetem.runtime.topology;

import static org.qnetem.runtime.topology.NumberRange.above;
import static org.qnetem.runtime.topology.NumberRange.aboveUpTo;
import static org.qnetem.runtime.topology.NumberRange.atLeast;
import static org.qnetem.runtime.topology.NumberRange.atLeastBelow;
import static org.qnetem.runtime.topology.NumberRange.closed;

import com.typesafe.config.ConfigObject;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.DoubleStream;

/** Reads the {@code profile} section of a parsed device-profile file, reporting every problem it finds. */
final class DeviceProfileReader {

    /** A signal and up to two decoys, as a topology link's source allows. */
    private static final int MAX_INTENSITIES = 3;

    private final String name;
    private final String source;
    private final Problems problems;

    DeviceProfileReader(String name, String source, Problems problems) {
        this.name = name;
        this.source = source;
        this.problems = problems;
    }

    /** The profile, or empty when a problem was reported. */
    Optional<DeviceProfile> read(ConfigObject root) {
        Optional<Section> section = Section.fileRoot(root, "profile", problems);
        if (section.isEmpty()) {
            return Optional.empty();
        }
        Section profile = section.get();
        profile.allowOnly("description", "fibre", "source", "pair-source", "receiver", "post-processing");
        Optional<String> description = profile.optionalString("description", "");
        DeviceProfile.Fibre fibre = fibre(optionalSection(profile, "fibre"));
        DeviceProfile.Source weakCoherent = source(optionalSection(profile, "source"));
        DeviceProfile.Receiver receiver = receiver(optionalSection(profile, "receiver"));
        Optional<DeviceProfile.PairSource> pairSource = optionalSection(profile, "pair-source")
                .flatMap(DeviceProfileReader::pairSource);
        if (profile.has("pair-source") && receiver.darkCountRateHz().isEmpty()) {
            profile.reportAt("pair-source", "a continuously pumped pair source needs receiver.dark-count-rate-hz");
        }
        DeviceProfile.PostProcessing postProcessing = postProcessing(optionalSection(profile, "post-processing"));
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DeviceProfile(name, source, description.orElseThrow(), fibre, weakCoherent, pairSource,
                receiver, postProcessing));
    }

    private static DeviceProfile.Fibre fibre(Optional<Section> fibre) {
        fibre.ifPresent(s -> s.allowOnly("attenuation-db-per-km", "extra-loss-db"));
        return new DeviceProfile.Fibre(number(fibre, "attenuation-db-per-km", atLeast(0)),
                number(fibre, "extra-loss-db", atLeast(0)));
    }

    private static DeviceProfile.Source source(Optional<Section> source) {
        source.ifPresent(s -> s.allowOnly("clock-hz", "intensities"));
        List<Double> intensities = source.filter(s -> s.has("intensities"))
                .flatMap(s -> s.requiredNumbers("intensities", atLeast(0)).filter(mus -> countFits(s, mus)))
                .map(mus -> DoubleStream.of(mus).boxed().toList())
                .orElse(List.of());
        return new DeviceProfile.Source(number(source, "clock-hz", above(0)), intensities);
    }

    private static boolean countFits(Section source, double[] intensities) {
        if (intensities.length == 0 || intensities.length > MAX_INTENSITIES) {
            source.reportAt("intensities", "must list 1 to " + MAX_INTENSITIES + " intensities (signal first), got "
                    + intensities.length);
            return false;
        }
        return true;
    }

    private static Optional<DeviceProfile.PairSource> pairSource(Section pair) {
        pair.allowOnly("brightness-pairs-per-s", "coupling-efficiency", "visibility", "coincidence-window-ns",
                "timing-spread-ns");
        double brightness = pair.requiredNumber("brightness-pairs-per-s", above(0));
        double coupling = pair.optionalNumber("coupling-efficiency", 1, aboveUpTo(0, 1));
        double visibility = pair.requiredNumber("visibility", closed(0, 1));
        double window = pair.requiredNumber("coincidence-window-ns", above(0));
        double spread = pair.requiredNumber("timing-spread-ns", above(0));
        return pair.build(() -> new DeviceProfile.PairSource(brightness, coupling, visibility, window, spread));
    }

    private static DeviceProfile.Receiver receiver(Optional<Section> receiver) {
        receiver.ifPresent(s -> s.allowOnly("optics-efficiency", "detector-efficiency", "dark-count-per-gate",
                "background-yield", "dark-count-rate-hz", "misalignment", "afterpulse-probability"));
        OptionalDouble optics = number(receiver, "optics-efficiency", aboveUpTo(0, 1));
        OptionalDouble detector = number(receiver, "detector-efficiency", aboveUpTo(0, 1));
        OptionalDouble backgroundYield = number(receiver, "background-yield", atLeastBelow(0, 1));
        OptionalDouble darkCountPerGate = number(receiver, "dark-count-per-gate", atLeastBelow(0, 0.5));
        if (backgroundYield.isPresent() && darkCountPerGate.isPresent()) {
            receiver.orElseThrow().reportAt("background-yield",
                    "give background-yield (Y_0 of both detectors) or dark-count-per-gate (p_dc of each), not both");
        }
        if (darkCountPerGate.isPresent()) {
            backgroundYield = OptionalDouble.of(2 * darkCountPerGate.getAsDouble());
        }
        return new DeviceProfile.Receiver(optics, detector, backgroundYield,
                number(receiver, "dark-count-rate-hz", atLeast(0)), number(receiver, "misalignment", closed(0, 0.5)),
                number(receiver, "afterpulse-probability", atLeastBelow(0, 1)));
    }

    private static DeviceProfile.PostProcessing postProcessing(Optional<Section> post) {
        post.ifPresent(s -> s.allowOnly("error-correction-efficiency", "sift-factor"));
        return new DeviceProfile.PostProcessing(number(post, "error-correction-efficiency", atLeast(1)),
                number(post, "sift-factor", aboveUpTo(0, 1)));
    }

    private static Optional<Section> optionalSection(Section parent, String key) {
        return parent.has(key) ? parent.requiredSection(key) : Optional.empty();
    }

    /** The number at {@code key} if the section gives one; a bad one is reported and read as NaN. */
    private static OptionalDouble number(Optional<Section> section, String key, NumberRange range) {
        if (section.isEmpty() || !section.get().has(key)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(section.get().optionalNumber(key, Double.NaN, range));
    }
}
