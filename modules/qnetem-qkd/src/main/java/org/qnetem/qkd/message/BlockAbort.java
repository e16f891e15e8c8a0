package org.qnetem.qkd.message;

import java.util.Objects;

/** Either end to the other: key block {@code batchSequence} is abandoned, for the reason given; no key comes of it. */
public record BlockAbort(String linkId, long batchSequence, String reason) implements ClassicalMessage {

    public BlockAbort {
        Objects.requireNonNull(linkId, "linkId");
        Objects.requireNonNull(reason, "reason");
    }
}
