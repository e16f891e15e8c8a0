package org.qnetem.runtime.topology;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HOCON object of a topology file, read strictly: each getter checks presence, type and range and
 * reports any problem with the setting's full path instead of throwing, so one pass finds them all.
 * Getters return a placeholder (NaN or empty) after a problem; {@link #build} then refuses to build.
 */
final class Section {

    private final ConfigObject object;
    private final String path;
    private final Problems problems;
    private int problemCount;

    Section(ConfigObject object, String path, Problems problems) {
        this.object = object;
        this.path = path;
        this.problems = problems;
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        return object.containsKey(key);
    }

    /** The one top-level section of a file, {@code key}; any other top-level key is a problem. */
    static Optional<Section> fileRoot(ConfigObject root, String key, Problems problems) {
        Section file = new Section(root, "", problems);
        file.allowOnly(key);
        return file.requiredSection(key);
    }

    /** Reports every key not in {@code allowedKeys}, in file order, so typos never pass silently. */
    void allowOnly(String... allowedKeys) {
        List<String> allowed = List.of(allowedKeys);
        object.entrySet().stream()
                .filter(e -> !allowed.contains(e.getKey()))
                .sorted(Comparator.comparingInt((Map.Entry<String, ConfigValue> e) -> e.getValue().origin().lineNumber())
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> reportAt(e.getKey(), "unknown key '" + e.getKey() + "'; allowed keys: "
                        + String.join(", ", allowed)));
    }

    /** A problem with this whole section, reported at its own path and opening line. */
    void report(String reason) {
        report(path, object.origin(), reason);
    }

    /** A problem with one key, reported at the key's line, or the section's when the key is absent. */
    void reportAt(String key, String reason) {
        ConfigValue value = object.get(key);
        report(pathOf(key), value != null ? value.origin() : object.origin(), reason);
    }

    Optional<String> requiredString(String key) {
        return required(key).flatMap(value -> asString(key, value));
    }

    Optional<String> optionalString(String key, String defaultValue) {
        return has(key) ? asString(key, object.get(key)) : Optional.of(defaultValue);
    }

    /** The number at {@code key}, or NaN after reporting it missing, mistyped or out of range. */
    double requiredNumber(String key, NumberRange range) {
        return required(key).map(value -> asNumber(value, pathOf(key), range)).orElse(Double.NaN);
    }

    double optionalNumber(String key, double defaultValue, NumberRange range) {
        return has(key) ? asNumber(object.get(key), pathOf(key), range) : defaultValue;
    }

    /** A whole number of at least {@code min}; HOCON writes 1e6 as a whole number too. */
    long optionalWholeNumber(String key, long defaultValue, long min) {
        return optionalWholeNumber(key, defaultValue, NumberRange.atLeast(min));
    }

    /** A whole number within {@code range}, or 0 after reporting it missing, mistyped or out of range. */
    long requiredWholeNumber(String key, NumberRange range) {
        return required(key).isPresent() ? optionalWholeNumber(key, 0, range) : 0;
    }

    /** A whole number within {@code range}. */
    long optionalWholeNumber(String key, long defaultValue, NumberRange range) {
        if (!has(key)) {
            return defaultValue;
        }
        ConfigValue value = object.get(key);
        if (!isWholeNumber(value)) {
            reportAt(key, "expected a whole number, got " + describe(value));
            return defaultValue;
        }
        long number = ((Number) value.unwrapped()).longValue();
        if (!range.contains(number)) {
            reportAt(key, "must be " + range.describe() + ", got " + number);
        }
        return number;
    }

    /** A positive duration such as {@code 60s} or {@code 500ms}; empty after a problem. */
    Optional<Duration> optionalDuration(String key, Duration defaultValue) {
        if (!has(key)) {
            return Optional.of(defaultValue);
        }
        Optional<Long> picos = asDurationPs(key, object.get(key));
        if (picos.isPresent() && picos.get() < 1000) {
            reportAt(key, "must be a positive duration, got " + describe(object.get(key)));
            return Optional.empty();
        }
        return picos.map(ps -> Duration.ofNanos(ps / 1000));
    }

    /** An emulated duration such as {@code 30s}, {@code 500ms} or {@code 2m}, in picoseconds; empty after a problem. */
    Optional<Long> requiredDurationPs(String key) {
        return required(key).flatMap(value -> asDurationPs(key, value));
    }

    Optional<Long> optionalDurationPs(String key, long defaultPs) {
        return has(key) ? asDurationPs(key, object.get(key)) : Optional.of(defaultPs);
    }

    Optional<Boolean> optionalBoolean(String key, boolean defaultValue) {
        if (!has(key)) {
            return Optional.of(defaultValue);
        }
        ConfigValue value = object.get(key);
        if (value.valueType() != ConfigValueType.BOOLEAN) {
            reportAt(key, "expected true or false, got " + describe(value));
            return Optional.empty();
        }
        return Optional.of((Boolean) value.unwrapped());
    }

    private Optional<Long> asDurationPs(String key, ConfigValue value) {
        String text = value.valueType() == ConfigValueType.STRING ? ((String) value.unwrapped()).strip() : "";
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            reportAt(key, "expected a duration with a unit (ps, ns, us, ms, s, m, h), e.g. 30s or 500ms, got "
                    + describe(value));
            return Optional.empty();
        }
        double picos = Double.parseDouble(m.group(1)) * switch (m.group(2)) {
            case "ps" -> 1d;
            case "ns" -> 1e3;
            case "us" -> 1e6;
            case "ms" -> 1e9;
            case "s" -> 1e12;
            case "m", "min" -> 60e12;
            default -> 3600e12;
        };
        if (picos >= Long.MAX_VALUE) {
            reportAt(key, "duration too long: " + text);
            return Optional.empty();
        }
        return Optional.of(Math.round(picos));
    }

    private static final Pattern DURATION =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ps|ns|us|ms|s|m|min|h)");

    Optional<double[]> requiredNumbers(String key, NumberRange range) {
        Optional<ConfigList> list = required(key).flatMap(value -> asList(key, value));
        if (list.isEmpty()) {
            return Optional.empty();
        }
        double[] numbers = new double[list.get().size()];
        int before = problemCount;
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = asNumber(list.get().get(i), pathOf(key) + "[" + i + "]", range);
        }
        return problemCount == before ? Optional.of(numbers) : Optional.empty();
    }

    /**
     * The non-empty list of strings at {@code key}, or {@code defaultValue} when absent; each element that
     * is not a non-blank string is reported at its own index.
     */
    Optional<List<String>> optionalStrings(String key, List<String> defaultValue) {
        if (!has(key)) {
            return Optional.of(defaultValue);
        }
        Optional<ConfigList> list = asList(key, object.get(key));
        if (list.isEmpty()) {
            return Optional.empty();
        }
        if (list.get().isEmpty()) {
            reportAt(key, "must not be empty");
            return Optional.empty();
        }
        int before = problemCount;
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < list.get().size(); i++) {
            ConfigValue value = list.get().get(i);
            String elementPath = pathOf(key) + "[" + i + "]";
            if (value.valueType() != ConfigValueType.STRING) {
                report(elementPath, value.origin(), "expected a string, got " + describe(value));
            } else if (((String) value.unwrapped()).isBlank()) {
                report(elementPath, value.origin(), "must not be empty");
            } else {
                strings.add((String) value.unwrapped());
            }
        }
        return problemCount == before ? Optional.of(strings) : Optional.empty();
    }

    /** Reports a problem with element {@code index} of the list at {@code key}, at the element's line. */
    void reportAtElement(String key, int index, String reason) {
        ConfigValue element = ((ConfigList) object.get(key)).get(index);
        report(pathOf(key) + "[" + index + "]", element.origin(), reason);
    }

    Optional<Section> requiredSection(String key) {
        return required(key).flatMap(value -> asSection(value, pathOf(key)));
    }

    /**
     * The object at {@code key}; when the key is absent, an empty object at the key's path and this
     * section's line stands in for it, so that its optional settings take their defaults.
     */
    Optional<Section> optionalSection(String key) {
        if (!has(key)) {
            ConfigObject empty = ConfigValueFactory.fromMap(Map.of()).withOrigin(object.origin());
            return Optional.of(new Section(empty, pathOf(key), problems));
        }
        return asSection(object.get(key), pathOf(key));
    }

    /** The objects of a list that may be absent (no objects) or empty; elements that are not objects are reported. */
    Optional<List<Section>> optionalSections(String key) {
        if (!has(key)) {
            return Optional.of(List.of());
        }
        Optional<ConfigList> list = asList(key, object.get(key));
        if (list.isEmpty()) {
            return Optional.empty();
        }
        List<Section> sections = new ArrayList<>();
        for (int i = 0; i < list.get().size(); i++) {
            asSection(list.get().get(i), pathOf(key) + "[" + i + "]").ifPresent(sections::add);
        }
        return Optional.of(sections);
    }

    /** The objects of a non-empty list; elements that are not objects are reported and left out. */
    Optional<List<Section>> requiredSections(String key) {
        Optional<ConfigList> list = required(key).flatMap(value -> asList(key, value));
        if (list.isEmpty()) {
            return Optional.empty();
        }
        if (list.get().isEmpty()) {
            reportAt(key, "must not be empty");
            return Optional.empty();
        }
        List<Section> sections = new ArrayList<>();
        for (int i = 0; i < list.get().size(); i++) {
            asSection(list.get().get(i), pathOf(key) + "[" + i + "]").ifPresent(sections::add);
        }
        return Optional.of(sections);
    }

    /**
     * Builds a value from this section's settings unless a problem was reported here; a constructor's
     * own IllegalArgumentException becomes a problem too, so it never reaches the user raw.
     */
    <T> Optional<T> build(Supplier<T> constructor) {
        if (problemCount > 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(constructor.get());
        } catch (IllegalArgumentException e) {
            report(e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<ConfigValue> required(String key) {
        if (!has(key)) {
            reportAt(key, "missing required key");
        }
        return Optional.ofNullable(object.get(key));
    }

    private Optional<String> asString(String key, ConfigValue value) {
        if (value.valueType() != ConfigValueType.STRING) {
            reportAt(key, "expected a string, got " + describe(value));
            return Optional.empty();
        }
        String text = (String) value.unwrapped();
        if (text.isBlank()) {
            reportAt(key, "must not be empty");
            return Optional.empty();
        }
        return Optional.of(text);
    }

    private double asNumber(ConfigValue value, String valuePath, NumberRange range) {
        if (value.valueType() != ConfigValueType.NUMBER) {
            report(valuePath, value.origin(), "expected a number, got " + describe(value));
            return Double.NaN;
        }
        double number = ((Number) value.unwrapped()).doubleValue();
        if (!Double.isFinite(number)) {
            report(valuePath, value.origin(), "must be a finite number, got " + number);
            return Double.NaN;
        }
        if (!range.contains(number)) {
            report(valuePath, value.origin(), "must be " + range.describe() + ", got " + number);
            return Double.NaN;
        }
        return number;
    }

    private Optional<ConfigList> asList(String key, ConfigValue value) {
        if (value.valueType() != ConfigValueType.LIST) {
            reportAt(key, "expected a list, got " + describe(value));
            return Optional.empty();
        }
        return Optional.of((ConfigList) value);
    }

    private Optional<Section> asSection(ConfigValue value, String sectionPath) {
        if (value.valueType() != ConfigValueType.OBJECT) {
            report(sectionPath, value.origin(), "expected an object, got " + describe(value));
            return Optional.empty();
        }
        return Optional.of(new Section((ConfigObject) value, sectionPath, problems));
    }

    private void report(String problemPath, ConfigOrigin origin, String reason) {
        problemCount++;
        problems.add(problemPath, reason, origin);
    }

    private static boolean isWholeNumber(ConfigValue value) {
        if (value.valueType() != ConfigValueType.NUMBER) {
            return false;
        }
        Object number = value.unwrapped();
        return number instanceof Integer || number instanceof Long;
    }

    private static String describe(ConfigValue value) {
        return switch (value.valueType()) {
            case OBJECT -> "an object";
            case LIST -> "a list";
            case NULL -> "null";
            default -> value.valueType().name().toLowerCase(Locale.ROOT) + " "
                    + value.render(ConfigRenderOptions.concise());
        };
    }
}
