package org.qnetem.runtime.cluster;

import java.util.List;
import org.qnetem.runtime.fault.FaultBook;
import org.qnetem.runtime.fault.ScheduledFault;
import org.qnetem.runtime.serialization.InternalMessage;
import org.qnetem.runtime.topology.Fidelity;
import org.qnetem.runtime.topology.Topology;
import org.qnetem.runtime.topology.TopologyLoader;

/**
 * What every member needs to host a run's entities: the topology as resolved text (members parse it as
 * the coordinator did), the {@code --fidelity} override or null, the run's seed, duration and epoch, the
 * scenario's faults (the classical channels' planned timelines) and the members the topology's regions
 * start on. The clock, which every link tells of its completed epochs, is not here: the run id names the
 * cluster singleton it is ({@link ClockSingleton}), which each member reaches through its own proxy.
 */
public record RunSpec(String runId, String topologyText, String topologySource, Fidelity fidelity, long seed,
                      long durationPs, long epochPs, ScheduledFault[] scenario, String[] hosts)
        implements InternalMessage {

    public RunSpec {
        scenario = scenario.clone();
        hosts = hosts.clone();
    }

    /** The members that host the run's regions at its start, by address: region r lives on member r mod n. */
    @Override
    public String[] hosts() {
        return hosts.clone();
    }

    /** How many regions the topology is split into: one per member. */
    public int regions() {
        return hosts.length;
    }

    /** Whether region {@code region} started on {@code member} (an address as {@link #hosts} names it). */
    public boolean home(int region, String member) {
        return hosts[Math.floorMod(region, hosts.length)].equals(member);
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
