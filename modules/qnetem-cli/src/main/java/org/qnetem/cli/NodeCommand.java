package org.qnetem.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.qnetem.runtime.cluster.ClusterMember;
import org.qnetem.runtime.cluster.HostPort;
import org.qnetem.runtime.cluster.MemberSettings;
import org.qnetem.runtime.cluster.MemberStartException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "node", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Starts a long-lived cluster member: joins the seed nodes, serves pekko-management (cluster"
                + " routes such as GET /cluster/members, and the /ready and /alive health checks) and prints one"
                + " line per membership change. SIGTERM or Ctrl-C leaves the cluster and stops. Members host"
                + " no emulation yet: sharded nodes and links come with the next step of distributed emulation.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"1:the cluster removed the member (e.g. the split-brain resolver downed it)",
            "2:bad input (option, seed node, profile) or a port that cannot be bound",
            "130, 143:stopped by SIGINT or SIGTERM, after leaving the cluster"})
final class NodeCommand implements Callable<Integer> {

    @Option(names = "--seed-nodes", paramLabel = "HOST:PORT[,HOST:PORT]",
            description = "Members to join (their Artery host:port). Required unless the profile bootstraps"
                    + " from service discovery (kubernetes).")
    private String seedNodes;

    @Option(names = "--host", paramLabel = "H",
            description = "Host name or address this member binds and is reached at. Default: 127.0.0.1 (the pod"
                    + " IP under the kubernetes profile).")
    private String host;

    @Option(names = "--port", paramLabel = "P",
            description = "Artery (cluster transport) port. Default: 7355.")
    private Integer port;

    @Option(names = "--management-port", paramLabel = "M",
            description = "pekko-management HTTP port, on the same host. Default: 7626.")
    private Integer managementPort;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Configuration profile: kubernetes (cluster bootstrap through the Kubernetes API)."
                    + " Default: the environment variable " + MemberSettings.PROFILE_ENV + ", else none.")
    private String profile;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** How long a downed member may take to stop before the process exits regardless. */
    private static final Duration DOWNED_GRACE = Duration.ofSeconds(30);

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MemberSettings settings;
        try {
            List<HostPort> seeds = seedNodes == null ? List.of() : HostPort.parseList(seedNodes, "--seed-nodes");
            settings = new MemberSettings(seeds, Optional.ofNullable(host),
                    port == null ? OptionalInt.empty() : OptionalInt.of(port),
                    managementPort == null ? OptionalInt.empty() : OptionalInt.of(managementPort),
                    Optional.ofNullable(profile).or(() -> Optional.ofNullable(System.getenv(MemberSettings.PROFILE_ENV))
                            .filter(value -> !value.isBlank())));
            settings.config();
        } catch (IllegalArgumentException e) {
            err.println("qnetem node: " + e.getMessage());
            return Qnetem.EXIT_USAGE;
        }
        ClusterMember member;
        try {
            member = ClusterMember.start(settings, line -> {
                out.println(line);
                out.flush();
            });
        } catch (MemberStartException e) {
            err.println("qnetem node: " + e.getMessage());
            return Qnetem.EXIT_USAGE;
        }
        out.println("member " + member.address() + " started; management API " + member.managementUri());
        out.flush();
        try {
            // A downed member's actor system can hang in its shutdown (seen once a cut-off member had hosted a
            // run's entities); the process must end all the same, so that an operator or a script sees it go.
            CompletableFuture<Boolean> terminated = member.whenTerminated().toCompletableFuture()
                    .thenApply(done -> true);
            CompletableFuture<Boolean> hung = member.whenDowned().toCompletableFuture()
                    .thenCompose(down -> new CompletableFuture<Boolean>()
                            .completeOnTimeout(false, DOWNED_GRACE.toSeconds(), TimeUnit.SECONDS));
            if (!(Boolean) CompletableFuture.anyOf(terminated, hung).get()) {
                err.println("qnetem node: the cluster downed this member and it did not stop within "
                        + DOWNED_GRACE.toSeconds() + " s; exiting");
                return Qnetem.EXIT_FAILURE;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            member.leave();
            return Qnetem.EXIT_FAILURE;
        } catch (ExecutionException e) {
            err.println("qnetem node: the member stopped abnormally: " + e.getCause());
            return Qnetem.EXIT_FAILURE;
        }
        if (member.stoppedOnRequest()) {
            out.println("member " + member.address() + " stopped");
            out.flush();
            return 0;
        }
        err.println("qnetem node: the cluster removed this member (see the lines above); stopped");
        return Qnetem.EXIT_FAILURE;
    }
}
