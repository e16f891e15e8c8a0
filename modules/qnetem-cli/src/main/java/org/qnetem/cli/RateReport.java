package org.qnetem.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code qnetem rate} prints: a titled two-column table, or the same facts as one JSON object. */
final class RateReport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MathContext SIGNIFICANT = new MathContext(4);

    private final List<String> lines = new ArrayList<>();
    private final Map<String, Object> fields = new LinkedHashMap<>();

    RateReport(String title) {
        lines.add(title);
    }

    /** A JSON field only. */
    RateReport put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    /** A table row only; {@code format} is applied to {@code args} in the ROOT locale. */
    RateReport row(String label, String format, Object... args) {
        lines.add(String.format(Locale.ROOT, "%-22s", label) + String.format(Locale.ROOT, format, args));
        return this;
    }

    /** {@code value} to 4 significant figures with an SI prefix: {@code si(2e6, "Hz")} is "2 MHz". */
    static String si(double value, String unit) {
        String[] prefixes = {"", "k", "M", "G", "T"};
        int power = 0;
        double scaled = value;
        while (Math.abs(scaled) >= 1000 && power < prefixes.length - 1) {
            scaled /= 1000;
            power++;
        }
        return number(scaled) + " " + prefixes[power] + unit;
    }

    /** {@code value} to 4 significant figures without trailing zeros: 0.0002, 0.4355, 100, 3.2e12. */
    static String number(double value) {
        if (value == 0 || !Double.isFinite(value)) {
            return value == 0 ? "0" : Double.toString(value);
        }
        BigDecimal rounded = new BigDecimal(value).round(SIGNIFICANT).stripTrailingZeros();
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-4 && magnitude < 1e6) {
            return rounded.toPlainString();
        }
        int exponent = rounded.precision() - rounded.scale() - 1;
        return rounded.movePointLeft(exponent).toPlainString() + "e" + exponent;
    }

    String table() {
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    String json() {
        try {
            return JSON.writeValueAsString(fields) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
