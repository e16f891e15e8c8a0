package org.qnetem.qkd.reconciliation;

import org.qnetem.qkd.message.CascadeComplete;
import org.qnetem.qkd.message.ParityRequest;

/** What Bob's engine does next: ask Alice another round of parities, or finish. */
public sealed interface CascadeStep permits CascadeStep.Ask, CascadeStep.Finish {

    /** Send {@code request} to Alice and hand her answer to {@link CascadeBob#onParityResponse}. */
    record Ask(ParityRequest request) implements CascadeStep {
    }

    /** Send {@code complete} to Alice; {@code result} holds Bob's corrected key and the accounting. */
    record Finish(CascadeComplete complete, ReconciliationResult result) implements CascadeStep {
    }
}
