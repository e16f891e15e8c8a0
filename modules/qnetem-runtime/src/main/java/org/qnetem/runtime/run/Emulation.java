package org.qnetem.runtime.run;

import com.typesafe.config.Config;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.qnetem.runtime.QnetemConfig;
import org.qnetem.runtime.clock.ProgressListener;
import org.qnetem.runtime.kms.EtsiEndpoints;
import org.qnetem.runtime.operator.LiveRun;
import org.qnetem.runtime.operator.OperatorSettings;
import org.qnetem.runtime.topology.Topology;

/** Runs one emulation in its own actor system (a one-member cluster) and returns what it measured. */
public final class Emulation {

    /** Name of the actor system, and so of the cluster members join. */
    public static final String SYSTEM_NAME = "qnetem";

    private Emulation() {
    }

    public static RunResult run(Topology topology, RunSettings settings, ProgressListener progress) {
        return run(topology, settings, progress, QnetemConfig.load());
    }

    public static RunResult run(Topology topology, RunSettings settings, ProgressListener progress, Config config) {
        return run(topology, settings, progress, config, null);
    }

    /** As {@link #run(Topology, RunSettings, ProgressListener, Config)}, serving the operator API unless null. */
    public static RunResult run(Topology topology, RunSettings settings, ProgressListener progress, Config config,
                                OperatorSettings operator) {
        return run(topology, settings, progress, config, operator, live -> { });
    }

    /**
     * As {@link #run(Topology, RunSettings, ProgressListener, Config, OperatorSettings)}, handing {@code onStarted}
     * the run's live view (clock, link snapshots, and the key layer whose KMEs serve ETSI GS QKD 014) just before
     * the clock starts.
     */
    public static RunResult run(Topology topology, RunSettings settings, ProgressListener progress, Config config,
                                OperatorSettings operator, Consumer<LiveRun> onStarted) {
        return run(topology, settings, progress, config, operator, null, onStarted);
    }

    /** As above, also serving the KMEs' ETSI GS QKD 014 endpoints unless {@code etsi} is null. */
    public static RunResult run(Topology topology, RunSettings settings, ProgressListener progress, Config config,
                                OperatorSettings operator, EtsiEndpoints etsi, Consumer<LiveRun> onStarted) {
        return run(new EmulationGuardian.Request(topology, settings, progress, operator, etsi, onStarted,
                new LocalPlacement()), config);
    }

    /** Runs what {@code request} asks, its entities where its placement puts them (this JVM or a cluster). */
    public static RunResult run(EmulationGuardian.Request request, Config config) {
        CompletableFuture<RunResult> result = new CompletableFuture<>();
        ActorSystem<?> system = ActorSystem.create(EmulationGuardian.create(request, result), SYSTEM_NAME, config);
        system.getWhenTerminated().thenRun(() -> result.completeExceptionally(new IllegalStateException(
                "the actor system stopped before the run finished; the log above says why")));
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmulationFailedException("the run was interrupted", e);
        } catch (ExecutionException e) {
            throw new EmulationFailedException(e.getCause().getMessage(), e.getCause());
        } finally {
            system.terminate();
            awaitTermination(system);
        }
    }

    private static void awaitTermination(ActorSystem<?> system) {
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            system.log().warn("actor system did not terminate cleanly: {}", e.toString());
        }
    }
}
