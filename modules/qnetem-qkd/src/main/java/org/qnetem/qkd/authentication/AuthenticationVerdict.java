package org.qnetem.qkd.authentication;

/** The outcome of checking a received message against its tag. Only AUTHENTIC lets the message in. */
public enum AuthenticationVerdict {
    /** The tag is right for this message at the expected sequence number. */
    AUTHENTIC,
    /** Right sequence number, wrong tag: the message or the tag was altered, or was not made with our key. */
    TAG_MISMATCH,
    /** A sequence number already used in this direction: a replay. No pad is consumed. */
    REPLAYED,
    /** A sequence number past the next expected one: a message is missing or out of order. No pad is consumed. */
    OUT_OF_ORDER
}
