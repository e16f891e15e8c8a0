package org.qnetem.qkd.reconciliation;

import java.util.ArrayList;
import java.util.List;
import org.qnetem.qkd.message.ParityRequest;
import org.qnetem.qkd.message.ParityResponse;

/**
 * Both engines of one block joined in memory, with the messages they exchanged. The parities Alice
 * sent are counted here from her responses, independently of either engine's own accounting.
 */
record CascadeRun(ReconciliationResult alice, ReconciliationResult bob, List<ParityRequest> requests,
                  long paritiesSent) {

    static final String LINK = "ALICE-BOB";

    static CascadeRun run(NoisyKeyPair keys, CascadeSettings settings, long blockId) {
        return run(keys, keys.qber(), settings, blockId);
    }

    static CascadeRun run(NoisyKeyPair keys, double estimatedQber, CascadeSettings settings, long blockId) {
        CascadeAlice alice = new CascadeAlice(LINK, blockId, keys.alice(), settings);
        CascadeBob bob = new CascadeBob(LINK, blockId, keys.bob(), estimatedQber, settings);
        List<ParityRequest> requests = new ArrayList<>();
        long paritiesSent = 0;
        CascadeStep step = bob.start();
        while (step instanceof CascadeStep.Ask ask) {
            requests.add(ask.request());
            ParityResponse response = alice.onParityRequest(ask.request());
            paritiesSent += response.parities().length();
            step = bob.onParityResponse(response);
        }
        CascadeStep.Finish finish = (CascadeStep.Finish) step;
        return new CascadeRun(alice.onComplete(finish.complete()), finish.result(), requests, paritiesSent);
    }

    boolean keysAgree() {
        return alice.key().equals(bob.key());
    }
}
