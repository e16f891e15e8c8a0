package org.qnetem.runtime.cluster;

import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.qnetem.runtime.clock.EmulationClock;
import org.qnetem.runtime.fault.FaultBook;
import org.qnetem.runtime.fault.ScheduledFault;
import org.qnetem.runtime.serialization.InternalMessage;
import org.qnetem.runtime.topology.Fidelity;
import org.qnetem.runtime.topology.Topology;
import org.qnetem.runtime.topology.TopologyLoader;

/**
 * What every member needs to host a run's entities: the topology as resolved text (members parse it as
 * the coordinator did), the {@code --fidelity} override or null, the run's seed, duration and epoch, the
 * scenario's faults (the classical channels' planned timelines), how many regions the topology is split
 * into, and the clock, which every link tells of its completed epochs.
 */
public record RunSpec(String runId, String topologyText, String topologySource, Fidelity fidelity, long seed,
                      long durationPs, long epochPs, ScheduledFault[] scenario, int regions,
                      ActorRef<EmulationClock.Command> clock) implements InternalMessage {

    public RunSpec {
        scenario = scenario.clone();
    }

    @Override
    public ScheduledFault[] scenario() {
        return scenario.clone();
    }

    public Topology topology() {
        Topology parsed = TopologyLoader.parse(topologyText, topologySource);
        return fidelity == null ? parsed : parsed.withFidelity(fidelity);
    }

    public FaultBook faultBook(Topology topology) {
        return new FaultBook(topology, List.of(scenario), epochPs);
    }
}
