package org.qnetem.runtime.fault;

import java.util.List;
import java.util.Optional;
import org.qnetem.physics.attack.Attack;
import org.qnetem.physics.batch.Bbm92Arm;
import org.qnetem.physics.batch.PairInterceptResend;
import org.qnetem.physics.channel.QuantumChannel;
import org.qnetem.physics.detector.BlindingMonitor;
import org.qnetem.physics.detector.DetectorTiming;
import org.qnetem.physics.detector.FreeRunningTiming;
import org.qnetem.physics.detector.GatedTiming;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.detector.ThresholdDetector;

/**
 * The physics of a link under its active quantum faults: what the channel lets through, what Bob's receiver
 * is, and which eavesdropper acts. On a BBM92 link the faults act on end b's leg and receiver ({@link #armB}):
 * a loss anywhere on a pair's path scales its coincidences alike, and end b is the link's receiving end; an
 * intercept-resend acts on every leg with fibre ({@link #pairAttack}). The honest link is the empty set of faults. Faults
 * combine: losses multiply, dark-count factors multiply; of several attacks the one applied last acts
 * (an {@link Attack} is one eavesdropper's strategy, and two cannot hold the same fibre at once).
 *
 * <p>Each fault's {@code atPs} is the instant it applied (a loss ramp rises from there).
 */
public final class LinkConditions {

    /** A dark-count probability per gate is kept below 1 however large the storm. */
    private static final double MAX_DARK_COUNT_PER_GATE = 0.5;

    private final List<ScheduledFault> active;

    public LinkConditions(List<ScheduledFault> active) {
        for (ScheduledFault fault : active) {
            if (!(fault.fault() instanceof Fault.Quantum)) {
                throw new IllegalArgumentException("not a quantum fault: " + fault.fault().describe());
            }
        }
        this.active = List.copyOf(active);
    }

    public static LinkConditions honest() {
        return new LinkConditions(List.of());
    }

    public boolean isHonest() {
        return active.isEmpty();
    }

    /** The share of the honest channel's light that reaches Bob, for light emitted at {@code emissionPs}. */
    public double transmittanceFactor(long emissionPs) {
        double factor = 1;
        for (ScheduledFault scheduled : active) {
            Fault fault = scheduled.fault();
            if (fault instanceof Fault.FibreCut || fault instanceof Fault.DetectorFailure) {
                return 0;
            }
            if (fault instanceof Fault.LossRamp ramp) {
                factor *= Math.pow(10, -rampDbAt(ramp, scheduled.atPs(), emissionPs) / 10);
            }
        }
        return factor;
    }

    static double rampDbAt(Fault.LossRamp ramp, long startPs, long timePs) {
        if (timePs <= startPs) {
            return 0;
        }
        if (ramp.rampPs() == 0 || timePs - startPs >= ramp.rampPs()) {
            return ramp.extraDb();
        }
        return ramp.extraDb() * (timePs - startPs) / ramp.rampPs();
    }

    /** The honest channel seen through these faults. */
    public QuantumChannel channel(QuantumChannel honest) {
        if (isHonest()) {
            return honest;
        }
        return new QuantumChannel() {
            @Override
            public double transmittanceAt(long emissionTimePs) {
                return honest.transmittanceAt(emissionTimePs) * transmittanceFactor(emissionTimePs);
            }

            @Override
            public long delayPsAt(long emissionTimePs) {
                return honest.delayPsAt(emissionTimePs);
            }
        };
    }

    /** The eavesdropper acting now: the attack applied last, or none. */
    public Attack attack() {
        Attack attack = Attack.NONE;
        for (ScheduledFault scheduled : active) {
            Fault fault = scheduled.fault();
            if (fault instanceof Fault.InterceptResend ir) {
                attack = new org.qnetem.physics.attack.InterceptResend(ir.fraction());
            } else if (fault instanceof Fault.PhotonNumberSplitting) {
                attack = new org.qnetem.physics.attack.PhotonNumberSplitting();
            } else if (fault instanceof Fault.DetectorBlinding) {
                attack = new org.qnetem.physics.attack.DetectorBlinding();
            }
        }
        return attack;
    }

    /**
     * Bob's receiver now: its detectors' dark counts scaled by every storm (none at all when they have
     * failed), and the blinding monitor of an active blinding fault that runs one.
     */
    public Receiver receiver(Receiver honest) {
        double darkFactor = 1;
        BlindingMonitor monitor = honest.monitor();
        for (ScheduledFault scheduled : active) {
            Fault fault = scheduled.fault();
            if (fault instanceof Fault.DarkCountStorm storm) {
                darkFactor *= storm.factor();
            } else if (fault instanceof Fault.DetectorFailure) {
                darkFactor = 0;
                break;
            } else if (fault instanceof Fault.DetectorBlinding blinding && blinding.monitor()) {
                monitor = new BlindingMonitor(blinding.testGateFraction(), blinding.alarmClicks());
            }
        }
        if (darkFactor == 1 && monitor.equals(honest.monitor())) {
            return honest;
        }
        ThresholdDetector detector = honest.detector();
        ThresholdDetector scaled = new ThresholdDetector(detector.efficiency(), scaled(detector.timing(), darkFactor),
                detector.afterpulseProbability(), detector.timingJitterPs());
        return new Receiver(honest.opticsEfficiency(), scaled, honest.misalignment(), honest.basisBiasX(), monitor);
    }

    private static DetectorTiming scaled(DetectorTiming timing, double factor) {
        if (timing instanceof GatedTiming gated) {
            return new GatedTiming(Math.min(MAX_DARK_COUNT_PER_GATE, gated.darkCountPerGate() * factor),
                    gated.deadTimeGates());
        }
        FreeRunningTiming free = (FreeRunningTiming) timing;
        return new FreeRunningTiming(free.darkCountRateHz() * factor, free.deadTimePs());
    }

    /** BBM92: end b's arm under the faults: its fibre's losses and cut, its detectors' storms and failure. */
    public Bbm92Arm armB(Bbm92Arm honest) {
        if (isHonest()) {
            return honest;
        }
        return new Bbm92Arm(channel(honest.channel()), receiver(honest.receiver()), honest.basisChoice());
    }

    /**
     * BBM92: the intercept-resend acting now on the legs with fibre ({@code legA}: the source is not at end a's
     * node; {@code legB}: not at end b's), if the attack applied last is one. The faults refuse the other attacks
     * on BBM92 links ({@link FaultBook#check}).
     */
    public Optional<PairInterceptResend> pairAttack(boolean legA, boolean legB) {
        Optional<PairInterceptResend> attack = Optional.empty();
        for (ScheduledFault scheduled : active) {
            if (scheduled.fault() instanceof Fault.InterceptResend ir) {
                attack = Optional.of(new PairInterceptResend(ir.fraction(), legA, legB));
            }
        }
        return attack;
    }

    public List<ScheduledFault> active() {
        return active;
    }
}
