package org.qnetem.kms;

import org.qnetem.wire.v1.KmeMessage;

/** Carries a KME's authenticated messages to the neighbouring KME named in {@code to_kme}, in order per pair. */
@FunctionalInterface
public interface KmeTransport {

    void send(KmeMessage message);
}
