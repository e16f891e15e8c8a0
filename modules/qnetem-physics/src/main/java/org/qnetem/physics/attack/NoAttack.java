package org.qnetem.physics.attack;

/** The honest link: Eve never acts. */
public record NoAttack() implements Attack {

    @Override
    public PulseKinds kinds(LinkOptics optics) {
        return PulseKinds.honest(optics);
    }
}
