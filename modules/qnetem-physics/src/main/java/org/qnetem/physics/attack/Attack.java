package org.qnetem.physics.attack;

/**
 * An eavesdropper between Alice and Bob, modelled as a transform of the link the batch sampler
 * samples: per pulse, Eve's counter-based choices ({@link EveChoices}) pick one of a few
 * {@link PulseKind}s, each with its own click statistics, so the sampler keeps skipping from
 * click to click and the cost still follows the detections.
 */
public sealed interface Attack permits NoAttack, InterceptResend, PhotonNumberSplitting, DetectorBlinding {

    /** No eavesdropper. */
    Attack NONE = new NoAttack();

    /** The link's pulse kinds while this attack runs on {@code optics}. */
    PulseKinds kinds(LinkOptics optics);
}
