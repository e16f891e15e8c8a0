package org.qnetem.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Parses durations the way people write them: {@code 10s}, {@code 500ms}, {@code 1.5s}, {@code 2m}, {@code 1h}. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s|m|h)");

    @Override
    public Duration convert(String text) {
        Matcher m = FORMAT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException(
                    "'" + text + "' is not a duration (examples: 10s, 500ms, 1.5s, 2m, 1h)");
        }
        double nanosPerUnit = switch (m.group(2)) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> 3600e9;
        };
        double nanos = Double.parseDouble(m.group(1)) * nanosPerUnit;
        if (nanos < 1 || nanos > Long.MAX_VALUE / 1000.0) {
            throw new CommandLine.TypeConversionException("'" + text + "' is out of range (1 ns to 106 days)");
        }
        return Duration.ofNanos(Math.round(nanos));
    }
}
