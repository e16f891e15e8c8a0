package org.qnetem.runtime.topology;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Loads topology files (HOCON, see {@code config/two-node.conf}) and validates them strictly. Every
 * failure, from a missing file to an out-of-range setting, becomes one {@link TopologyException} that
 * lists all problems found.
 */
public final class TopologyLoader {

    /** Always HOCON, whatever the file is called, so a file's meaning never depends on its name. */
    private static final ConfigParseOptions PARSE_OPTIONS =
            ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false);

    /**
     * Substitutions resolve within the file only: a topology must mean the same on every machine of a
     * cluster, so environment variables and system properties are not consulted.
     */
    private static final ConfigResolveOptions RESOLVE_OPTIONS = ConfigResolveOptions.noSystem();

    private TopologyLoader() {
    }

    public static Topology load(Path file) {
        String source = file.toString();
        if (!Files.exists(file)) {
            throw fileProblem(source, "file not found");
        }
        if (!Files.isRegularFile(file)) {
            throw fileProblem(source, "not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw fileProblem(source, "file is not readable");
        }
        return read(source, () -> ConfigFactory.parseFile(file.toFile(), PARSE_OPTIONS));
    }

    /** Parses topology text; {@code sourceName} stands for the file name in error messages. */
    public static Topology parse(String hoconText, String sourceName) {
        Objects.requireNonNull(hoconText, "hoconText");
        Objects.requireNonNull(sourceName, "sourceName");
        return read(sourceName,
                () -> ConfigFactory.parseString(hoconText, PARSE_OPTIONS.setOriginDescription(sourceName)));
    }

    private static Topology read(String source, Supplier<Config> parser) {
        Problems problems = new Problems(source);
        ConfigObject root;
        try {
            root = parser.get().resolve(RESOLVE_OPTIONS).root();
        } catch (ConfigException e) {
            problems.addFileProblem(describe(e), e.origin());
            throw new TopologyException(problems.lines());
        }
        return new TopologyReader(source, problems).read(root)
                .orElseThrow(() -> new TopologyException(problems.lines()));
    }

    /** Typesafe Config's message without its location prefix, which the problem line carries itself. */
    private static String describe(ConfigException e) {
        String message = e.getMessage();
        if (e.origin() != null && message.startsWith(e.origin().description() + ": ")) {
            message = message.substring(e.origin().description().length() + 2);
        }
        boolean syntaxError = e instanceof ConfigException.Parse
                && !(e instanceof ConfigException.UnresolvedSubstitution);
        return syntaxError ? "syntax error: " + message : message;
    }

    private static TopologyException fileProblem(String source, String reason) {
        Problems problems = new Problems(source);
        problems.addFileProblem(reason, null);
        return new TopologyException(problems.lines());
    }
}
