package org.qnetem.runtime.topology;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Loads topology files (HOCON, see {@code config/two-node.conf}) and validates them strictly. Every
 * failure, from a missing file to an out-of-range setting, becomes one {@link TopologyException} that
 * lists all problems found.
 */
public final class TopologyLoader {

    private TopologyLoader() {
    }

    public static Topology load(Path file) {
        String source = file.toString();
        Problems problems = new Problems(source);
        return HoconFiles.parse(file, problems)
                .flatMap(root -> new TopologyReader(source, problems).read(root))
                .orElseThrow(() -> new TopologyException(problems.lines()));
    }

    /**
     * The file's text with its includes and substitutions resolved, for a cluster run: every member parses it
     * with {@link #parse(String, String)} (given the file's name) into the topology {@link #load(Path)} gives
     * here, whatever files the member's machine has. Throws as {@link #load(Path)} does if the file cannot be
     * read or parsed.
     */
    public static String resolvedText(Path file) {
        Problems problems = new Problems(file.toString());
        return HoconFiles.resolvedText(file, problems).orElseThrow(() -> new TopologyException(problems.lines()));
    }

    /** Parses topology text; {@code sourceName} stands for the file name in error messages. */
    public static Topology parse(String hoconText, String sourceName) {
        Objects.requireNonNull(hoconText, "hoconText");
        Objects.requireNonNull(sourceName, "sourceName");
        Problems problems = new Problems(sourceName);
        return HoconFiles.parse(hoconText, sourceName, problems)
                .flatMap(root -> new TopologyReader(sourceName, problems).read(root))
                .orElseThrow(() -> new TopologyException(problems.lines()));
    }
}
