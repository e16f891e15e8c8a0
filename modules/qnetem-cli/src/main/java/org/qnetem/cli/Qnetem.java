package org.qnetem.cli;

import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code qnetem} command. */
@Command(name = "qnetem", mixinStandardHelpOptions = true, versionProvider = Qnetem.Version.class,
        description = "QNetEm emulates quantum key distribution networks: every node and link an actor, "
                + "photon batches and classical messages between them, real protocol engines at both ends.",
        subcommands = {RunCommand.class, InjectCommand.class, NodeCommand.class, RateCommand.class,
            TopologyCommand.class, PkiCommand.class, BenchCommand.class,
            CommandLine.HelpCommand.class})
public final class Qnetem {

    /** Exit code for bad input: an unknown option, a bad value, an invalid topology. */
    static final int EXIT_USAGE = 2;
    /** Exit code for a run that started but could not finish. */
    static final int EXIT_FAILURE = 1;

    public static void main(String[] args) {
        // Initialise logging before actor threads log concurrently, which SLF4J would otherwise
        // report as calls "intercepted during the initialization phase".
        LoggerFactory.getILoggerFactory();
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Qnetem())
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    commandLine.getErr().println("qnetem: " + e.getMessage());
                    return EXIT_FAILURE;
                });
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Qnetem.class.getPackage().getImplementationVersion();
            return new String[] {"qnetem " + (version == null ? "development build" : version)};
        }
    }
}
