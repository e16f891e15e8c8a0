package org.qnetem.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.qnetem.runtime.topology.Fidelity;
import org.qnetem.runtime.topology.Topology;
import org.qnetem.runtime.topology.TopologyException;
import org.qnetem.runtime.topology.TopologyLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qnetem topology generate}: writes a synthetic national network (see {@link NationalNetwork}). */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes a synthetic national network, the same for the same options and seed: metro clusters"
                + " of endpoints 10-30 km from their hub, the hubs joined by a planar backbone (their"
                + " relative-neighbourhood graph) whose edges trusted relays split into segments of at most 80 km,"
                + " in a box 47-53 N, 2-12 E. Every link is config/two-node.conf's decoy-BB84 device."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the file was written", "1:an unexpected failure",
            "2:bad input (an option, too few nodes, an existing file without --force, an unwritable file)"})
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--nodes", paramLabel = "N", required = true,
            description = "Number of nodes, hubs, relays and endpoints together (at least 2).")
    private int nodes;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Generator seed: the same seed and options give the same file. Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The topology file to write.")
    private Path out;

    @Option(names = "--metro-clusters", paramLabel = "M",
            description = "Number of metro clusters, each with one hub. Default: one per 25 nodes, at least one.")
    private Integer metroClusters;

    @Option(names = "--fidelity", paramLabel = "F", defaultValue = "statistical",
            description = "Every link's fidelity: full or statistical. Default: ${DEFAULT-VALUE}.")
    private String fidelity;

    @Option(names = "--force", description = "Replace FILE if it exists.")
    private boolean force;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Fidelity linkFidelity = Fidelity.fromConfigName(fidelity).orElseThrow(() -> new CommandLine.ParameterException(
                spec.commandLine(), "Invalid value for option '--fidelity': expected full or statistical, got '"
                        + fidelity + "'"));
        int metros = metroClusters != null ? metroClusters : NationalNetwork.defaultMetros(nodes);
        NationalNetwork network;
        try {
            network = NationalNetwork.generate(nodes, seed, metros, linkFidelity);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (Files.exists(out) && !force) {
            err.println("qnetem topology generate: " + out + " exists; give --force to replace it");
            return Qnetem.EXIT_USAGE;
        }
        String text = network.hocon();
        try {
            // A self-check: the generator must only ever write files the loader accepts.
            Topology loaded = TopologyLoader.parse(text, out.toString());
            if (loaded.nodes().size() != nodes) {
                throw new IllegalStateException("generated " + loaded.nodes().size() + " nodes, not " + nodes);
            }
        } catch (TopologyException e) {
            throw new IllegalStateException("the generated topology does not load:\n" + e.getMessage(), e);
        }
        try {
            writeAtomically(text);
        } catch (FileAlreadyExistsException e) {
            err.println("qnetem topology generate: " + out + " exists; give --force to replace it");
            return Qnetem.EXIT_USAGE;
        } catch (IOException e) {
            err.println("qnetem topology generate: cannot write " + out + ": " + e);
            return Qnetem.EXIT_USAGE;
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %d nodes (%d metro hubs, %d trusted relays,"
                        + " %d endpoints), %d links (%d backbone segments, longest %.1f km), fidelity %s%n",
                out, nodes, network.hubs().size(), network.relays().size(), network.endpoints().size(),
                network.links().size(), network.links().stream().filter(NationalNetwork.Link::backbone).count(),
                network.longestBackboneSegmentKm(), linkFidelity.configName());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Writes a temporary file beside {@code out}, then moves it into place: the file appears whole or not at all. */
    private void writeAtomically(String text) throws IOException {
        Path target = out.toAbsolutePath();
        Path directory = target.getParent();
        Files.createDirectories(directory);
        // Not Files.createTempFile: its owner-only permissions would stay on the file; this one gets the umask's.
        Path temporary = directory.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + System.nanoTime() + ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            if (force) {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(temporary, target);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
