package org.qnetem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.qnetem.qkd.protocol.Incarnation;
import org.junit.jupiter.api.io.TempDir;
import org.qnetem.runtime.QnetemConfig;
import org.qnetem.runtime.clock.ClockMode;
import org.qnetem.runtime.clock.ClockSettings;
import org.qnetem.runtime.clock.ProgressListener;
import org.qnetem.runtime.fault.Event;
import org.qnetem.runtime.fault.Fault;
import org.qnetem.runtime.fault.ScheduledFault;
import org.qnetem.runtime.cluster.ClusterPlacement;
import org.qnetem.runtime.cluster.HostPort;
import org.qnetem.runtime.link.BlockRecord;
import org.qnetem.runtime.link.KeyStatistics;
import org.qnetem.runtime.link.LinkStatistics;
import org.qnetem.runtime.report.RunReport;
import org.qnetem.runtime.report.RunReports;
import org.qnetem.runtime.run.Emulation;
import org.qnetem.runtime.run.EmulationGuardian;
import org.qnetem.runtime.run.MemberLoss;
import org.qnetem.runtime.run.RunResult;
import org.qnetem.runtime.run.RunSettings;
import org.qnetem.runtime.topology.Fidelity;
import org.qnetem.runtime.topology.LinkSpec;
import org.qnetem.runtime.topology.Topology;
import org.qnetem.runtime.topology.TopologyLoader;

/**
 * The UK network runs in real time on three {@code qnetem node} JVMs; one dies mid-run, killed with SIGKILL or
 * by a {@code member-kill} fault. The split-brain resolver downs it, sharding starts its regions' entities on
 * the two left, the links of its nodes stop and, once those nodes run again, start a new life that makes key,
 * and the run goes on to the end: the report lists what was lost, the links elsewhere keep making key, and no
 * invariant is broken.
 */
class ClusterRunKillTest {

    private static final Path UK = Path.of("../../config/uk-bristol-cambridge.conf");
    private static final long DURATION_PS = 60_000_000_000_000L;
    private static final long KILL_AFTER_MS = 8_000;

    @TempDir
    Path logs;

    /** What one run on three members gave, and which member died when (seconds after the run began). */
    private record Killed(RunResult result, Topology topology, String victim, double killedAtSeconds) {
    }

    @Test
    void aMemberKilledWithSigkillMidRunIsReHomedAndTheRunCompletes() throws Exception {
        Killed run = runOnThreeMembers(List.of(), true);
        assertTrue(run.result().lost().get(0).noticedAtPs() / 1e12 < run.killedAtSeconds() + 30, "noticed at "
                + run.result().lost().get(0).noticedAtPs() / 1e12 + " s of emulated (= wall) time, killed at "
                + run.killedAtSeconds() + " s");
        assertLossHandled(run);
    }

    @Test
    void aMemberKillFaultKillsTheMemberAndTheRunGoesOnWithoutIt() throws Exception {
        Killed run = runOnThreeMembers(List.of(new ScheduledFault(1, KILL_AFTER_MS * 1_000_000_000L,
                ScheduledFault.OPEN, new Fault.MemberKill(2))), false);
        assertTrue(run.result().faultEvents().stream().anyMatch(e -> e.type().equals("fault-applied")
                && e.target().equals("member 2")), run.result().faultEvents().toString());
        assertLossHandled(run);
    }

    /**
     * The UK network in real time on three member JVMs; the member hosting region 2 dies after
     * {@link #KILL_AFTER_MS}: SIGKILLed by the test if {@code sigkill}, else by the scenario's fault.
     */
    private Killed runOnThreeMembers(List<ScheduledFault> scenario, boolean sigkill) throws Exception {
        Topology topology = TopologyLoader.load(UK).withFidelity(Fidelity.STATISTICAL);
        RunSettings settings = new RunSettings(3, new ClockSettings(ClockMode.REALTIME, 1.0, DURATION_PS,
                50_000_000_000L), scenario);
        int[] artery = MemberProcesses.freePorts(3);
        int[] management = MemberProcesses.freePorts(3);
        List<HostPort> seeds = List.of(new HostPort("127.0.0.1", artery[0]), new HostPort("127.0.0.1", artery[1]));
        String seedList = seeds.get(0) + "," + seeds.get(1);
        // Region r starts on the r-th member by address; the victim hosts region 2.
        List<String> addresses = new ArrayList<>(Arrays.stream(artery).mapToObj(p -> "pekko://qnetem@127.0.0.1:" + p)
                .sorted().toList());
        String victimAddress = addresses.get(2);
        int victim = Arrays.stream(artery).boxed().toList()
                .indexOf(Integer.parseInt(victimAddress.substring(victimAddress.lastIndexOf(':') + 1)));
        ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
        AtomicLong killedAtNanos = new AtomicLong();
        long startNanos = System.nanoTime();
        RunResult result;
        try (MemberProcesses members = new MemberProcesses(logs)) {
            for (int i = 0; i < 3; i++) {
                members.start(i, seedList, artery[i], management[i]);
            }
            ClusterPlacement placement = new ClusterPlacement(seeds, 3, "kill", Files.readString(UK), topology,
                    Fidelity.STATISTICAL, settings);
            result = Emulation.run(new EmulationGuardian.Request(topology, settings, ProgressListener.NONE, null, null,
                    live -> {
                        if (sigkill) {
                            killer.schedule(() -> {
                                members.get(victim).destroyForcibly();
                                killedAtNanos.set(System.nanoTime());
                            }, KILL_AFTER_MS, TimeUnit.MILLISECONDS);
                        }
                    }, placement),
                    ClusterPlacement.coordinatorConfig(QnetemConfig.load(), "kill", "127.0.0.1", 0));
            assertEquals(137, members.get(victim).waitFor(10, TimeUnit.SECONDS) ? members.get(victim).exitValue()
                    : -1, "the member did not die as SIGKILL ends a process");
        } finally {
            killer.shutdownNow();
        }
        return new Killed(result, topology, victimAddress, (killedAtNanos.get() - startNanos) / 1e9);
    }

    private static void assertLossHandled(Killed run) {
        RunResult result = run.result();
        Topology topology = run.topology();
        String victimAddress = run.victim();
        assertEquals(1, result.lost().size(), result.lost().toString());
        MemberLoss loss = result.lost().get(0);
        assertEquals(victimAddress, loss.member());
        assertEquals(List.of(2), loss.regions());
        assertFalse(loss.nodes().isEmpty());

        long afterLoss = 0;
        long firstOfNewLife = new Incarnation(1, 0).firstBlockId();
        for (int i = 0; i < topology.links().size(); i++) {
            LinkSpec link = topology.links().get(i);
            KeyStatistics keys = result.links().get(i).keys();
            assertEquals(0, keys.mismatchedKeys() + keys.keysDeliveredTwice() + keys.keysFromAbortedBlocks(),
                    link.id());
            boolean touched = loss.nodes().contains(link.transmitterId()) || loss.nodes().contains(link.receiverId());
            if (!touched) {
                afterLoss += Arrays.stream(keys.delivered()).mapToLong(BlockRecord::finishedAtPs)
                        .filter(t -> t > loss.noticedAtPs()).count();
            } else {
                assertTrue(Arrays.stream(result.links().get(i).observations().events())
                        .anyMatch(e -> e.type().equals("link-new-life")), link.id() + " did not start a new life");
                assertTrue(Arrays.stream(keys.delivered()).anyMatch(b -> b.blockId() >= firstOfNewLife),
                        link.id() + " made no key in its new life");
            }
        }
        assertTrue(afterLoss > 0, "no link away from the lost member made key after the loss");
        Event renewed = result.faultEvents().stream().filter(e -> e.type().equals("links-renewed")
                && e.target().equals(victimAddress)).findFirst().orElseThrow(() -> new AssertionError(
                        "no links-renewed event: " + result.faultEvents()));
        assertTrue(renewed.timePs() < loss.noticedAtPs() + 30_000_000_000_000L, "renewed at "
                + renewed.timePs() / 1e12 + " s, the loss noticed at " + loss.noticedAtPs() / 1e12 + " s");

        RunReport report = RunReports.of(result);
        assertEquals(1, report.lost().size());
        assertFalse(report.lost().get(0).linksStopped().isEmpty());
        assertEquals(renewed.timePs() / 1e12, report.lost().get(0).renewedSeconds());
        assertTrue(report.events().stream().anyMatch(e -> e.type().equals("member-lost")
                && e.target().equals(victimAddress)), "no member-lost event");
        assertTrue(report.invariants().values().stream().allMatch(v -> v == 0), report.invariants().toString());
        for (LinkStatistics statistics : result.links()) {
            assertEquals(0, statistics.siftLengthMismatches(), statistics.linkId());
        }
    }
}
