package org.qnetem.kms;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one KME has done so far, counted in keys unless named otherwise.
 *
 * @param encKeysServed     keys handed to master SAEs by {@code enc_keys}
 * @param decKeysServed     keys handed to slave SAEs by {@code dec_keys}
 * @param keysRelayed       keys this KME passed on as a trusted intermediate node
 * @param keysExpired       keys wiped at this (slave-side) KME uncollected after their TTL
 * @param relaysAborted     relays this KME started that stopped on their way (each then retried elsewhere)
 * @param messagesRejected  KME messages dropped: failed authentication or not making sense here
 * @param refused           calls refused, indexed by {@link RefusalReason#ordinal()}
 */
public record KmeCounters(long encKeysServed, long decKeysServed, long keysRelayed, long keysExpired,
                          long relaysAborted, long messagesRejected, long[] refused) {

    public KmeCounters {
        refused = refused.clone();
        if (refused.length != RefusalReason.values().length) {
            throw new IllegalArgumentException("one refusal count per reason, got " + refused.length);
        }
    }

    @Override
    public long[] refused() {
        return refused.clone();
    }

    /** Refusals by {@link RefusalReason#reportName()}, every reason listed, in declaration order. */
    public Map<String, Long> refusedByReason() {
        Map<String, Long> byReason = new LinkedHashMap<>();
        for (RefusalReason reason : RefusalReason.values()) {
            byReason.put(reason.reportName(), refused[reason.ordinal()]);
        }
        return byReason;
    }

    @Override
    public String toString() {
        return "KmeCounters[enc " + encKeysServed + ", dec " + decKeysServed + ", relayed " + keysRelayed + ", expired "
                + keysExpired + ", relays aborted " + relaysAborted + ", messages rejected " + messagesRejected
                + ", refused " + refusedByReason() + "]";
    }
}
