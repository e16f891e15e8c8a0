package org.qnetem.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code qnetem topology}: work on topology files. */
@Command(name = "topology", mixinStandardHelpOptions = true,
        description = "Work on topology files.",
        subcommands = {GenerateCommand.class, CommandLine.HelpCommand.class})
final class TopologyCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand (try: generate)");
    }
}
