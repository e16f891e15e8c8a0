package org.qnetem.physics.attack;

import java.util.Objects;

/**
 * A link under attack as the sampler and the expectation see it: for every intensity class k and
 * every action Eve can take on a pulse, the {@link PulseKind} of the result, plus the receiver
 * behaviour that holds during the attack.
 *
 * <p>Eve's actions, decided per pulse by {@link EveChoices}: with probability
 * {@link #actProbability()} she acts on the pulse, in the X basis with probability
 * {@link #eveBasisBiasX()}; the action is {@link #PASS} when she does not act, {@link #SAME_BASIS}
 * when she acts in Alice's basis and {@link #CONJUGATE_BASIS} when in the other one.
 */
public final class PulseKinds {

    public static final int PASS = 0;
    public static final int SAME_BASIS = 1;
    public static final int CONJUGATE_BASIS = 2;
    public static final int ACTIONS = 3;

    private final LinkOptics optics;
    private final PulseKind[] kinds;
    private final double actProbability;
    private final double eveBasisBiasX;
    private final long deadSlots;
    private final double afterpulseProbability;

    /**
     * @param kinds kind of class k and action a at index {@code k * ACTIONS + a}
     * @param deadSlots dead slots after a click during the attack
     * @param afterpulseProbability afterpulse probability during the attack
     */
    public PulseKinds(LinkOptics optics, PulseKind[] kinds, double actProbability, double eveBasisBiasX,
                      long deadSlots, double afterpulseProbability) {
        this.optics = Objects.requireNonNull(optics, "optics");
        if (kinds.length != optics.source().classCount() * ACTIONS) {
            throw new IllegalArgumentException("need " + ACTIONS + " kinds per class, got " + kinds.length + " for "
                    + optics.source().classCount() + " classes");
        }
        if (!(actProbability >= 0 && actProbability <= 1) || !(eveBasisBiasX >= 0 && eveBasisBiasX <= 1)) {
            throw new IllegalArgumentException("Eve's probabilities must be in [0, 1], got " + actProbability
                    + " and " + eveBasisBiasX);
        }
        this.kinds = kinds.clone();
        this.actProbability = actProbability;
        this.eveBasisBiasX = eveBasisBiasX;
        this.deadSlots = deadSlots;
        this.afterpulseProbability = afterpulseProbability;
    }

    /** The honest link: Eve never acts. */
    public static PulseKinds honest(LinkOptics optics) {
        PulseKind[] perClass = new PulseKind[optics.source().classCount()];
        for (int k = 0; k < perClass.length; k++) {
            perClass[k] = PulseKind.honest(optics, k);
        }
        return withoutChoices(optics, perClass);
    }

    /**
     * A link on which every class-k pulse is of kind {@code perClass[k]}: no per-pulse choices of Eve
     * (whatever she does is random in a way only Bob's clicks reveal, and is part of the kind), and
     * the receiver's own dead time and afterpulses.
     */
    public static PulseKinds withoutChoices(LinkOptics optics, PulseKind[] perClass) {
        PulseKind[] kinds = new PulseKind[perClass.length * ACTIONS];
        for (int k = 0; k < perClass.length; k++) {
            for (int action = 0; action < ACTIONS; action++) {
                kinds[k * ACTIONS + action] = perClass[k];
            }
        }
        return new PulseKinds(optics, kinds, 0, 0.5, optics.deadSlots(), optics.afterpulseProbability());
    }

    public LinkOptics optics() {
        return optics;
    }

    public int classCount() {
        return optics.source().classCount();
    }

    public PulseKind kind(int k, int action) {
        return kinds[k * ACTIONS + action];
    }

    public double actProbability() {
        return actProbability;
    }

    public double eveBasisBiasX() {
        return eveBasisBiasX;
    }

    public long deadSlots() {
        return deadSlots;
    }

    public double afterpulseProbability() {
        return afterpulseProbability;
    }

    public double testSlotFraction() {
        return optics.testSlotFraction();
    }

    /** Probability of Eve's {@code action} on a pulse Alice prepared in X ({@code aliceX}) or Z. */
    public double actionProbability(int action, boolean aliceX) {
        double eveInAliceBasis = aliceX ? eveBasisBiasX : 1 - eveBasisBiasX;
        return switch (action) {
            case PASS -> 1 - actProbability;
            case SAME_BASIS -> actProbability * eveInAliceBasis;
            case CONJUGATE_BASIS -> actProbability * (1 - eveInAliceBasis);
            default -> throw new IllegalArgumentException("no action " + action);
        };
    }
}
