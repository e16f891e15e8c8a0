package org.qnetem.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the qnetem command in-process and keeps what it printed on each stream. */
final class CommandUnderTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    int execute(String... args) {
        CommandLine commandLine = Qnetem.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    /** Forgets what was printed so far, so the next call's output can be read alone. */
    void clear() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }
}
