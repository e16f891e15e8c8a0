package org.qnetem.runtime.topology;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Parses the HOCON files QNetEm reads (topologies, device profiles) one strict way: a file that cannot
 * be read or parsed becomes a problem in {@link Problems}, never an exception.
 */
final class HoconFiles {

    /** Always HOCON, whatever the file is called, so a file's meaning never depends on its name. */
    private static final ConfigParseOptions PARSE_OPTIONS =
            ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false);

    /**
     * Substitutions resolve within the file only: a file must mean the same on every machine of a
     * cluster, so environment variables and system properties are not consulted.
     */
    private static final ConfigResolveOptions RESOLVE_OPTIONS = ConfigResolveOptions.noSystem();

    private HoconFiles() {
    }

    /** The file's root object, or empty after reporting why it could not be read. */
    static Optional<ConfigObject> parse(Path file, Problems problems) {
        if (!Files.exists(file)) {
            problems.addFileProblem("file not found", null);
            return Optional.empty();
        }
        if (!Files.isRegularFile(file)) {
            problems.addFileProblem("not a regular file", null);
            return Optional.empty();
        }
        if (!Files.isReadable(file)) {
            problems.addFileProblem("file is not readable", null);
            return Optional.empty();
        }
        return resolve(() -> ConfigFactory.parseFile(file.toFile(), PARSE_OPTIONS), problems);
    }

    /**
     * The file's root after includes and substitutions, rendered as concise HOCON (JSON) text that
     * {@link #parse(String, String, Problems)} reads back to the same root, or empty after reporting why it could
     * not be read.
     */
    static Optional<String> resolvedText(Path file, Problems problems) {
        return parse(file, problems).map(root -> root.render(ConfigRenderOptions.concise()));
    }

    /** Parses text; {@code sourceName} stands for the file name in problems. */
    static Optional<ConfigObject> parse(String hoconText, String sourceName, Problems problems) {
        return resolve(() -> ConfigFactory.parseString(hoconText, PARSE_OPTIONS.setOriginDescription(sourceName)),
                problems);
    }

    private static Optional<ConfigObject> resolve(Supplier<Config> parser, Problems problems) {
        try {
            return Optional.of(parser.get().resolve(RESOLVE_OPTIONS).root());
        } catch (ConfigException e) {
            problems.addFileProblem(describe(e), e.origin());
            return Optional.empty();
        }
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
}
