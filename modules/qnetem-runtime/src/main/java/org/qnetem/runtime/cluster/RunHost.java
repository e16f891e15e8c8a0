package org.qnetem.runtime.cluster;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.qnetem.runtime.entity.RunEntities;
import org.qnetem.runtime.serialization.InternalMessage;
import org.qnetem.runtime.serialization.SentTraffic;
import org.qnetem.runtime.topology.Topology;

/**
 * A cluster member's host for runs: registered with the receptionist, so a run's coordinator finds every
 * member, it starts the run's sharded entities on its member when told the run ({@link RunSpec}) and
 * reports the member's outgoing traffic.
 */
public final class RunHost {

    public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "qnetem-run-host");

    public sealed interface Command permits Prepare, Report, RegionsFound, Halt {
    }

    /** A fault kills this member: its JVM halts at once, as SIGKILL would end it (exit code 137). */
    public enum Halt implements Command, InternalMessage {
        INSTANCE
    }

    /** Host the run's entities; answered once this member's sharding for the run is started. */
    public record Prepare(RunSpec spec, ActorRef<Prepared> replyTo) implements Command, InternalMessage {
    }

    /** {@code failure} is null when the member is ready, else why it cannot host the run. */
    public record Prepared(String runId, String member, String failure) implements InternalMessage {
    }

    /** Which of the run's regions this member hosts, and its outgoing traffic so far. */
    public record Report(String runId, ActorRef<MemberReport> replyTo) implements Command, InternalMessage {
    }

    /**
     * One member's regions of a run (the shards of its node entities) and what its serializers wrote, by
     * message class: its outgoing cluster traffic.
     */
    public record MemberReport(String member, int[] regions, String[] types, long[] messages, long[] bytes)
            implements InternalMessage {
        static MemberReport of(String member, int[] regions, Map<String, SentTraffic.Count> counts) {
            String[] types = counts.keySet().toArray(String[]::new);
            long[] messages = new long[types.length];
            long[] bytes = new long[types.length];
            for (int i = 0; i < types.length; i++) {
                messages[i] = counts.get(types[i]).messages();
                bytes[i] = counts.get(types[i]).bytes();
            }
            return new MemberReport(member, regions, types, messages, bytes);
        }
    }

    private record RegionsFound(Report request, ShardRegion.CurrentShardRegionState state, Throwable failure)
            implements Command {
    }

    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);
    /** 128 + 9, what a process killed by SIGKILL reports. */
    private static final int KILLED_EXIT_CODE = 137;

    private RunHost() {
    }

    public static Behavior<Command> create() {
        return Behaviors.setup(context -> {
            ActorSystem<?> system = context.getSystem();
            context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf()));
            String member = Cluster.get(system).selfMember().address().toString();
            Duration kmeTick = system.settings().config().getDuration("qnetem.kms.tick");
            Map<String, RunShards> hosted = new HashMap<>();
            return Behaviors.receive(Command.class)
                    .onMessage(Prepare.class, prepare -> {
                        RunSpec spec = prepare.spec();
                        String failure = null;
                        if (!hosted.containsKey(spec.runId())) {
                            try {
                                hosted.put(spec.runId(), start(system, spec, kmeTick));
                                context.getLog().info("hosting run {} ({} regions)", spec.runId(), spec.regions());
                            } catch (RuntimeException e) {
                                failure = e.getMessage() == null ? e.toString() : e.getMessage();
                                context.getLog().error("cannot host run {}: {}", spec.runId(), failure);
                            }
                        }
                        prepare.replyTo().tell(new Prepared(spec.runId(), member, failure));
                        return Behaviors.same();
                    })
                    .onMessage(Report.class, report -> {
                        RunShards shards = hosted.get(report.runId());
                        if (shards == null) {
                            report.replyTo().tell(MemberReport.of(member, new int[0], SentTraffic.of(system)));
                        } else {
                            context.ask(ShardRegion.CurrentShardRegionState.class,
                                    ClusterSharding.get(system).shardState(), ASK_TIMEOUT,
                                    replyTo -> new GetShardRegionState(shards.nodes(), replyTo),
                                    (state, failure) -> new RegionsFound(report, state, failure));
                        }
                        return Behaviors.same();
                    })
                    .onMessageEquals(Halt.INSTANCE, () -> {
                        context.getLog().warn("killed by a member-kill fault: halting");
                        Runtime.getRuntime().halt(KILLED_EXIT_CODE);
                        return Behaviors.same();
                    })
                    .onMessage(RegionsFound.class, found -> {
                        int[] regions = found.state() == null ? new int[0] : found.state().getShards().stream()
                                .mapToInt(shard -> Integer.parseInt(shard.shardId())).sorted().toArray();
                        found.request().replyTo().tell(MemberReport.of(member, regions, SentTraffic.of(system)));
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    /** Starts the run's sharding on this member, its entities reaching the run's clock through a singleton proxy. */
    private static RunShards start(ActorSystem<?> system, RunSpec spec, Duration kmeTick) {
        Topology topology = spec.topology();
        RunEntities entities = new RunEntities(topology, spec.seed(), spec.durationPs(), spec.faultBook(topology),
                kmeTick);
        RunShards shards = RunShards.of(spec.runId(), new TopologyPartition(topology, spec.regions()));
        String self = Cluster.get(system).selfMember().address().toString();
        ShardedDirectory directory = new ShardedDirectory(system, shards, ClockSingleton.proxy(system, spec.runId()));
        shards.init(system, entities, directory, region -> spec.home(region, self));
        return shards;
    }
}
