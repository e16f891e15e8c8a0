package org.qnetem.runtime.topology;

import com.typesafe.config.ConfigObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qnetem.runtime.fault.Fault;
import org.qnetem.runtime.fault.FaultBook;
import org.qnetem.runtime.fault.ScheduledFault;

/**
 * Loads fault scenarios (HOCON, see {@code config/scenarios/}) against a topology, strictly: every
 * problem, from an unknown fault or key to a link the topology lacks, is reported with the file, the
 * setting's path and its line, and all of them at once ({@link ScenarioException}).
 *
 * <pre>
 * faults = [
 *   { at = 30s, fault = cut, link = "BRS-BRADLEY" }
 *   { at = 45s, fault = restore, link = "BRS-BRADLEY" }
 *   { at = 10s, fault = intercept-resend, link = "ENGI-CAPE", fraction = 0.5, until = 40s }
 * ]
 * </pre>
 * The operator API reads one entry of the same form (JSON is HOCON), with {@code at} optional.
 */
public final class ScenarioLoader {

    /** Default share of test gates of a blinding monitor, and its alarm threshold in clicks per batch. */
    public static final double DEFAULT_TEST_GATE_FRACTION = 1e-3;
    public static final long DEFAULT_ALARM_CLICKS = 5;
    /** Default retransmission timeout of a lossy classical channel. */
    public static final long DEFAULT_RETRANSMIT_PS = 200_000_000_000L;

    private static final List<String> COMMON = List.of("at", "until", "fault");
    private static final Map<String, List<String>> KEYS = Map.ofEntries(
            Map.entry("cut", List.of("link")),
            Map.entry("restore", List.of("link")),
            Map.entry("loss-ramp", List.of("link", "extra-db", "ramp")),
            Map.entry("intercept-resend", List.of("link", "fraction")),
            Map.entry("photon-number-splitting", List.of("link")),
            Map.entry("blinding", List.of("link", "monitor", "test-gate-fraction", "alarm-clicks")),
            Map.entry("dark-count-storm", List.of("link", "factor")),
            Map.entry("detector-failure", List.of("link")),
            Map.entry("classical-latency", List.of("link", "extra")),
            Map.entry("classical-loss", List.of("link", "probability", "retransmit")),
            Map.entry("partition", List.of("link")),
            Map.entry("node-crash", List.of("node")),
            Map.entry("kme-outage", List.of("node")),
            Map.entry("member-kill", List.of("member")));

    /**
     * One scenario entry: a fault from {@code atPs} (null: now) until {@code untilPs}, or, when
     * {@code fault} is null, the restoration of the cuts of {@code restoredLink}.
     */
    public record Entry(Long atPs, long untilPs, Fault fault, String restoredLink) {
    }

    private ScenarioLoader() {
    }

    /** The scenario in {@code file}, its faults numbered 1, 2, … in file order. */
    public static List<ScheduledFault> load(Path file, Topology topology) {
        String source = file.toString();
        Problems problems = new Problems(source);
        return HoconFiles.parse(file, problems)
                .flatMap(root -> read(root, topology, problems))
                .orElseThrow(() -> new ScenarioException(problems.lines()));
    }

    /** Parses scenario text; {@code sourceName} stands for the file name in error messages. */
    public static List<ScheduledFault> parse(String hocon, String sourceName, Topology topology) {
        Problems problems = new Problems(sourceName);
        return HoconFiles.parse(hocon, sourceName, problems)
                .flatMap(root -> read(root, topology, problems))
                .orElseThrow(() -> new ScenarioException(problems.lines()));
    }

    /** One entry, as the operator API receives it: {@code at} may be left out (now). */
    public static Entry parseEntry(String hocon, String sourceName, Topology topology) {
        Problems problems = new Problems(sourceName);
        return HoconFiles.parse(hocon, sourceName, problems)
                .flatMap(root -> entry(new Section(root, "", problems), false, topology))
                .filter(entry -> problems.isEmpty())
                .orElseThrow(() -> new ScenarioException(problems.lines()));
    }

    private static Optional<List<ScheduledFault>> read(ConfigObject root, Topology topology, Problems problems) {
        Section file = new Section(root, "", problems);
        file.allowOnly("faults", "description");
        file.optionalString("description", "");
        Optional<List<Section>> sections = file.requiredSections("faults");
        if (sections.isEmpty()) {
            return Optional.empty();
        }
        List<ScheduledFault> faults = new ArrayList<>();
        long id = 1;
        for (Section section : sections.get()) {
            Optional<Entry> read = entry(section, true, topology);
            if (read.isEmpty()) {
                continue;
            }
            Entry entry = read.get();
            if (entry.fault() != null) {
                faults.add(new ScheduledFault(id++, entry.atPs(), entry.untilPs(), entry.fault()));
            } else if (!restore(faults, entry)) {
                section.report("restore of link " + entry.restoredLink() + " at " + entry.atPs() / 1e12
                        + " s: no cut of that link is open before it");
            }
        }
        return problems.isEmpty() ? Optional.of(List.copyOf(faults)) : Optional.empty();
    }

    /** Closes the latest open cut of the restored link that began before the restoration. */
    private static boolean restore(List<ScheduledFault> faults, Entry restore) {
        for (int i = faults.size() - 1; i >= 0; i--) {
            ScheduledFault f = faults.get(i);
            if (f.fault() instanceof Fault.FibreCut cut && cut.link().equals(restore.restoredLink())
                    && f.untilPs() == ScheduledFault.OPEN && f.atPs() < restore.atPs()) {
                faults.set(i, f.until(restore.atPs()));
                return true;
            }
        }
        return false;
    }

    private static Optional<Entry> entry(Section s, boolean atRequired, Topology topology) {
        Optional<String> kind = s.requiredString("fault");
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        List<String> own = KEYS.get(kind.get());
        if (own == null) {
            s.reportAt("fault", "unknown fault '" + kind.get() + "'; known faults: "
                    + String.join(", ", KEYS.keySet().stream().sorted().toList()));
            return Optional.empty();
        }
        List<String> allowed = new ArrayList<>(COMMON);
        allowed.addAll(own);
        s.allowOnly(allowed.toArray(String[]::new));
        Optional<Long> at = atRequired ? s.requiredDurationPs("at") : s.optionalDurationPs("at", -1);
        Optional<Long> until = s.optionalDurationPs("until", ScheduledFault.OPEN);
        if (at.isPresent() && until.isPresent() && until.get() != ScheduledFault.OPEN && at.get() >= 0
                && until.get() <= at.get()) {
            s.reportAt("until", "must be after 'at' (" + at.get() / 1e12 + " s), got " + until.get() / 1e12 + " s");
        }
        Long atPs = at.filter(t -> t >= 0).orElse(null);
        Optional<Fault> fault = fault(s, kind.get());
        if (fault.isPresent()) {
            try {
                FaultBook.check(topology, fault.get());
            } catch (IllegalArgumentException e) {
                s.reportAt(fault.get() instanceof Fault.Node || fault.get() instanceof Fault.Kme ? "node" : "link",
                        e.getMessage());
            }
        }
        if (kind.get().equals("restore")) {
            Optional<String> link = s.requiredString("link");
            if (until.isPresent() && until.get() != ScheduledFault.OPEN) {
                s.reportAt("until", "a restore has no 'until'");
            }
            link.filter(id -> topology.links().stream().noneMatch(l -> l.id().equals(id)))
                    .ifPresent(id -> s.reportAt("link", "no link '" + id + "' in topology " + topology.name()));
            return s.build(() -> new Entry(atPs, ScheduledFault.OPEN, null, link.orElseThrow()));
        }
        return s.build(() -> new Entry(atPs, until.orElseThrow(), fault.orElseThrow(), null));
    }

    private static Optional<Fault> fault(Section s, String kind) {
        if (kind.equals("restore")) {
            return Optional.empty();
        }
        if (kind.equals("node-crash")) {
            return s.requiredString("node").map(Fault.NodeCrash::new);
        }
        if (kind.equals("kme-outage")) {
            return s.requiredString("node").map(Fault.KmeOutage::new);
        }
        if (kind.equals("member-kill")) {
            long member = s.requiredWholeNumber("member", NumberRange.closed(0, Integer.MAX_VALUE));
            return s.build(() -> new Fault.MemberKill(Math.toIntExact(member)));
        }
        Optional<String> link = s.requiredString("link");
        return switch (kind) {
            case "cut" -> link.map(Fault.FibreCut::new);
            case "loss-ramp" -> {
                double db = s.requiredNumber("extra-db", NumberRange.above(0));
                Optional<Long> ramp = s.optionalDurationPs("ramp", 0);
                yield link.flatMap(l -> ramp.flatMap(r -> s.build(() -> new Fault.LossRamp(l, db, r))));
            }
            case "intercept-resend" -> {
                double fraction = s.optionalNumber("fraction", 1, NumberRange.aboveUpTo(0, 1));
                yield link.flatMap(l -> s.build(() -> new Fault.InterceptResend(l, fraction)));
            }
            case "photon-number-splitting" -> link.map(Fault.PhotonNumberSplitting::new);
            case "blinding" -> {
                Optional<Boolean> monitor = s.optionalBoolean("monitor", false);
                double fraction = s.optionalNumber("test-gate-fraction", DEFAULT_TEST_GATE_FRACTION,
                        NumberRange.open(0, 1));
                long clicks = s.optionalWholeNumber("alarm-clicks", DEFAULT_ALARM_CLICKS, 1);
                if (monitor.isPresent() && !monitor.get()
                        && (s.has("test-gate-fraction") || s.has("alarm-clicks"))) {
                    s.reportAt("monitor", "test-gate-fraction and alarm-clicks set a blinding monitor; add"
                            + " monitor = true");
                }
                yield link.flatMap(l -> monitor.flatMap(m -> s.build(() -> new Fault.DetectorBlinding(l, m,
                        m ? fraction : 0, clicks))));
            }
            case "dark-count-storm" -> {
                double factor = s.requiredNumber("factor", NumberRange.above(1));
                yield link.flatMap(l -> s.build(() -> new Fault.DarkCountStorm(l, factor)));
            }
            case "detector-failure" -> link.map(Fault.DetectorFailure::new);
            case "classical-latency" -> {
                Optional<Long> extra = s.requiredDurationPs("extra");
                yield link.flatMap(l -> extra.flatMap(e -> s.build(() -> new Fault.ClassicalLatency(l, e))));
            }
            case "classical-loss" -> {
                double probability = s.requiredNumber("probability", NumberRange.aboveUpTo(0, 1));
                Optional<Long> retransmit = s.optionalDurationPs("retransmit", DEFAULT_RETRANSMIT_PS);
                yield link.flatMap(l -> retransmit.flatMap(r -> s.build(() ->
                        new Fault.ClassicalLoss(l, probability, r))));
            }
            case "partition" -> link.map(Fault.ClassicalPartition::new);
            default -> throw new IllegalStateException("fault kind without a reader: " + kind);
        };
    }
}
