package org.qnetem.cli;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.qnetem.kms.pki.PkiFiles;
import org.qnetem.runtime.QnetemConfig;
import org.qnetem.runtime.clock.ClockMode;
import org.qnetem.runtime.clock.ClockSettings;
import org.qnetem.runtime.clock.ProgressListener;
import org.qnetem.runtime.cluster.ClusterPlacement;
import org.qnetem.runtime.cluster.HostPort;
import org.qnetem.runtime.fault.ScheduledFault;
import org.qnetem.runtime.kms.EtsiEndpoints;
import org.qnetem.runtime.operator.OperatorSettings;
import org.qnetem.runtime.report.ReportTable;
import org.qnetem.runtime.report.ReportWriter;
import org.qnetem.runtime.report.RunReport;
import org.qnetem.runtime.report.RunReports;
import org.qnetem.runtime.run.Emulation;
import org.qnetem.runtime.run.EmulationFailedException;
import org.qnetem.runtime.run.EmulationGuardian;
import org.qnetem.runtime.run.LocalPlacement;
import org.qnetem.runtime.run.Placement;
import org.qnetem.runtime.run.RunResult;
import org.qnetem.runtime.run.RunSettings;
import org.qnetem.runtime.topology.Fidelity;
import org.qnetem.runtime.topology.Topology;
import org.qnetem.runtime.topology.ScenarioException;
import org.qnetem.runtime.topology.ScenarioLoader;
import org.qnetem.runtime.topology.TopologyException;
import org.qnetem.runtime.topology.TopologyLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Emulates a topology and prints, per link, pulses, detections, sifted bits, QBER and sifted"
                + " rate, each beside its analytic expectation. With --cluster the nodes and links run on the"
                + " members of a cluster (started with 'qnetem node'), and this process coordinates the run.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run finished", "1:the run failed",
            "2:bad input (option, value, topology, or a report file that cannot be written)"})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "TOPOLOGY", defaultValue = "config/uk-bristol-cambridge.conf",
            description = "Topology file (HOCON). Relative paths not found here are looked up under $QNETEM_HOME."
                    + " Default: ${DEFAULT-VALUE}.")
    private Path topologyFile;

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "60s", converter = DurationConverter.class,
            description = "Emulated time to run, e.g. 10s, 500ms, 2m. Default: ${DEFAULT-VALUE}.")
    private Duration duration;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "fast",
            description = "fast: as fast as possible, deterministic; realtime: emulated time paced to the wall"
                    + " clock. Default: ${DEFAULT-VALUE}.")
    private String mode;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
            description = "In realtime mode, emulated seconds per wall second. Default: ${DEFAULT-VALUE}.")
    private double speed;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Run seed: the same seed gives the same detections, sifted bits and statistics."
                    + " Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--fidelity", paramLabel = "F", defaultValue = "as-configured",
            description = "full: every click and key bit through the protocol stack; statistical: per-batch counts"
                    + " from the same physics and key length from the same finite-key formula (much faster);"
                    + " as-configured: each link's own fidelity. Overrides every link. Default: ${DEFAULT-VALUE}.")
    private String fidelity;

    @Option(names = "--scenario", paramLabel = "FILE",
            description = "Fault scenario (HOCON, see config/scenarios/): faults applied at emulated times. Relative"
                    + " paths not found here are looked up under $QNETEM_HOME.")
    private Path scenarioFile;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Also write the JSON run report to FILE (written whole or not at all).")
    private Path reportFile;

    @Option(names = "--operator-port", paramLabel = "P",
            description = "Serve the operator API (GET /api/topology, /api/links, /api/nodes, /api/kmes, /metrics;"
                    + " /api/faults, /api/events) on 127.0.0.1:P while the run goes; 0 picks a free port. Its address"
                    + " is printed at start.")
    private Integer operatorPort;

    @Option(names = "--pki", paramLabel = "DIR",
            description = "Serve every KME that has a kme { host, port } in the topology over ETSI GS QKD 014"
                    + " (HTTPS, client certificates required) with the certificates in DIR, made by"
                    + " 'bin/qnetem pki --topology TOPOLOGY --out DIR'. Each KME's URL is printed at start.")
    private Path pkiDirectory;

    @Option(names = "--quiet", description = "No live status line.")
    private boolean quiet;

    @Option(names = "--cluster",
            description = "Run on the members of a cluster ('qnetem node') instead of in this JVM: the topology is"
                    + " split into one region per member, and this process joins as the run's coordinator (clock,"
                    + " faults, report). The report then has a cluster section. Needs --seed-nodes.")
    private boolean cluster;

    @Option(names = "--seed-nodes", paramLabel = "HOST:PORT[,HOST:PORT]",
            description = "With --cluster: members to join (their Artery host:port).")
    private String seedNodes;

    @Option(names = "--min-members", paramLabel = "N",
            description = "With --cluster: wait for this many members before the run starts (and fail after"
                    + " qnetem.cluster.member-timeout, 120 s, without them). Default: 1.")
    private Integer minMembers;

    @Option(names = "--host", paramLabel = "H",
            description = "With --cluster: the address this coordinator binds to and the members reach it at."
                    + " Default: 127.0.0.1.")
    private String host;

    @Option(names = "--port", paramLabel = "P",
            description = "With --cluster: this coordinator's Artery port; 0 picks a free port. Default: 0.")
    private Integer port;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ClockMode clockMode = parseMode();
        Optional<Fidelity> fidelityOverride = parseFidelity();
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--speed': must be a positive number, got " + speed);
        }
        ClusterOptions clusterOptions = clusterOptions();
        Topology topology;
        String topologyText;
        try {
            topology = TopologyLoader.load(locate(topologyFile));
            topologyText = clusterOptions == null ? null : TopologyLoader.resolvedText(locate(topologyFile));
            if (fidelityOverride.isPresent()) {
                topology = topology.withFidelity(fidelityOverride.get());
            }
        } catch (TopologyException e) {
            err.println("qnetem run: invalid topology");
            err.println(e.getMessage());
            return Qnetem.EXIT_USAGE;
        }
        List<ScheduledFault> scenario = List.of();
        if (scenarioFile != null) {
            try {
                scenario = ScenarioLoader.load(locate(scenarioFile), topology);
            } catch (ScenarioException e) {
                err.println("qnetem run: invalid scenario");
                err.println(e.getMessage());
                return Qnetem.EXIT_USAGE;
            }
        }
        if (operatorPort != null && (operatorPort < 0 || operatorPort > 65_535)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--operator-port': must be 0..65535, got " + operatorPort);
        }
        if (reportFile != null) {
            try {
                ReportWriter.checkWritable(reportFile);
            } catch (IOException e) {
                err.println("qnetem run: cannot write the report to " + reportFile + ": " + e);
                return Qnetem.EXIT_USAGE;
            }
        }
        String runId = runId();
        Config config = clusterOptions == null ? QnetemConfig.load()
                : ClusterPlacement.coordinatorConfig(QnetemConfig.load(), runId, clusterOptions.host(),
                        clusterOptions.port());
        long epochPs = config.getDuration("qnetem.clock.epoch").toNanos() * 1000;
        RunSettings settings = new RunSettings(seed,
                new ClockSettings(clockMode, speed, duration.toNanos() * 1000, epochPs), scenario);
        StatusLine status = quiet ? null : new StatusLine(System.err, System.console() != null, settings.clock());
        ProgressListener progress = status == null ? ProgressListener.NONE : status;
        RunResult result;
        try {
            OperatorSettings operator = operatorPort == null ? null : new OperatorSettings(operatorPort,
                    address -> err.println("operator API: http://" + address.getHostString() + ":"
                            + address.getPort()));
            EtsiEndpoints etsi = pkiDirectory == null ? null : new EtsiEndpoints(new PkiFiles(pkiDirectory),
                    (node, address) -> err.println("KME " + node + " (ETSI GS QKD 014): https://"
                            + address.getHostString() + ":" + address.getPort() + "/api/v1/keys/"));
            if (etsi == null && topology.nodes().stream().anyMatch(node -> node.kme().isPresent())) {
                err.println("KME endpoints not served: give --pki DIR (made by bin/qnetem pki --topology "
                        + topologyFile + " --out DIR)");
            }
            Placement placement = clusterOptions == null ? new LocalPlacement()
                    : new ClusterPlacement(clusterOptions.seeds(), clusterOptions.minMembers(), runId,
                            topologyText, topology, fidelityOverride.orElse(null), settings);
            result = Emulation.run(new EmulationGuardian.Request(topology, settings, progress, operator, etsi,
                    live -> {
                        if (status != null) {
                            status.follow(live);
                        }
                    }, placement), config);
        } catch (EmulationFailedException e) {
            closeStatus(status);
            err.println("qnetem run: the run failed: " + e.getMessage());
            if (clusterOptions != null) {
                err.println("qnetem run: a cluster run needs members started with 'qnetem node' that "
                        + clusterOptions.seeds() + " (--seed-nodes) lead to, and they must reach this coordinator at "
                        + clusterOptions.host() + " (--host)");
            }
            return Qnetem.EXIT_FAILURE;
        }
        closeStatus(status);
        RunReport report = RunReports.of(result);
        spec.commandLine().getOut().print(ReportTable.render(report));
        spec.commandLine().getOut().flush();
        if (reportFile != null) {
            try {
                ReportWriter.write(report, reportFile);
            } catch (IOException e) {
                err.println("qnetem run: cannot write the report to " + reportFile + ": " + e);
                return Qnetem.EXIT_FAILURE;
            }
            err.println("report written to " + reportFile);
        }
        return 0;
    }

    /** The status line is wiped before anything else is printed. */
    private static void closeStatus(StatusLine status) {
        if (status != null) {
            status.close();
        }
    }

    /** Where a cluster run's coordinator joins and what it waits for. */
    private record ClusterOptions(List<HostPort> seeds, int minMembers, String host, int port) {
    }

    /** The --cluster options, checked; null for a run in this JVM, which takes none of them. */
    private ClusterOptions clusterOptions() {
        if (!cluster) {
            String stray = seedNodes != null ? "--seed-nodes" : minMembers != null ? "--min-members"
                    : host != null ? "--host" : port != null ? "--port" : null;
            if (stray != null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "Option '" + stray + "' is for cluster runs: add --cluster");
            }
            return null;
        }
        if (seedNodes == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Missing option '--seed-nodes': --cluster needs the members to join, e.g. --seed-nodes"
                            + " 127.0.0.1:7355,127.0.0.1:7356");
        }
        List<HostPort> seeds;
        try {
            seeds = HostPort.parseList(seedNodes, "--seed-nodes");
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option " + e.getMessage());
        }
        int members = minMembers == null ? 1 : minMembers;
        if (members < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--min-members': must be at least 1, got " + members);
        }
        String address = host == null ? "127.0.0.1" : host.strip();
        if (address.isEmpty() || address.contains(":")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--host': expected a host name or IPv4 address, got '" + host + "'");
        }
        int artery = port == null ? 0 : port;
        if (artery < 0 || artery > 65_535) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--port': must be 0..65535, got " + artery);
        }
        return new ClusterOptions(seeds, members, address, artery);
    }

    /**
     * Names the run's sharded entity types on every member, so it must differ between runs a long-lived cluster
     * hosts one after another and be safe in an actor name: the seed and the start time.
     */
    private String runId() {
        return "run-" + Long.toUnsignedString(seed, 36) + "-" + Long.toString(System.currentTimeMillis(), 36);
    }

    private ClockMode parseMode() {
        switch (mode) {
            case "fast":
                return ClockMode.FAST;
            case "realtime":
                return ClockMode.REALTIME;
            default:
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "Invalid value for option '--mode': expected fast or realtime, got '" + mode + "'");
        }
    }

    private Optional<Fidelity> parseFidelity() {
        if (fidelity.equals("as-configured")) {
            return Optional.empty();
        }
        return Optional.of(Fidelity.fromConfigName(fidelity).orElseThrow(() -> new CommandLine.ParameterException(
                spec.commandLine(), "Invalid value for option '--fidelity': expected full, statistical or"
                        + " as-configured, got '" + fidelity + "'")));
    }

    static Path locate(Path file) {
        String home = System.getenv("QNETEM_HOME");
        if (!file.isAbsolute() && !Files.exists(file) && home != null && Files.exists(Path.of(home).resolve(file))) {
            return Path.of(home).resolve(file);
        }
        return file;
    }
}
