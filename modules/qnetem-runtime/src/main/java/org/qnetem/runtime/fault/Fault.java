package org.qnetem.runtime.fault;

/**
 * A fault that can be injected into a running emulation, as a scenario file or the operator API names
 * it. Faults come in layers, each applied by the part of the runtime that owns that layer: quantum faults
 * change a link's channel, detectors or eavesdropper ({@link LinkConditions}, in the link actor);
 * classical faults change a link's classical channel; node faults stop and restart a node's link ends.
 * KME faults take a node's key management entity out of service while its links go on. A new layer is a
 * new sealed sub-interface with its own applier, so a switch over the layers stays exhaustive.
 */
public sealed interface Fault permits Fault.Quantum, Fault.Classical, Fault.Node, Fault.Kme, Fault.Member {

    /**
     * Faults of a cluster run's members. Member {@code member} is the one hosting topology region
     * {@code member} at the start (members in address order, as the report's {@code cluster.members}).
     */
    sealed interface Member extends Fault permits MemberKill {

        int member();

        @Override
        default String target() {
            return "member " + member();
        }
    }

    /** Faults of a node's KME (the key layer), while the node's quantum links keep running. */
    sealed interface Kme extends Fault permits KmeOutage {

        String node();

        @Override
        default String target() {
            return node();
        }
    }

    /** The fault's name in scenario files and the operator API, e.g. {@code intercept-resend}. */
    String kind();

    /** The link or node it acts on. */
    String target();

    /** A one-line description with the fault's parameters, for events and tables. */
    String describe();

    /** Faults of a link's quantum channel, detectors and eavesdropper. */
    sealed interface Quantum extends Fault permits FibreCut, LossRamp, InterceptResend, PhotonNumberSplitting,
            DetectorBlinding, DarkCountStorm, DetectorFailure {

        String link();

        @Override
        default String target() {
            return link();
        }
    }

    /** Faults of a link's classical channel. */
    sealed interface Classical extends Fault permits ClassicalLatency, ClassicalLoss, ClassicalPartition {

        String link();

        /**
         * True when nothing gets through while it lasts (a partition, or a loss of every transmission): the
         * KMEs' relay messages, which travel the same classical network, cannot cross the hop either.
         */
        default boolean severs() {
            return false;
        }

        @Override
        default String target() {
            return link();
        }
    }

    /** Faults of a whole node. */
    sealed interface Node extends Fault permits NodeCrash {

        String node();

        @Override
        default String target() {
            return node();
        }
    }

    /** The fibre is cut: no light reaches the receiver, which still sees its dark counts. */
    record FibreCut(String link) implements Quantum {
        @Override
        public String kind() {
            return "cut";
        }

        @Override
        public String describe() {
            return "fibre cut on " + link;
        }
    }

    /**
     * Extra loss rising linearly from 0 to {@code extraDb} over {@code rampPs} after the fault applies, then
     * held: a fibre bent by works, or aerial fibre icing up.
     */
    record LossRamp(String link, double extraDb, long rampPs) implements Quantum {
        public LossRamp {
            if (!(extraDb > 0) || Double.isInfinite(extraDb)) {
                throw new IllegalArgumentException("extra loss must be a positive number of dB, got " + extraDb);
            }
            if (rampPs < 0) {
                throw new IllegalArgumentException("ramp duration must be >= 0, got " + rampPs + " ps");
            }
        }

        @Override
        public String kind() {
            return "loss-ramp";
        }

        @Override
        public String describe() {
            return "loss ramp on " + link + ": +" + extraDb + " dB over " + rampPs / 1e12 + " s";
        }
    }

    /** Intercept-resend on a fraction of the pulses ({@link org.qnetem.physics.attack.InterceptResend}). */
    record InterceptResend(String link, double fraction) implements Quantum {
        public InterceptResend {
            if (!(fraction > 0 && fraction <= 1)) {
                throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
            }
        }

        @Override
        public String kind() {
            return "intercept-resend";
        }

        @Override
        public String describe() {
            return "intercept-resend on " + link + " (fraction " + fraction + ")";
        }
    }

    /** Photon-number splitting ({@link org.qnetem.physics.attack.PhotonNumberSplitting}). */
    record PhotonNumberSplitting(String link) implements Quantum {
        @Override
        public String kind() {
            return "photon-number-splitting";
        }

        @Override
        public String describe() {
            return "photon-number splitting on " + link;
        }
    }

    /**
     * Detector blinding with faked states ({@link org.qnetem.physics.attack.DetectorBlinding}); with
     * {@code monitor}, Bob runs a blinding monitor with that share of test gates and alarm threshold.
     */
    record DetectorBlinding(String link, boolean monitor, double testGateFraction, long alarmClicks)
            implements Quantum {
        public DetectorBlinding {
            if (monitor && !(testGateFraction > 0 && testGateFraction < 1)) {
                throw new IllegalArgumentException("test-gate fraction must be in (0, 1), got " + testGateFraction);
            }
            if (alarmClicks < 1) {
                throw new IllegalArgumentException("alarm clicks must be at least 1, got " + alarmClicks);
            }
        }

        @Override
        public String kind() {
            return "blinding";
        }

        @Override
        public String describe() {
            return "detector blinding on " + link + (monitor ? " (blinding monitor on, test-gate fraction "
                    + testGateFraction + ", alarm at " + alarmClicks + " clicks)" : " (no blinding monitor)");
        }
    }

    /** Bob's detectors dark-count {@code factor} times as often (heat, a failing cooler, stray light). */
    record DarkCountStorm(String link, double factor) implements Quantum {
        public DarkCountStorm {
            if (!(factor > 1) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("dark-count factor must be a number > 1, got " + factor);
            }
        }

        @Override
        public String kind() {
            return "dark-count-storm";
        }

        @Override
        public String describe() {
            return "dark-count storm on " + link + " (x" + factor + ")";
        }
    }

    /** Bob's detectors are dead: no click at all, not even a dark count. */
    record DetectorFailure(String link) implements Quantum {
        @Override
        public String kind() {
            return "detector-failure";
        }

        @Override
        public String describe() {
            return "detector failure on " + link;
        }
    }

    /** Every classical message on the link takes {@code extraPs} longer. */
    record ClassicalLatency(String link, long extraPs) implements Classical {
        public ClassicalLatency {
            if (extraPs <= 0) {
                throw new IllegalArgumentException("extra latency must be > 0, got " + extraPs + " ps");
            }
        }

        @Override
        public String kind() {
            return "classical-latency";
        }

        @Override
        public String describe() {
            return "classical latency on " + link + ": +" + extraPs / 1e9 + " ms";
        }
    }

    /**
     * Each transmission of a classical message is lost with {@code probability}; the transport sends it
     * again after {@code retransmitPs} until it gets through, so loss costs time, not messages. At
     * probability 1 nothing gets through until the loss clears: the channel holds messages as a partition does.
     */
    record ClassicalLoss(String link, double probability, long retransmitPs) implements Classical {
        public ClassicalLoss {
            if (!(probability > 0 && probability <= 1)) {
                throw new IllegalArgumentException("loss probability must be in (0, 1], got " + probability);
            }
            if (retransmitPs <= 0) {
                throw new IllegalArgumentException("retransmission timeout must be > 0, got " + retransmitPs + " ps");
            }
        }

        @Override
        public String kind() {
            return "classical-loss";
        }

        @Override
        public String describe() {
            return "classical message loss on " + link + " (probability " + probability + ", retransmit after "
                    + retransmitPs / 1e9 + " ms)";
        }

        @Override
        public boolean severs() {
            return probability == 1;
        }
    }

    /** The classical channel is down: messages wait until it heals. */
    record ClassicalPartition(String link) implements Classical {
        @Override
        public String kind() {
            return "partition";
        }

        @Override
        public boolean severs() {
            return true;
        }

        @Override
        public String describe() {
            return "classical partition on " + link;
        }
    }

    /** A trusted node crashes: its link ends stop until it restarts (the fault clears). */
    record NodeCrash(String node) implements Node {
        @Override
        public String kind() {
            return "node-crash";
        }

        @Override
        public String describe() {
            return "node " + node + " crashed";
        }
    }

    /**
     * A node's KME is out of service: ETSI calls to it get 503, its links are down for key relays, and the key
     * blocks its links finish while it is out are lost at both ends ({@link org.qnetem.kms.BlockHold}).
     */
    record KmeOutage(String node) implements Kme {
        @Override
        public String kind() {
            return "kme-outage";
        }

        @Override
        public String describe() {
            return "KME of " + node + " out of service";
        }
    }

    /**
     * A cluster member dies at once, as if killed with SIGKILL (its JVM halts with exit code 137): sharding
     * re-homes its regions and the run reports what was lost with it (see README "Cluster runs").
     */
    record MemberKill(int member) implements Member {
        public MemberKill {
            if (member < 0) {
                throw new IllegalArgumentException("member-kill: member must be 0 or more, got " + member);
            }
        }

        @Override
        public String kind() {
            return "member-kill";
        }

        @Override
        public String describe() {
            return "cluster member " + member + " (in address order) killed";
        }
    }
}
