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
