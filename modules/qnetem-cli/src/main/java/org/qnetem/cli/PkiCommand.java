package org.qnetem.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.qnetem.kms.pki.PkiException;
import org.qnetem.kms.pki.PkiIssuer;
import org.qnetem.runtime.topology.NodeSpec;
import org.qnetem.runtime.topology.Topology;
import org.qnetem.runtime.topology.TopologyException;
import org.qnetem.runtime.topology.TopologyLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qnetem pki}: makes the CA, KME and SAE certificates the ETSI GS QKD 014 endpoints use. */
@Command(name = "pki", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Makes a CA and a certificate and key per KME and per SAE, as PEM files in DIR: ca.pem,"
                + " kme-<ID>.pem|.key, sae-<ID>.pem|.key (keys unencrypted PKCS#8, readable by their owner only),"
                + " for the KMEs' HTTPS endpoints and for SAE clients such as curl:",
            "  curl --cacert DIR/ca.pem --cert DIR/sae-<ID>.pem --key DIR/sae-<ID>.key"
                + " https://localhost:PORT/api/v1/keys/<SLAVE>/status",
            "KME certificates name localhost, 127.0.0.1 and every --host; an SAE's ID is its certificate's CN."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the files were written", "1:an unexpected failure",
            "2:bad input (an option, an ID that cannot name a file, existing files without --force, an unwritable"
                + " directory)"})
final class PkiCommand implements Callable<Integer> {

    @Option(names = "--topology", paramLabel = "FILE",
            description = "Issue for the topology's KMEs (its nodes with a kme { host, port }) and SAEs, and the"
                    + " KMEs' hosts; --kme, --sae and --host add to them.")
    private Path topologyFile;

    @Option(names = "--kme", paramLabel = "ID", arity = "1..*",
            description = "KME IDs (the nodes that serve keys).")
    private List<String> kmes = List.of();

    @Option(names = "--sae", paramLabel = "ID", arity = "1..*", description = "SAE IDs (the applications), any number.")
    private List<String> saes = List.of();

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The directory to write (created).")
    private Path out;

    @Option(names = "--host", paramLabel = "H", arity = "1..*",
            description = "More DNS names or IP addresses the KMEs are reached at.")
    private List<String> hosts = List.of();

    @Option(names = "--force", description = "Replace existing files in DIR (a new CA: reissue every file).")
    private boolean force;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Set<String> kmeIds = new LinkedHashSet<>();
        Set<String> saeIds = new LinkedHashSet<>();
        Set<String> kmeHosts = new LinkedHashSet<>();
        if (topologyFile != null) {
            Topology topology;
            try {
                topology = TopologyLoader.load(RunCommand.locate(topologyFile));
            } catch (TopologyException e) {
                err.println("qnetem pki: invalid topology");
                err.println(e.getMessage());
                return Qnetem.EXIT_USAGE;
            }
            for (NodeSpec node : topology.nodes()) {
                node.kme().ifPresent(endpoint -> {
                    kmeIds.add(node.id());
                    kmeHosts.add(endpoint.host());
                });
            }
            topology.saes().forEach(sae -> saeIds.add(sae.id()));
        }
        kmeIds.addAll(kmes);
        saeIds.addAll(saes);
        kmeHosts.addAll(hosts);
        if (kmeIds.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), topologyFile == null
                    ? "Give --topology FILE or at least one --kme ID"
                    : "The topology " + topologyFile + " has no node with a kme { host, port } and no --kme was given");
        }
        List<Path> written;
        try {
            written = PkiIssuer.issue(out, List.copyOf(kmeIds), List.copyOf(saeIds), List.copyOf(kmeHosts), force);
        } catch (PkiException e) {
            err.println("qnetem pki: " + e.getMessage());
            return Qnetem.EXIT_USAGE;
        } catch (IOException e) {
            err.println("qnetem pki: cannot write " + out + ": " + e);
            return Qnetem.EXIT_USAGE;
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("wrote %d files to %s: a CA, %d KME and %d SAE certificates with their keys%n", written.size(),
                out, kmeIds.size(), saeIds.size());
        written.forEach(file -> stdout.println("  " + file.getFileName()));
        stdout.flush();
        return 0;
    }
}
