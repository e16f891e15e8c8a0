package org.qnetem.runtime.serialization;

import java.io.IOException;

/**
 * Bytes from the wire that do not describe a valid QNetEm message. The message names the wire message
 * and field at fault, e.g. {@code "DetectionBatch.index_deltas: truncated varint at byte 17"}. An
 * {@link IOException} like protobuf's own parse failure, so callers handle malformed input from
 * another host as one kind of input error.
 */
public final class WireFormatException extends IOException {

    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
