package org.qnetem.runtime.kms;

import org.qnetem.kms.KmeCounters;
import org.qnetem.kms.KmePool;
import org.qnetem.runtime.serialization.InternalMessage;

/** One KME as the report and the operator API show it: its counters, its pools by peer and the keys it holds for slaves. */
public record KmeReport(String kmeId, KmeCounters counters, KmePool[] pools, int storedKeys) implements InternalMessage {

    public KmeReport {
        pools = pools.clone();
    }

    @Override
    public KmePool[] pools() {
        return pools.clone();
    }
}
