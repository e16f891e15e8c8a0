package org.qnetem.runtime.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.qnetem.runtime.fault.BlockTruth;
import org.qnetem.runtime.fault.Event;
import org.qnetem.runtime.fault.Fault;
import org.qnetem.runtime.fault.FaultBook;
import org.qnetem.runtime.fault.ScheduledFault;
import org.qnetem.runtime.link.BlockRecord;
import org.qnetem.runtime.link.LinkStatistics;
import org.qnetem.runtime.run.RunResult;
import org.qnetem.runtime.topology.LinkSpec;

/** The report's fault, event and ground-truth sections, from a run's fault book and its links' observations. */
final class FaultReports {

    /** Reactions that count as the network noticing a fault. */
    private static final Set<String> NOTICING = Set.of("qber-alarm", "block-aborted", "link-down", "blinding-alarm",
            "kme-down");
    /** Reactions that say a link (or a KME) is working again. */
    private static final Set<String> RECOVERING = Set.of("link-up", "key-recovered", "kme-up");

    static final String GROUND_TRUTH_DEFINITION = "sifted_bits: matched-basis detections (key and test basis) of"
            + " the block's batches, as the channel sampler counted them; eve_known_sifted_bits: those whose value"
            + " Eve knows (she measured the pulse in Alice's basis, kept a photon of a multi-photon pulse, or made"
            + " the click herself by blinding), at statistical fidelity the model's expectation rounded;"
            + " eve_known_fraction = eve_known_sifted_bits / sifted_bits; eve_key_bits: bits of the delivered"
            + " (privacy-amplified) key Eve holds at least, secret_bits - min(secret_bits, max(0,"
            + " key_bits - round(key_bits * eve_known_fraction) - leaked_bits)): the final key cannot hold more"
            + " entropy unknown to Eve than the raw key bits she does not know less what error correction"
            + " disclosed. Equal to secret_bits when she knew the whole raw key, whatever the QBER showed.";

    private FaultReports() {
    }

    /** Every event of the run, in a total order: the faults' own, then each link's reactions. */
    static List<Event> events(RunResult result) {
        List<Event> events = new ArrayList<>(result.faultEvents());
        for (LinkStatistics link : result.links()) {
            events.addAll(List.of(link.observations().events()));
        }
        events.sort(Event.ORDER);
        return events;
    }

    static List<RunReport.FaultReport> faults(RunResult result, List<Event> events, double seconds) {
        List<RunReport.FaultReport> reports = new ArrayList<>();
        long endPs = Math.round(seconds * 1e12);
        PairSupply supply = new PairSupply(result, endPs);
        for (FaultBook.FaultState state : result.faults()) {
            ScheduledFault scheduled = state.scheduled();
            Fault fault = scheduled.fault();
            List<String> affected = affectedLinks(result, fault);
            Long applied = state.appliedPs();
            Long cleared = state.clearedPs();
            Event noticed = null;
            Event recovered = null;
            Map<String, Long> reactions = new TreeMap<>();
            if (applied != null) {
                for (Event event : events) {
                    if (event.faultId() != Event.NO_FAULT || event.timePs() < applied
                            || !affected.contains(event.target()) && !event.target().equals(fault.target())) {
                        continue;
                    }
                    reactions.merge(event.type(), 1L, Long::sum);
                    if (noticed == null && NOTICING.contains(event.type())) {
                        noticed = event;
                    }
                    if (recovered == null && cleared != null && event.timePs() >= cleared
                            && RECOVERING.contains(event.type())) {
                        recovered = event;
                    }
                }
            }
            reports.add(new RunReport.FaultReport(scheduled.id(), fault.kind(), fault.target(), fault.describe(),
                    scheduled.atPs() / 1e12,
                    scheduled.untilPs() == ScheduledFault.OPEN ? null : scheduled.untilPs() / 1e12,
                    applied == null ? null : applied / 1e12, cleared == null ? null : cleared / 1e12,
                    noticed == null ? null : noticed.timePs() / 1e12, noticed == null ? null : noticed.type(),
                    recovered == null ? null : recovered.timePs() / 1e12, affected, reactions,
                    applied == null ? null : keyRate(result, affected, 0, applied),
                    applied == null ? null : keyRate(result, affected, applied, cleared == null ? endPs : cleared),
                    cleared == null ? null : keyRate(result, affected, cleared, endPs),
                    applied == null ? List.of() : supply.around(applied, cleared == null ? endPs : cleared, endPs)));
        }
        return reports;
    }

    /** The links a fault acts on: its link, or every link of its node (crashed, or whose KME is out). */
    private static List<String> affectedLinks(RunResult result, Fault fault) {
        if (fault instanceof Fault.Node || fault instanceof Fault.Kme) {
            String node = fault.target();
            return result.topology().links().stream()
                    .filter(l -> l.transmitterId().equals(node) || l.receiverId().equals(node))
                    .map(LinkSpec::id).toList();
        }
        return List.of(fault.target());
    }

    /** Secret bits of the blocks the links delivered in [fromPs, toPs), per emulated second; null if empty. */
    private static Double keyRate(RunResult result, List<String> links, long fromPs, long toPs) {
        if (toPs <= fromPs) {
            return null;
        }
        long bits = 0;
        for (LinkStatistics link : result.links()) {
            if (!links.contains(link.linkId())) {
                continue;
            }
            for (BlockRecord block : link.keys().delivered()) {
                if (block.finishedAtPs() >= fromPs && block.finishedAtPs() < toPs) {
                    bits += block.detail().secretBits();
                }
            }
        }
        return bits / ((toPs - fromPs) / 1e12);
    }

    static RunReport.GroundTruthReport groundTruth(RunResult result) {
        List<RunReport.LinkTruthReport> links = new ArrayList<>();
        for (LinkStatistics link : result.links()) {
            List<RunReport.BlockTruthReport> blocks = new ArrayList<>();
            long secret = 0;
            long eve = 0;
            long whole = 0;
            for (BlockTruth truth : link.observations().truths()) {
                long eveBits = truth.eveKeyBits();
                secret += truth.secretBits();
                eve += eveBits;
                whole += eveBits == truth.secretBits() && eveBits > 0 ? 1 : 0;
                blocks.add(new RunReport.BlockTruthReport(truth.blockId(), truth.finishedAtPs() / 1e12,
                        truth.testQber(), truth.keyBits(), truth.siftedBits(), truth.eveKnownSiftedBits(),
                        truth.eveKnownFraction(), truth.leakedBits(), truth.secretBits(), eveBits));
            }
            links.add(new RunReport.LinkTruthReport(link.linkId(), blocks.size(), secret, eve, whole, blocks));
        }
        return new RunReport.GroundTruthReport(GROUND_TRUTH_DEFINITION, links);
    }
}
