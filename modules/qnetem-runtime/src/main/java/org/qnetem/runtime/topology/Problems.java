package org.qnetem.runtime.topology;

import com.typesafe.config.ConfigOrigin;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem in one topology file, formatted as {@code <file>: <path>: <reason> (line N)};
 * problems with the file as a whole have no path.
 */
final class Problems {

    private final String source;
    private final List<String> lines = new ArrayList<>();

    Problems(String source) {
        this.source = source;
    }

    void add(String path, String reason, ConfigOrigin origin) {
        lines.add(file(origin) + ": " + path + ": " + reason + lineSuffix(origin));
    }

    /** A problem with the file as a whole, such as a syntax error, which has no setting path. */
    void addFileProblem(String reason, ConfigOrigin origin) {
        lines.add(file(origin) + ": " + reason + lineSuffix(origin));
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    /** An included file reports its own name, so the line number points into the right file. */
    private String file(ConfigOrigin origin) {
        return origin != null && origin.filename() != null ? origin.filename() : source;
    }

    private static String lineSuffix(ConfigOrigin origin) {
        return origin != null && origin.lineNumber() > 0 ? " (line " + origin.lineNumber() + ")" : "";
    }
}
