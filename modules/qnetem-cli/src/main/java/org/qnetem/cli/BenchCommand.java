package org.qnetem.cli;

import com.sun.management.OperatingSystemMXBean;
import com.typesafe.config.Config;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.qnetem.runtime.QnetemConfig;
import org.qnetem.runtime.clock.ClockMode;
import org.qnetem.runtime.clock.ClockSettings;
import org.qnetem.runtime.clock.ProgressListener;
import org.qnetem.runtime.report.RunReport;
import org.qnetem.runtime.report.RunReports;
import org.qnetem.runtime.run.Emulation;
import org.qnetem.runtime.run.EmulationFailedException;
import org.qnetem.runtime.run.RunResult;
import org.qnetem.runtime.run.RunSettings;
import org.qnetem.runtime.topology.Fidelity;
import org.qnetem.runtime.topology.Topology;
import org.qnetem.runtime.topology.TopologyException;
import org.qnetem.runtime.topology.TopologyLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qnetem bench}: how fast and in how much heap a whole network runs. Runs a topology file, or a
 * generated national network of {@code --nodes} nodes ({@link NationalNetwork}, statistical fidelity), in fast
 * mode, and prints the real-time factor and the peak heap used after garbage collection ({@link HeapWatch})
 * beside the JVM's maximum heap and the machine's load.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a network in fast mode and reports its real-time factor (emulated seconds per wall"
                + " second) and the peak heap used after garbage collection. Give a TOPOLOGY file, or --nodes N for"
                + " a national network generated as by 'topology generate' (statistical fidelity). Set the heap"
                + " with QNETEM_JAVA_OPTS, e.g. QNETEM_JAVA_OPTS=-Xmx4g."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run finished with every invariant 0", "1:the run failed or broke an invariant",
            "2:bad input"})
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "TOPOLOGY",
            description = "Topology file (HOCON); not with --nodes.")
    private Path topologyFile;

    @Option(names = "--nodes", paramLabel = "N", description = "Generate a national network of N nodes instead.")
    private Integer nodes;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Run seed, and the generator's with --nodes. Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "10s", converter = DurationConverter.class,
            description = "Emulated time to run. Default: ${DEFAULT-VALUE}.")
    private Duration duration;

    @Option(names = "--fidelity", paramLabel = "F", defaultValue = "as-configured",
            description = "full, statistical or as-configured (each link's own; a generated network's links are"
                    + " statistical). Default: ${DEFAULT-VALUE}.")
    private String fidelity;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((nodes == null) == (topologyFile == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give either a TOPOLOGY file or --nodes N, not " + (nodes == null ? "neither" : "both"));
        }
        long loadStart = System.nanoTime();
        Topology topology;
        try {
            topology = nodes != null ? generated(nodes) : TopologyLoader.load(RunCommand.locate(topologyFile));
        } catch (TopologyException e) {
            err.println("qnetem bench: invalid topology");
            err.println(e.getMessage());
            return Qnetem.EXIT_USAGE;
        }
        if (!fidelity.equals("as-configured")) {
            topology = topology.withFidelity(Fidelity.fromConfigName(fidelity).orElseThrow(() ->
                    new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--fidelity':"
                            + " expected full, statistical or as-configured, got '" + fidelity + "'")));
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        Config config = QnetemConfig.load();
        long epochPs = config.getDuration("qnetem.clock.epoch").toNanos() * 1000;
        RunSettings settings = new RunSettings(seed,
                new ClockSettings(ClockMode.FAST, 1, duration.toNanos() * 1000, epochPs));
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double loadBefore = os.getSystemLoadAverage();
        long cpuBefore = os.getProcessCpuTime();
        RunResult result;
        long peakHeap;
        long collections;
        try (HeapWatch heap = new HeapWatch()) {
            result = Emulation.run(topology, settings, ProgressListener.NONE, config);
            peakHeap = heap.peakUsedAfterGcBytes();
            collections = heap.collections();
        } catch (EmulationFailedException e) {
            err.println("qnetem bench: the run failed: " + e.getMessage());
            return Qnetem.EXIT_FAILURE;
        }
        double cpuSeconds = (os.getProcessCpuTime() - cpuBefore) / 1e9;
        double loadAfter = os.getSystemLoadAverage();
        RunReport report = RunReports.of(result);
        long broken = report.invariants().values().stream().mapToLong(Long::longValue).sum();
        out.printf(Locale.ROOT, "bench %s: %d nodes, %d links, fidelity %s, seed %d (topology built in %.2f s)%n",
                topology.name(), topology.nodes().size(), topology.links().size(), fidelityOf(topology), seed,
                loadSeconds);
        out.printf(Locale.ROOT, "run    %.3f emulated s in %.3f wall s, fast mode: RTF %.3f%n",
                report.emulatedSeconds(), report.wallSeconds(), report.rtf());
        // On a shared machine the wall time depends on the other jobs; the CPU time much less.
        out.printf(Locale.ROOT, "cpu    %.3f process CPU s during the run (%.2f cores busy on average)%n",
                cpuSeconds, cpuSeconds / report.wallSeconds());
        out.printf(Locale.ROOT, "heap   peak used after GC %.1f MiB (%d collections), max heap %.1f MiB%n",
                peakHeap / 1048576.0, collections, Runtime.getRuntime().maxMemory() / 1048576.0);
        out.printf(Locale.ROOT, "key    %d blocks, %d aborted, %.4e secret bits%n",
                result.links().stream().mapToLong(link -> link.keys().blocks()).sum(),
                result.links().stream().mapToLong(link -> link.keys().abortedBlocks()).sum(),
                (double) result.links().stream().mapToLong(link -> link.keys().secretBits()).sum());
        out.printf(Locale.ROOT, "host   %d processors, load average %.2f before, %.2f after; Java %s%n",
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter, System.getProperty("java.version"));
        for (Map.Entry<String, Long> invariant : report.invariants().entrySet()) {
            if (invariant.getValue() != 0) {
                out.printf(Locale.ROOT, "invariant %s: %d  <-- must be 0%n", invariant.getKey(), invariant.getValue());
            }
        }
        out.println(broken == 0 ? "invariants: all 0" : "invariants: BROKEN");
        out.flush();
        return broken == 0 ? 0 : Qnetem.EXIT_FAILURE;
    }

    private Topology generated(int nodeCount) {
        NationalNetwork network;
        try {
            network = NationalNetwork.generate(nodeCount, seed, NationalNetwork.defaultMetros(nodeCount),
                    Fidelity.STATISTICAL);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return TopologyLoader.parse(network.hocon(), "generated national network (--nodes " + nodeCount + ")");
    }

    /** One fidelity, or "mixed" when the links differ. */
    private static String fidelityOf(Topology topology) {
        return topology.links().stream().map(link -> link.fidelity().configName()).distinct()
                .reduce((one, other) -> "mixed").orElse("none");
    }
}
